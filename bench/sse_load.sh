#!/usr/bin/env bash
# Do 1,000 open event streams slow the API down? Times GET /customers (a page
# of 20) and GET /lookup (the incoming-call view) REQS times each without
# streams, then with STREAMS streams held open by bench/sse_clients.py (one
# socket each, as many browsers would), and prints p50 and p99 (ms) side by
# side. The server runs with its usual pool of 4 threads: the streams wait
# suspended, not in a thread.
#
# usage: DB=/path/to/a/copy.db bench/sse_load.sh   (the copy is migrated)
set -euo pipefail
DB=${DB:-/tmp/todos-1m.db}
BIN=${BIN:-build/kehu}
STREAMS=${STREAMS:-1000}
REQS=${REQS:-200}
mkdir -p bench/out
ulimit -n 8192
"$BIN" --db "$DB" init >/dev/null
"$BIN" --db "$DB" serve --port 0 --threads 4 2>bench/out/sse.log >/dev/null &
pid=$!
trap 'kill $pid 2>/dev/null; [ -n "${cpid:-}" ] && kill $cpid 2>/dev/null' EXIT
for _ in $(seq 600); do
	url=$(grep -o 'http://[^ ]*' bench/out/sse.log | head -1 || true)
	[ -n "$url" ] && break
	sleep 0.5
done
[ -n "$url" ] || { echo "server did not start" >&2; exit 1; }
token=$("$BIN" --db "$DB" token create admin)
phone=$(sqlite3 "file:$DB?mode=ro" "SELECT number FROM phones LIMIT 1 OFFSET 1000")
pct() {  # p (0..100) of the numbers on stdin
	sort -g | awk -v p="$1" '{a[NR]=$1} END {i=int(NR*p/100+0.999); if (i<1) i=1; print a[i]}'
}
run() {  # path -> "p50 p99"
	for _ in $(seq "$REQS"); do
		curl -s -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $token" "$url/api/v1/$1"
	done | awk '{print $1 * 1000}' > bench/out/sse-times.txt
	echo "$(pct 50 < bench/out/sse-times.txt) $(pct 99 < bench/out/sse-times.txt)"
}
paths=("customers?per_page=20" "lookup?phone=$phone")
declare -A before
for p in "${paths[@]}"; do run "$p" >/dev/null; before[$p]=$(run "$p"); done
coproc CLIENTS { python3 bench/sse_clients.py "$url" "$token" "$STREAMS"; }
cpid=$CLIENTS_PID
read -r line <&"${CLIENTS[0]}"
echo "$line streams (server threads: 4)"
printf '%-34s %16s %16s\n' request "no streams p50/p99" "$STREAMS streams p50/p99"
for p in "${paths[@]}"; do
	after=$(run "$p")
	printf '%-34s %16s %16s\n' "${p%%\?*}" "${before[$p]// //}" "${after// //}"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
