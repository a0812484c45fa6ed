#!/usr/bin/env bash
# Every page of the web UI in headless Chromium, the base binary beside this
# tree's, in one run on copies of the same database: median of RUNS loads per
# page and user (admin, and the sales rep wangwei for his own scope), in ms.
# Every page: login and setup (no session), dashboard, customers, a search in
# it, a customer's 360 view, incoming call, pool, visits, a new and an edited
# visit, pipeline, settings (each route of web/src/router.js). What "content"
# and "usable" mean (main content shown, a click answered, network idle) is
# defined in the header of bench/ui.mjs.
#
# The database (DB, default the shared 1M-customer /work/bench-data/1m-13.db)
# is copied into bench/out (never written itself); the base binary (BASE_BIN,
# default /work/bench-data/kehu-fe35c01) sets known passwords on its copy and,
# through the API, adds opportunities until OPEN (default 5000) are open;
# then that copy is copied again for this tree's binary (KEHU_BIN, default
# build/kehu), which may migrate it. KEEP=1 reuses the copies of a run before.
#
# usage: bench/ui.sh            (from the project root; RUNS=5 by default)
# needs: chromium, web/node_modules (cd web && npm ci)
set -euo pipefail
DB=${DB:-/work/bench-data/1m-13.db}
BASE_BIN=${BASE_BIN:-/work/bench-data/kehu-fe35c01}
NEW=${KEHU_BIN:-build/kehu}
OPEN=${OPEN:-5000}
RUNS=${RUNS:-5}
OUT=bench/out
export KEHU_UI_PASSWORD=ui-bench-password-1
export KEHU_TODAY=${KEHU_TODAY:-2026-12-01} # the day the demo data was made for
PASSWORD=$KEHU_UI_PASSWORD
mkdir -p "$OUT"
[ -n "${KEHU_BIN:-}" ] || make -s build/kehu
DB_BASE=$OUT/ui-base.db
DB_NEW=$OUT/ui-new.db
TMP=$(mktemp -d)
PIDS=()
cleanup() {
	for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null && wait "$p" 2>/dev/null || true; done
	rm -rf "$TMP"
}
trap cleanup EXIT

copy_db() { # copy_db FROM TO: the file with its WAL, never the shared memory index
	rm -f "$2" "$2"-wal "$2"-shm
	cp "$1" "$2"
	if [ -f "$1"-wal ]; then cp "$1"-wal "$2"-wal; fi
}

# serve BIN DB: starts the server in the background, sets URL
serve() {
	local log=$TMP/log-$RANDOM
	"$1" --db "$2" serve --port 0 --threads 4 2>"$log" &
	PIDS+=($!)
	URL=
	for _ in $(seq 6000); do
		URL=$(grep -o 'http://[^ ]*' "$log" | head -1 || true)
		[ -n "$URL" ] && return 0
		sleep 0.1
	done
	echo "server did not start: $(cat "$log")" >&2
	exit 1
}
stop_all() {
	for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null && wait "$p" 2>/dev/null || true; done
	PIDS=()
}

if [ "${KEEP:-0}" != 1 ] || [ ! -f "$DB_BASE" ] || [ ! -f "$DB_NEW" ]; then
	echo "== copying $DB"
	copy_db "$DB" "$DB_BASE"
	for u in admin wangwei; do echo "$PASSWORD" | "$BASE_BIN" --db "$DB_BASE" user passwd "$u"; done
	serve "$BASE_BIN" "$DB_BASE"
	node bench/ui.mjs seed "$URL" "$OPEN"
	stop_all
	copy_db "$DB_BASE" "$DB_NEW"
fi

serve "$BASE_BIN" "$DB_BASE"
BASE_URL=$URL
serve "$NEW" "$DB_NEW"
NEW_URL=$URL
echo "== load average: $(cut -d' ' -f1-3 /proc/loadavg)"
node bench/ui.mjs pages "$BASE_URL" "$NEW_URL" "$RUNS" | tee "$OUT/ui.txt"
echo "== load average: $(cut -d' ' -f1-3 /proc/loadavg)"
