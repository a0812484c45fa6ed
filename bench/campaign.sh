#!/usr/bin/env bash
# A campaign of 100k recipients (issue 15): messages per second delivered to a
# real SMTP server on loopback and the server's RSS while sending, beside the
# bare SMTP path (kehu mail test) as the baseline. The database is a demo of
# CUSTOMERS customers (default 60,000: about 114k contacts, six in seven with
# an address at example.com), made once at $SRC; each run sends from a copy.
#
# usage: bench/campaign.sh [RUNS]       (BIN=build/kehu, SRC=/tmp/campaign-src.db)
set -euo pipefail
BIN=${BIN:-build/kehu}
SRC=${SRC:-/tmp/campaign-src.db}
CUSTOMERS=${CUSTOMERS:-60000}
export KEHU_TODAY=${KEHU_TODAY:-2026-12-01}
if [ ! -e "$SRC" ]; then
	"$BIN" --db "$SRC" demo --customers "$CUSTOMERS" --seed 7 >/dev/null
fi
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "contacts with an address: $(/usr/bin/python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(\"SELECT count(*) FROM contacts WHERE email IS NOT NULL AND deleted_at IS NULL\").fetchone()[0])" "$SRC")"
BIN=$BIN /usr/bin/python3 bench/campaign.py "$SRC" "${1:-1}"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
