#!/usr/bin/env bash
# Mixed load (issue 11): 64 clients, 80% reads / 20% writes, 60 s, against a
# copy of a database (the run writes into it: activities, orders, customer
# changes, a token). Targets: 0 errors, p99 <= 100 ms. Starts `kehu serve`
# on the copy, runs bench/mixed.py (see there for the mix and for what the
# latencies mean: closed loop by default, --rate for a fixed schedule), then
# reports the server's memory after the load: VmRSS, VmHWM, RssAnon (heap,
# SQLite's page caches) apart from RssFile (mmap'd database pages, the
# binary).
#
# usage: [KEHU_BIN=build/kehu] bench/mixed.sh DB_COPY [SECONDS] [CLIENTS] [mixed.py options]
# e.g.   cp /work/bench-data/1m.db bench/out/mixed.db && bench/mixed.sh bench/out/mixed.db
set -euo pipefail
DB=${1:?usage: bench/mixed.sh DB_COPY [SECONDS] [CLIENTS]}
SECS=${2:-60}
CLIENTS=${3:-64}
shift $(($# < 3 ? $# : 3))
KEHU=${KEHU_BIN:-build/kehu}
OUT=bench/out
mkdir -p "$OUT"
[ -n "${KEHU_BIN:-}" ] || make -s build/kehu
TAG=$(basename "$DB" .db)
TOKEN=$("$KEHU" --db "$DB" token create admin --name mixed)
sqlite3 "$DB" "SELECT id FROM customers WHERE deleted_at IS NULL ORDER BY random() LIMIT 5000" \
	> "$OUT/mixed_ids-$TAG.txt"
sqlite3 "$DB" "SELECT number FROM phones ORDER BY random() LIMIT 2000" > "$OUT/mixed_numbers-$TAG.txt"
LOG=$(mktemp)
cleanup() {
	[ -n "${PID:-}" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null || true
	rm -f "$LOG"
}
trap cleanup EXIT
"$KEHU" --db "$DB" serve --port 0 2>"$LOG" &
PID=$!
for _ in $(seq 100); do
	URL=$(grep -o 'http://[^ ]*' "$LOG" | head -1 || true)
	[ -n "$URL" ] && break
	sleep 0.1
done
[ -n "$URL" ] || { cat "$LOG"; exit 1; }
echo "== $KEHU on $DB: $CLIENTS clients, ${SECS}s; load $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/python3 bench/mixed.py "$URL" "$TOKEN" "$OUT/mixed_ids-$TAG.txt" \
	"$OUT/mixed_numbers-$TAG.txt" --clients "$CLIENTS" --seconds "$SECS" "$@"
mem() { awk -v k="$1:" '$1 == k {printf "%.1f", $2 / 1024}' /proc/$PID/status; }
echo "server memory after the load: VmRSS $(mem VmRSS) MiB (RssAnon $(mem RssAnon)," \
	"RssFile $(mem RssFile)), VmHWM $(mem VmHWM) MiB; load $(cut -d' ' -f1-3 /proc/loadavg)"
