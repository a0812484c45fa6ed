#!/usr/bin/env bash
# First page with its total of the list endpoints, the base build beside this
# tree's, in one run on the same data: median of RUNS requests (admin token,
# one at a time, server warm) per URL, in milliseconds.
#
# Builds the base (git ref BASE, default main) from `git archive` in a temporary
# directory unless BASE_BIN names a binary, makes a demo database of N customers
# (default 100000, seed 7) with the base binary, copies it for this tree's binary
# (which migrates the copy: the new indexes), serves each copy on a free port and
# times every URL with curl.
#
# usage: bench/lists.sh [CUSTOMERS] [RUNS]   (from the project root)
# needs: curl, git, sqlite3
set -euo pipefail
N=${1:-100000}
RUNS=${2:-20}
BASE=${BASE:-main}
OUT=bench/out
NEW=${KEHU_BIN:-build/kehu}
mkdir -p "$OUT"
[ -n "${KEHU_BIN:-}" ] || make -s build/kehu
TMP=$(mktemp -d)
PIDS=()
cleanup() {
	for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null && wait "$p" 2>/dev/null || true; done
	rm -rf "$TMP"
}
trap cleanup EXIT

# The base build and its demo database are kept in bench/out for the next run
# (KEEP=0 rebuilds both).
COMMIT=$(git rev-parse --short "$BASE")
if [ -z "${BASE_BIN:-}" ]; then
	BASE_BIN=$OUT/base-$COMMIT/build/kehu
	if [ "${KEEP:-1}" = 0 ] || [ ! -x "$BASE_BIN" ]; then
		echo "== building $BASE ($COMMIT)"
		rm -rf "$OUT/base-$COMMIT" && mkdir -p "$OUT/base-$COMMIT"
		git archive "$BASE" | tar -x -C "$OUT/base-$COMMIT"
		make -s -C "$OUT/base-$COMMIT" build/kehu >/dev/null
	fi
fi
DB_BASE=$OUT/lists-base-$COMMIT-$N.db
DB_NEW=$OUT/lists-new-$N.db
if [ "${KEEP:-1}" = 0 ] || [ ! -f "$DB_BASE" ]; then
	echo "== demo --customers $N --seed 7 (base binary)"
	rm -f "$DB_BASE" "$DB_BASE"-wal "$DB_BASE"-shm
	"$BASE_BIN" --db "$DB_BASE" demo --customers "$N" --seed 7 >/dev/null
fi
rm -f "$DB_NEW" "$DB_NEW"-wal "$DB_NEW"-shm
cp "$DB_BASE" "$DB_NEW"

# serve BIN DB: starts the server, sets URL and TOKEN
serve() {
	local log=$TMP/log-$RANDOM
	TOKEN=$("$1" --db "$2" token create admin --name bench)
	"$1" --db "$2" serve --port 0 2>"$log" &
	PIDS+=($!)
	URL=
	for _ in $(seq 300); do
		URL=$(grep -o 'http://[^ ]*' "$log" | head -1 || true)
		[ -n "$URL" ] && break
		sleep 0.1
	done
	[ -n "$URL" ] || { cat "$log"; exit 1; }
}
# the owner with the most customers, for the owner filter
OWNER=$(sqlite3 -readonly "$DB_BASE" \
	"SELECT owner_id FROM customers GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")
serve "$BASE_BIN" "$DB_BASE"
URL_BASE=$URL TOKEN_BASE=$TOKEN
echo "== migrating the copy (this tree's binary)"
serve "$NEW" "$DB_NEW"
URL_NEW=$URL TOKEN_NEW=$TOKEN

PATHS=(
	"customers"
	"customers?sort=name"
	"customers?sort=-name"
	"customers?segment=enterprise&sort=name"
	"customers?owner=$OWNER&sort=name"
	"customers?grade=A"
	"customers?abc_class=A"
	"customers?lifecycle=churned"
	"customers?sort=-revenue_12m"
	"contacts?sort=name"
	"orders"
	"orders?sort=-date"
	"orders?status=confirmed"
	"activities?sort=-date"
	"activities?kind=visit&sort=-date"
	"opportunities?stage=proposal&sort=-amount"
	"opportunities?sort=expected_close"
	"payments?sort=due_date"
)

# median_ms URL TOKEN: the median time of RUNS requests (after one warm-up)
median_ms() {
	curl -sf -o /dev/null -H "Authorization: Bearer $2" "$1" ||
		{ echo "failed: $1" >&2; exit 1; }
	for _ in $(seq "$RUNS"); do
		curl -s -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $2" "$1"
	done | sort -n | awk '{t[NR] = $1} END {
		m = NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
		printf "%.1f", m * 1000 }'
}

printf '\n%d customers, median of %d, ms (first page of 50 with total, admin)\n' "$N" "$RUNS"
printf '%-50s %10s %10s\n' "GET /api/v1/..." "$BASE" "this tree"
for p in "${PATHS[@]}"; do
	b=$(median_ms "$URL_BASE/api/v1/$p" "$TOKEN_BASE")
	n=$(median_ms "$URL_NEW/api/v1/$p" "$TOKEN_NEW")
	printf '%-50s %10s %10s\n' "$p" "$b" "$n"
done
