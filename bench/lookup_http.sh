#!/usr/bin/env bash
# The incoming-call lookup over HTTP, side by side with a static file of the same
# size served by the same server: how much of a request's cost is kehu's own work
# (token check, permission, phone index, 360 view, JSON) rather than HTTP itself.
#
# Builds (once) a demo database of N customers (default 100000), gives the demo
# admin an API token, starts `kehu serve` on a free port with --static, then runs
# wrk for D seconds (default 10) against GET /api/v1/lookup?phone=... (rotating
# through 1000 real numbers of the database, typed in mixed formats) and against
# a static file as large as a typical lookup answer. Prints requests/s, p50/p99
# latency, their ratios, and the server's RSS (VmRSS now, VmHWM peak).
#
# usage: bench/lookup_http.sh [CUSTOMERS] [SECONDS]   (from the project root)
# needs: wrk, sqlite3, curl (Debian packages wrk, sqlite3, curl)
set -euo pipefail
N=${1:-100000}
SECS=${2:-10}
THREADS=${WRK_THREADS:-2}
CONNS=${WRK_CONNECTIONS:-32}
OUT=bench/out
DB=$OUT/demo-$N.db
KEHU=${KEHU_BIN:-build/kehu}
mkdir -p "$OUT"
for tool in wrk sqlite3 curl; do
	command -v "$tool" >/dev/null || { echo "bench: $tool is needed" >&2; exit 1; }
done
[ -n "${KEHU_BIN:-}" ] || make -s build/kehu

if [ ! -f "$DB" ]; then
	echo "== demo --customers $N (once)"
	"$KEHU" --db "$DB" demo --customers "$N" --seed 7 >/dev/null
fi
TOKEN=$("$KEHU" --db "$DB" token create admin --name bench)

# 1000 numbers as people type them (spaces, dashes, +86), URL-encoded for wrk.
sqlite3 "$DB" "SELECT number FROM phones ORDER BY random() LIMIT 1000" |
	awk 'NR%3==0 {print "%2B86%20" $0; next}
	     NR%3==1 {print substr($0,1,3) "-" substr($0,4,4) "-" substr($0,8); next} {print}' \
	> "$OUT/http_numbers.txt"

STATIC=$(mktemp -d)
LOG=$(mktemp)
cleanup() {
	[ -n "${PID:-}" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null || true
	rm -rf "$STATIC" "$LOG"
}
trap cleanup EXIT
"$KEHU" --db "$DB" serve --port 0 --static "$STATIC" 2>"$LOG" &
PID=$!
for _ in $(seq 100); do
	URL=$(grep -o 'http://[^ ]*' "$LOG" | head -1 || true)
	[ -n "$URL" ] && break
	sleep 0.1
done
[ -n "$URL" ] || { cat "$LOG"; exit 1; }

# The static file: a real lookup answer, so both sides send the same bytes.
curl -sf -H "Authorization: Bearer $TOKEN" \
	"$URL/api/v1/lookup?phone=$(head -1 "$OUT/http_numbers.txt")" > "$STATIC/lookup.json"
SIZE=$(stat -c %s "$STATIC/lookup.json")

cat > "$OUT/lookup.lua" <<'LUA'
local numbers = {}
local i = 0
init = function(args)
	for line in io.lines(args[1]) do numbers[#numbers + 1] = line end
	i = math.random(#numbers)
end
request = function()
	i = i % #numbers + 1
	return wrk.format("GET", "/api/v1/lookup?phone=" .. numbers[i])
end
LUA
cat > "$OUT/report.lua" <<'LUA'
done = function(summary, latency, requests)
	io.write(string.format("RESULT %.1f %.3f %.3f %d %d\n",
		summary.requests / (summary.duration / 1e6),
		latency:percentile(50) / 1000, latency:percentile(99) / 1000,
		summary.errors.status + summary.errors.connect + summary.errors.read +
		summary.errors.write + summary.errors.timeout, summary.requests))
end
LUA
# wrk takes one script; join the request generator and the reporter.
cat "$OUT/lookup.lua" "$OUT/report.lua" > "$OUT/lookup_full.lua"

run() { # name, url, script, [script args...]
	local name=$1 url=$2 script=$3
	shift 3
	wrk -t"$THREADS" -c"$CONNS" -d"${SECS}s" -H "Authorization: Bearer $TOKEN" -s "$script" \
		"$url" ${1:+--} "$@" | awk -v n="$name" '/^RESULT/ {print n, $2, $3, $4, $5, $6}'
}
echo "== warm-up"
wrk -t1 -c4 -d2s -H "Authorization: Bearer $TOKEN" -s "$OUT/lookup_full.lua" \
	"$URL" -- "$OUT/http_numbers.txt" >/dev/null
echo "== wrk -t$THREADS -c$CONNS -d${SECS}s; $N customers; answer size $SIZE bytes"
L=$(run lookup "$URL" "$OUT/lookup_full.lua" "$OUT/http_numbers.txt")
S=$(run static "$URL/lookup.json" "$OUT/report.lua")
RSS=$(awk '/VmRSS/ {print $2}' /proc/$PID/status)
HWM=$(awk '/VmHWM/ {print $2}' /proc/$PID/status)
printf '%s\n%s\n' "$L" "$S" | awk -v rss="$RSS" -v hwm="$HWM" '
	{ name[NR]=$1; rps[NR]=$2; p50[NR]=$3; p99[NR]=$4; err[NR]=$5; n[NR]=$6 }
	END {
		printf "%-22s %12s %10s %10s %8s %8s\n", "", "requests/s", "p50 ms", "p99 ms", "errors", "requests"
		for (i = 1; i <= 2; i++)
			printf "%-22s %12.0f %10.2f %10.2f %8d %8d\n", name[i] == "lookup" ? "GET /api/v1/lookup" : "static file, same size", rps[i], p50[i], p99[i], err[i], n[i]
		printf "%-22s %12.2f %10.2f %10.2f\n", "lookup / static", rps[1] / rps[2], p50[1] / p50[2], p99[1] / p99[2]
		printf "server RSS: %.1f MiB now (VmRSS), %.1f MiB peak (VmHWM)\n", rss / 1024, hwm / 1024
	}'
