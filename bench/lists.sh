#!/usr/bin/env bash
# First page with its total of the list endpoints, the base build beside this
# tree's, in one run on the same data: p50 and p99 of RUNS requests (one at a
# time, server warm) per URL, in milliseconds, for an admin token and a sales
# rep's token (the rep's data scope: own customers, the pool, shares), plus a
# deep page (offset on the base, which has no cursors; by cursor here).
#
# Builds the base (git ref BASE, default main) from `git archive` in a temporary
# directory unless BASE_BIN names a binary, makes a demo database of N customers
# (default 100000, seed 7) with the base binary, copies it for this tree's binary
# (which migrates the copy), serves each copy on a free port and times every URL
# with curl. On an existing database instead (the 1M copy): BASE_DB and NEW_DB
# name two copies of it (NEW_DB is migrated by this tree's binary; neither may be
# a file you want to keep unchanged: tokens are added), N is then only a label.
#
# usage: bench/lists.sh [CUSTOMERS] [RUNS]   (from the project root)
#   env: BASE_BIN, BASE_DB, NEW_DB, KEHU_BIN, REP (login, default wangwei),
#        BASE_RUNS (runs of the base binary, default RUNS), DEEP (page, default 2000;
#        0: none),
#        PATHS_ONLY ("path path ...": only these lists; $REP_ID in one is the rep's
#        id, e.g. PATHS_ONLY='pipeline activities?kind=visit&user=$REP_ID')
# needs: curl, git, sqlite3
set -euo pipefail
N=${1:-100000}
RUNS=${2:-20}
BASE_RUNS=${BASE_RUNS:-$RUNS}
BASE=${BASE:-main}
REP=${REP:-wangwei}
DEEP=${DEEP:-2000}
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

COMMIT=$(git rev-parse --short "$BASE")
LABEL=$BASE
if [ -n "${BASE_BIN:-}" ]; then
	LABEL=$(basename "$BASE_BIN")
else
	BASE_BIN=$OUT/base-$COMMIT/build/kehu
	if [ "${KEEP:-1}" = 0 ] || [ ! -x "$BASE_BIN" ]; then
		echo "== building $BASE ($COMMIT)"
		rm -rf "$OUT/base-$COMMIT" && mkdir -p "$OUT/base-$COMMIT"
		git archive "$BASE" | tar -x -C "$OUT/base-$COMMIT"
		make -s -C "$OUT/base-$COMMIT" build/kehu >/dev/null
	fi
fi
if [ -n "${BASE_DB:-}" ] && [ -n "${NEW_DB:-}" ]; then
	DB_BASE=$BASE_DB DB_NEW=$NEW_DB
else
	# The base build and its demo database are kept in bench/out for the next
	# run (KEEP=0 rebuilds both).
	DB_BASE=$OUT/lists-base-$COMMIT-$N.db
	DB_NEW=$OUT/lists-new-$N.db
	if [ "${KEEP:-1}" = 0 ] || [ ! -f "$DB_BASE" ]; then
		echo "== demo --customers $N --seed 7 (base binary)"
		rm -f "$DB_BASE" "$DB_BASE"-wal "$DB_BASE"-shm
		"$BASE_BIN" --db "$DB_BASE" demo --customers "$N" --seed 7 >/dev/null
	fi
	rm -f "$DB_NEW" "$DB_NEW"-wal "$DB_NEW"-shm
	cp "$DB_BASE" "$DB_NEW"
fi

# serve BIN DB: starts the server, sets URL, TOKEN (admin) and REP_TOKEN
serve() {
	local log=$TMP/log-$RANDOM
	TOKEN=$("$1" --db "$2" token create admin --name bench)
	REP_TOKEN=$("$1" --db "$2" token create "$REP" --name bench)
	"$1" --db "$2" serve --port 0 2>"$log" &
	PIDS+=($!)
	URL=
	for _ in $(seq 3000); do
		URL=$(grep -o 'http://[^ ]*' "$log" | head -1 || true)
		[ -n "$URL" ] && break
		sleep 0.1
	done
	[ -n "$URL" ] || { cat "$log"; exit 1; }
}
# the owner with the most customers, for the owner filter
OWNER=$(sqlite3 -readonly "$DB_BASE" \
	"SELECT owner_id FROM customers WHERE deleted_at IS NULL AND owner_id IS NOT NULL
	 GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")
# the rep's id, for the rep's own visits (user=ME on the visits page)
REP_ID=$(sqlite3 -readonly "$DB_BASE" "SELECT id FROM users WHERE login = '$REP'")
serve "$BASE_BIN" "$DB_BASE"
URL_BASE=$URL TOKEN_BASE=$TOKEN REP_BASE=$REP_TOKEN
echo "== migrating the copy (this tree's binary)"
serve "$NEW" "$DB_NEW"
URL_NEW=$URL TOKEN_NEW=$TOKEN REP_NEW=$REP_TOKEN

PATHS=(
	"customers"
	"customers?sort=name"
	"customers?sort=-name"
	"customers?segment=enterprise&sort=name"
	"customers?owner=$OWNER&sort=name"
	"customers?grade=A"
	"customers?source=referral"
	"customers?abc_class=A"
	"customers?lifecycle=churned"
	"customers?sort=-revenue_12m"
	"customers?q=zs"
	"contacts?sort=name"
	"orders"
	"orders?sort=-date"
	"orders?status=confirmed"
	"activities"
	"activities?sort=-date"
	"activities?kind=visit&sort=-date"
	"activities?kind=visit&status=done&sort=date"
	"activities?kind=visit&status=done&user=$REP_ID&sort=-date"
	"customers?in_pool=true&sort=-updated_at"
	"pipeline"
	"opportunities?stage=proposal&sort=-amount"
	"opportunities?sort=expected_close"
	"payments?sort=due_date"
	"tasks"
)

# PATHS_ONLY="a b" measures only those
[ -z "${PATHS_ONLY:-}" ] || read -r -a PATHS <<<"${PATHS_ONLY//\$REP_ID/$REP_ID}"

# stats URL TOKEN RUNS: "p50 p99" of RUNS requests (after one warm-up), ms; the
# p99 of fewer than 100 runs is the nearest rank (the slowest of 20)
stats() {
	curl -sf -o /dev/null -H "Authorization: Bearer $2" "$1" ||
		{ echo "failed: $1" >&2; exit 1; }
	for _ in $(seq "$3"); do
		curl -s -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $2" "$1"
	done | sort -n | awk '{t[NR] = $1} END {
		m = NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
		r = int(NR * 0.99 + 0.999); if (r > NR) r = NR
		printf "%7.1f %7.1f", m * 1000, t[r] * 1000 }'
}

# cursor URL TOKEN: the next_cursor of that page
cursor() {
	curl -sf -H "Authorization: Bearer $2" "$1" | sed -n 's/.*"next_cursor":"\([^"]*\)".*/\1/p'
}

table() { # ROLE BASE_TOKEN NEW_TOKEN
	printf '\n%s: p50 / p99 ms (base %d runs, this tree %d runs)\n' "$1" "$BASE_RUNS" "$RUNS"
	printf '%-48s %15s %15s\n' "GET /api/v1/..." "$LABEL" "this tree"
	for p in "${PATHS[@]}"; do
		printf '%-48s %15s %15s\n' "$p" "$(stats "$URL_BASE/api/v1/$p" "$2" "$BASE_RUNS")" \
			"$(stats "$URL_NEW/api/v1/$p" "$3" "$RUNS")"
	done
	[ "$DEEP" -gt 0 ] || return 0 # DEEP=0: no deep pages
	for p in "customers?sort=name" "orders?sort=-date"; do
		local c sep
		sep='&'
		c=$(cursor "$URL_NEW/api/v1/$p${sep}page=$DEEP" "$3")
		printf '%-48s %15s %15s\n' "$p, page $((DEEP + 1))" \
			"$(stats "$URL_BASE/api/v1/$p${sep}page=$((DEEP + 1))" "$2" "$BASE_RUNS")" \
			"$(stats "$URL_NEW/api/v1/$p${sep}cursor=$c" "$3" "$RUNS")"
	done
}

printf '\n%s customers, first page of 50 with total; load average %s\n' "$N" \
	"$(cut -d' ' -f1-3 /proc/loadavg)"
table "admin" "$TOKEN_BASE" "$TOKEN_NEW"
table "sales rep $REP" "$REP_BASE" "$REP_NEW"
printf '\nload average afterwards %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
