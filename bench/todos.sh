#!/usr/bin/env bash
# The to-do centre at scale: GET /todos?items=0 (the counts, what the event
# stream sends), GET /todos (the counts and each kind's first 10 items) and
# one kind's list, for an admin (everybody's) and the rep wangwei (their own).
#
# usage: DB=/path/to/a/copy.db bench/todos.sh
# DB is changed: its first open by this tree's binary migrates it (migration
# 26 builds the to-do indexes), so give a copy (default /tmp/todos-1m.db, made
# from /work/bench-data/1m.db when it is not there). Prints the median of RUNS
# requests (curl time_total, ms) and the load average.
set -euo pipefail
SRC=${SRC:-/work/bench-data/1m.db}
DB=${DB:-/tmp/todos-1m.db}
BIN=${BIN:-build/kehu}
RUNS=${RUNS:-9}
export KEHU_TODAY=${KEHU_TODAY:-2026-12-01}
[ -e "$DB" ] || cp "$SRC" "$DB"
mkdir -p bench/out
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
time_ms() {  # token path
	for _ in $(seq "$RUNS"); do
		curl -s -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $1" "$url/api/v1/$2"
	done | awk '{print $1 * 1000}' | median
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
"$BIN" --db "$DB" init >/dev/null   # the migration, outside the timings
"$BIN" --db "$DB" serve --port 0 --threads 2 2>bench/out/todos.log >/dev/null &
pid=$!
trap 'kill $pid 2>/dev/null' EXIT
for _ in $(seq 600); do
	url=$(grep -o 'http://[^ ]*' bench/out/todos.log | head -1 || true)
	[ -n "$url" ] && break
	sleep 0.5
done
[ -n "$url" ] || { echo "server did not start: $(cat bench/out/todos.log)" >&2; exit 1; }
printf '%-40s %10s %10s\n' request admin wangwei
admin=$("$BIN" --db "$DB" token create admin)
rep=$("$BIN" --db "$DB" token create wangwei)
for p in "todos?items=0" "todos" "todos?kind=followups_due&limit=50" \
	"todos?kind=key_accounts_overdue&limit=50" "todos?kind=dates_upcoming&limit=50"; do
	time_ms "$admin" "$p" >/dev/null   # warm the page cache
	printf '%-40s %10s %10s\n' "$p" "$(time_ms "$admin" "$p")" "$(time_ms "$rep" "$p")"
done
echo "counts (admin): $(curl -s -H "Authorization: Bearer $admin" "$url/api/v1/todos?items=0")"
echo "counts (wangwei): $(curl -s -H "Authorization: Bearer $rep" "$url/api/v1/todos?items=0")"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
