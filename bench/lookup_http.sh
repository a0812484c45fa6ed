#!/usr/bin/env bash
# The incoming-call lookup and search over HTTP, beside /healthz and a static
# file of a lookup's size served by the same server in the same run: how much
# of a request's cost is kehu's own work (token check, permission, phone index,
# 360 view or search, JSON) rather than HTTP itself. Targets (issue 11):
# lookup and search >= 0.3x the /healthz requests/s, search p99 <= 5 ms.
#
# Builds (once) a demo database of N customers (default 100000) unless DB=path
# names one (a copy of yours: the token below is written into it), gives the
# demo admin an API token, starts `kehu serve` on a free port with --static,
# then runs wrk for D seconds (default 10) against GET /api/v1/lookup?phone=...
# (rotating through 1000 real numbers of the database, typed in mixed formats),
# GET /api/v1/search?q=... (rotating through surnames in pinyin and 中文, and
# phone digits; q=zhang alone with SEARCH_Q=zhang), /healthz and the static
# file, then lookup and search again over one connection (the latency of a
# request alone). Prints requests/s, p50/p99 latency, the ratios to /healthz, and the
# server's memory (VmRSS, VmHWM, RssAnon, RssFile).
#
# wrk is a closed loop (each connection sends its next request when the
# answer came): its latencies leave out the time a request would have waited
# behind a stalled one (coordinated omission), so they are best cases; the
# requests/s are exact.
#
# usage: [KEHU_BIN=..] [DB=..] bench/lookup_http.sh [CUSTOMERS] [SECONDS]
# needs: wrk, sqlite3, curl (Debian packages wrk, sqlite3, curl)
set -euo pipefail
N=${1:-100000}
SECS=${2:-10}
THREADS=${WRK_THREADS:-2}
CONNS=${WRK_CONNECTIONS:-32}
OUT=bench/out
DB=${DB:-$OUT/demo-$N.db}
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
TAG=$(basename "$DB" .db)

# 1000 numbers as people type them (spaces, dashes, +86), URL-encoded for wrk.
sqlite3 "$DB" "SELECT number FROM phones ORDER BY random() LIMIT 1000" |
	awk 'NR%3==0 {print "%2B86%20" $0; next}
	     NR%3==1 {print substr($0,1,3) "-" substr($0,4,4) "-" substr($0,8); next} {print}' \
	> "$OUT/http_numbers-$TAG.txt"
# What people type into the search box: pinyin, 中文 surnames and digits.
if [ -n "${SEARCH_Q:-}" ]; then
	echo "$SEARCH_Q" > "$OUT/http_queries.txt"
else
	printf '%s\n' zhang wang li liu chen yang zhao huang zhou wu zs wl \
		%E5%BC%A0 %E7%8E%8B %E6%9D%8E %E5%8C%97%E4%BA%AC %E7%A7%91%E6%8A%80 \
		5678 1381 0755 > "$OUT/http_queries.txt"
fi

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
	"$URL/api/v1/lookup?phone=$(head -1 "$OUT/http_numbers-$TAG.txt")" > "$STATIC/lookup.json"
SIZE=$(stat -c %s "$STATIC/lookup.json")

cat > "$OUT/rotate.lua" <<'LUA'
local items = {}
local i = 0
local prefix = ""
init = function(args)
	prefix = args[1]
	for line in io.lines(args[2]) do items[#items + 1] = line end
	i = math.random(#items)
end
request = function()
	i = i % #items + 1
	return wrk.format("GET", prefix .. items[i])
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
cat "$OUT/rotate.lua" "$OUT/report.lua" > "$OUT/rotate_full.lua"

run() { # name, url, script, [script args...]; WRK_T/WRK_C override the load
	local name=$1 url=$2 script=$3
	shift 3
	wrk -t"${WRK_T:-$THREADS}" -c"${WRK_C:-$CONNS}" -d"${SECS}s" -H "Authorization: Bearer $TOKEN" \
		-s "$script" "$url" ${1:+--} "$@" | awk -v n="$name" '/^RESULT/ {print n, $2, $3, $4, $5, $6}'
}
echo "== warm-up"
wrk -t1 -c4 -d2s -H "Authorization: Bearer $TOKEN" -s "$OUT/rotate_full.lua" \
	"$URL" -- "/api/v1/lookup?phone=" "$OUT/http_numbers-$TAG.txt" >/dev/null
wrk -t1 -c4 -d2s -H "Authorization: Bearer $TOKEN" -s "$OUT/rotate_full.lua" \
	"$URL" -- "/api/v1/search?q=" "$OUT/http_queries.txt" >/dev/null
echo "== $KEHU on $DB: wrk -t$THREADS -c$CONNS -d${SECS}s; lookup answer $SIZE bytes;" \
	"load $(cut -d' ' -f1-3 /proc/loadavg)"
{
	run lookup "$URL" "$OUT/rotate_full.lua" "/api/v1/lookup?phone=" "$OUT/http_numbers-$TAG.txt"
	run search "$URL" "$OUT/rotate_full.lua" "/api/v1/search?q=" "$OUT/http_queries.txt"
	run healthz "$URL/healthz" "$OUT/report.lua"
	run static "$URL/lookup.json" "$OUT/report.lua"
	# One connection: the latency of a request alone, without queueing.
	WRK_T=1 WRK_C=1 run lookup_1conn "$URL" "$OUT/rotate_full.lua" "/api/v1/lookup?phone=" \
		"$OUT/http_numbers-$TAG.txt"
	WRK_T=1 WRK_C=1 run search_1conn "$URL" "$OUT/rotate_full.lua" "/api/v1/search?q=" \
		"$OUT/http_queries.txt"
} > "$OUT/http_results-$TAG.txt"
mem() { awk -v k="$1:" '$1 == k {print $2}' /proc/$PID/status; }
awk -v rss="$(mem VmRSS)" -v hwm="$(mem VmHWM)" -v anon="$(mem RssAnon)" -v file="$(mem RssFile)" '
	{ name[NR]=$1; rps[NR]=$2; p50[NR]=$3; p99[NR]=$4; err[NR]=$5; n[NR]=$6; if ($1 == "healthz") h = $2 }
	END {
		printf "%-12s %12s %10s %10s %8s %9s %10s\n", "", "requests/s", "p50 ms", "p99 ms", "errors", "requests", "/ healthz"
		for (i = 1; i <= NR; i++)
			printf "%-12s %12.0f %10.2f %10.2f %8d %9d %10.3f\n", name[i], rps[i], p50[i], p99[i], err[i], n[i], rps[i] / h
		printf "server memory: VmRSS %.1f MiB (RssAnon %.1f, RssFile %.1f), VmHWM %.1f MiB\n", rss / 1024, anon / 1024, file / 1024, hwm / 1024
	}' "$OUT/http_results-$TAG.txt"
