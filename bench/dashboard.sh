#!/usr/bin/env bash
# The dashboard's requests, the base binary beside this tree's, in one run.
#
# usage: bench/dashboard.sh BASE_BIN BASE_DB THIS_DB
# Both databases are copies of the same demo database (each binary gets its
# own: this tree's migrates its copy). Starts both servers, then for every
# analytics report and the next visits times RUNS requests (curl
# time_total, median, ms) for admin, manager and the rep wangwei on this
# tree's server, after one request that stores the answer, and BASE_RUNS
# requests as admin on the base server. Prints the load average.
set -euo pipefail
BASE=$1 BASE_DB=$2 THIS_DB=$3
THIS=${THIS_BIN:-build/kehu}
RUNS=${RUNS:-7}
BASE_RUNS=${BASE_RUNS:-1}
export KEHU_TODAY=${KEHU_TODAY:-2026-12-01}
PATHS="analytics/abc analytics/grid analytics/quadrants analytics/lifecycle analytics/loyalty
analytics/clv analytics/whale analytics/cohorts analytics/forecast analytics/followups next-visits"

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
start() {  # bin db log -> url
	"$1" --db "$2" serve --port 0 --threads 2 2>"$3" >/dev/null &
	for _ in $(seq 200); do
		url=$(grep -o 'http://[^ ]*' "$3" | head -1 || true)
		[ -n "$url" ] && { echo "$url"; return; }
		sleep 0.5
	done
	echo "server did not start: $(cat "$3")" >&2; exit 1
}
time_ms() {  # url token path runs
	for _ in $(seq "$4"); do
		curl -s -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $2" "$1/api/v1/$3"
	done | awk '{print $1 * 1000}' | median
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
base_url=$(start "$BASE" "$BASE_DB" bench/out/dash-base.log)
this_url=$(start "$THIS" "$THIS_DB" bench/out/dash-this.log)
trap 'kill $(jobs -p) 2>/dev/null' EXIT
base_admin=$("$BASE" --db "$BASE_DB" token create admin)
declare -A tok
for u in admin manager wangwei; do tok[$u]=$("$THIS" --db "$THIS_DB" token create "$u"); done

printf '%-22s %10s %10s %10s %10s %10s\n' request base_admin first_admin admin manager wangwei
for p in $PATHS; do
	b=$(time_ms "$base_url" "$base_admin" "$p" "$BASE_RUNS")
	first=$(time_ms "$this_url" "${tok[admin]}" "$p" 1)
	row=""
	for u in admin manager wangwei; do
		time_ms "$this_url" "${tok[$u]}" "$p" 1 >/dev/null  # stores it
		row="$row $(time_ms "$this_url" "${tok[$u]}" "$p" "$RUNS")"
	done
	printf '%-22s %10s %10s %10s %10s %10s\n' "$p" "$b" "$first" $row
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
