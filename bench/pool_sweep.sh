#!/usr/bin/env bash
# The pool sweep (kehu pool sweep, issue 13) on a large database: the time of
# a dry run (reads the due customers from the rules' partial indexes, changes
# nothing) and of a real sweep (moves each due customer to the pool through
# service/customers/ownership.c: owner history, audit log, a transaction per
# 500), the median of RUNS runs each.
#
# DB is a ready COPY (e.g. `sqlite3 /work/bench-data/1m.db ".backup /tmp/pool-1m.db"`):
# it is migrated in place once (the migration's time is printed too), the
# dry runs read it, and each real sweep runs on a fresh copy of it (WORK).
#
# usage: DB=/tmp/pool-1m.db bench/pool_sweep.sh
#   env: KEHU (default build/kehu), RUNS (3), WORK (default $DB.sweep),
#        KEHU_TODAY (kehu's today; default 120 days from now: a demo database's
#        owners got their customers the day it was made, so 120 days later every
#        owned, unlocked, never-won customer is due, the sweep's worst case)
set -euo pipefail

KEHU=${KEHU:-$(dirname "$0")/../build/kehu}
RUNS=${RUNS:-3}
: "${DB:?DB=PATH of a copy of a large database}"
WORK=${WORK:-$DB.sweep}
KEHU_TODAY=${KEHU_TODAY:-$(date -u -d '+120 days' +%F)}
export KEHU_TODAY
echo "KEHU_TODAY=$KEHU_TODAY"

secs() { # run "$@", print its wall time in seconds
	local t0 t1
	t0=$(date +%s.%N)
	"$@" >/dev/null
	t1=$(date +%s.%N)
	echo "$t1 - $t0" | bc
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

echo "migrate (once): $(secs "$KEHU" --db "$DB" init) s"
customers=$(sqlite3 "$DB" "SELECT count(*) FROM customers WHERE deleted_at IS NULL")
owned=$(sqlite3 "$DB" "SELECT count(*) FROM customers WHERE deleted_at IS NULL AND owner_id IS NOT NULL")
sweepable=$(sqlite3 "$DB" "SELECT count(*) FROM customers WHERE deleted_at IS NULL AND owner_id IS NOT NULL AND locked = 0 AND won_on IS NULL")
due=$("$KEHU" --db "$DB" pool sweep --dry-run --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["moved"])')
echo "customers $customers, owned $owned, sweepable (owned, unlocked, not won) $sweepable, due $due"

dry=()
for _ in $(seq "$RUNS"); do
	dry+=("$(secs "$KEHU" --db "$DB" pool sweep --dry-run)")
done
echo "dry run:    ${dry[*]} s, median $(printf '%s\n' "${dry[@]}" | median) s"

real=()
for _ in $(seq "$RUNS"); do
	rm -f "$WORK" "$WORK-wal" "$WORK-shm"
	sqlite3 "$DB" ".backup '$WORK'"
	real+=("$(secs "$KEHU" --db "$WORK" pool sweep)")
	left=$("$KEHU" --db "$WORK" pool sweep --dry-run --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["moved"])')
	[ "$left" = 0 ] || { echo "a real sweep left $left due customers" >&2; exit 1; }
done
rm -f "$WORK" "$WORK-wal" "$WORK-shm"
echo "real sweep: ${real[*]} s, median $(printf '%s\n' "${real[@]}" | median) s ($due customers moved each)"
uptime
