#!/usr/bin/env bash
# The 7P statistics at scale: GET /statistics/{name} for each of the six
# (performance also by channel and region), the Excel download of one, and a
# customer's cross-sell suggestions, for an admin (every customer) and the
# rep wangwei (their own).
#
# usage: DB=/path/to/a/copy.db bench/statistics.sh
# Without DB it makes /tmp/stats-100k.db (`kehu demo --customers $N --seed 7`,
# N default 100000) when it is not there. Two servers on the database: one as
# deployed, whose first request of each statistic computes and stores its
# answer ("first") and whose next RUNS requests read the stored answer
# (median, "stored"), and one with KEHU_REPORTS_FRESH=1, which computes every
# answer afresh (median of FRESH_RUNS, "compute": what a request would cost
# without the stored result, and what the refresher spends after a write).
# curl time_total in ms; prints the load average before and after.
# FRESH_RUNS=0 leaves the second server and its column out (at 1M customers
# "first" is already one computation of minutes).
set -euo pipefail
N=${N:-100000}
DB=${DB:-/tmp/stats-100k.db}
BIN=${BIN:-build/kehu}
RUNS=${RUNS:-9}
FRESH_RUNS=${FRESH_RUNS:-3}
export KEHU_TODAY=${KEHU_TODAY:-2026-12-01}
[ -e "$DB" ] || "$BIN" --db "$DB" demo --customers "$N" --seed 7 >/dev/null
mkdir -p bench/out
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
time_ms() {  # url token path runs
	for _ in $(seq "$4"); do
		curl -s -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $2" "$1/api/v1/$3"
	done | awk '{print $1 * 1000}' | median
}
start() {  # log [env]: starts a server in the background, its pid into pids
	env ${2:-} "$BIN" --db "$DB" serve --port 0 --threads 2 2>"$1" >/dev/null &
	pids+=($!)
}
url_of() {  # log -> url, once the server listens
	for _ in $(seq 600); do
		u=$(grep -o 'http://[^ ]*' "$1" | head -1 || true)
		[ -n "$u" ] && { echo "$u"; return; }
		sleep 0.5
	done
	echo "server did not start: $(cat "$1")" >&2; exit 1
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
"$BIN" --db "$DB" init >/dev/null   # any migration, outside the timings
pids=()
trap 'kill "${pids[@]}" 2>/dev/null' EXIT
start bench/out/statistics.log
[ "$FRESH_RUNS" -gt 0 ] && start bench/out/statistics-fresh.log KEHU_REPORTS_FRESH=1
url=$(url_of bench/out/statistics.log)
[ "$FRESH_RUNS" -gt 0 ] && fresh=$(url_of bench/out/statistics-fresh.log)
compute() {  # path: a fresh computation's median, or - without that server
	if [ "$FRESH_RUNS" -gt 0 ]; then time_ms "$fresh" "$admin" "$1" "$FRESH_RUNS"; else echo -; fi
}
admin=$("$BIN" --db "$DB" token create admin)
rep=$("$BIN" --db "$DB" token create wangwei)
cid=$(sqlite3 "$DB" "SELECT customer_id FROM orders WHERE deleted_at IS NULL ORDER BY id LIMIT 1")
printf '%-42s %9s %9s %9s %9s %9s\n' request "first" stored compute "rep first" "rep stored"
for p in statistics/profiling statistics/persistency statistics/profitability \
	statistics/performance "statistics/performance?group=channel" \
	"statistics/performance?group=region" statistics/prospecting statistics/product \
	statistics/promotion \
	"statistics/performance?format=xlsx" "customers/$cid/cross-sell"; do
	printf '%-42s %9s %9s %9s %9s %9s\n' "$p" "$(time_ms "$url" "$admin" "$p" 1)" \
		"$(time_ms "$url" "$admin" "$p" "$RUNS")" "$(compute "$p")" \
		"$(time_ms "$url" "$rep" "$p" 1)" "$(time_ms "$url" "$rep" "$p" "$RUNS")"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
