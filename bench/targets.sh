#!/usr/bin/env bash
# Targets, the weekly table, the forecast and rankings at scale.
#
# usage: [N=100000] [DB=/tmp/targets-100k.db] bench/targets.sh
# Builds an N-customer demo database (kehu demo --customers N --seed 7) when
# DB is not there, migrates it, and adds what the demo does not make: an
# approved contract for every order since 2025-01-01 (its customer's owner's,
# signed on the order's day), an approved receipt of half of every second
# one 20 days later, and a contract and a receipt target of every rep and
# team for 2026. Then times RUNS requests (curl time_total, median, ms) of
# progress, weekly, forecast and every ranking for the admin (the company),
# the manager (their team, 销售中心: everyone) and the rep wangwei (their own,
# their team's ranking). Prints the data's size and the load average.
set -euo pipefail
N=${N:-100000}
DB=${DB:-/tmp/targets-100k.db}
BIN=${BIN:-build/kehu}
RUNS=${RUNS:-9}
export KEHU_TODAY=${KEHU_TODAY:-2026-12-01}
mkdir -p bench/out
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
time_ms() {  # token path
	for _ in $(seq "$RUNS"); do
		curl -s -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $1" "$url/api/v1/$2"
	done | awk '{print $1 * 1000}' | median
}

if [ ! -e "$DB" ]; then
	echo "building $DB ($N customers)"
	"$BIN" --db "$DB" demo --customers "$N" --seed 7 >/dev/null
fi
"$BIN" --db "$DB" init >/dev/null   # the migration, outside the timings
if [ "$(sqlite3 "$DB" "SELECT count(*) FROM contracts WHERE number LIKE 'BENCH%'")" = 0 ]; then
	sqlite3 "$DB" <<'SQL'
BEGIN;
INSERT INTO contracts (number, name, customer_id, owner_id, signed_date, total_fen, status,
                       decided_at, created_at, updated_at)
SELECT 'BENCH' || o.id, 'bench', o.customer_id, c.owner_id, o.order_date, o.amount_fen,
       'approved', o.order_date || 'T10:00:00Z', o.created_at, o.created_at
FROM orders o JOIN customers c ON c.id = o.customer_id
WHERE c.owner_id IS NOT NULL AND o.order_date >= '2025-01-01' AND o.deleted_at IS NULL;
INSERT INTO receivables (number, contract_id, customer_id, received_date, amount_fen, owner_id,
                         status, created_at, updated_at)
SELECT 'BENCHR' || k.id, k.id, k.customer_id, date(k.signed_date, '+20 days'), k.total_fen / 2,
       k.owner_id, 'approved', k.created_at, k.created_at
FROM contracts k WHERE k.number LIKE 'BENCH%' AND k.id % 2 = 0;
COMMIT;
SQL
fi
if [ "$(sqlite3 "$DB" "SELECT count(*) FROM sales_targets")" = 0 ]; then
	sqlite3 "$DB" <<'SQL'
WITH RECURSIVE m(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM m WHERE n < 12)
INSERT INTO sales_targets (scope_kind, scope_id, year, metric, month, amount, updated_at)
SELECT 'rep', u.id, 2026, x.metric, m.n, x.amount, '2026-01-01T00:00:00Z'
FROM users u, m, (SELECT 'contracts' AS metric, 50000000 AS amount
                  UNION ALL SELECT 'receipts', 30000000) x
WHERE u.role = 'sales'
UNION ALL
SELECT 'team', t.id, 2026, 'contracts', m.n, 150000000, '2026-01-01T00:00:00Z' FROM teams t, m;
ANALYZE;
SQL
fi
echo "data: $(sqlite3 "$DB" "SELECT (SELECT count(*) FROM customers) || ' customers, ' ||
  (SELECT count(*) FROM contracts) || ' contracts, ' || (SELECT count(*) FROM receivables) ||
  ' receipts, ' || (SELECT count(*) FROM opportunities) || ' opportunities, ' ||
  (SELECT count(*) FROM activities) || ' activities'")"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
"$BIN" --db "$DB" serve --port 0 --threads 2 2>bench/out/targets.log >/dev/null &
pid=$!
trap 'kill $pid 2>/dev/null' EXIT
url=
for _ in $(seq 600); do
	url=$(grep -o 'http://[^ ]*' bench/out/targets.log | head -1 || true)
	[ -n "$url" ] && break
	sleep 0.5
done
[ -n "$url" ] || { echo "server did not start: $(cat bench/out/targets.log)" >&2; exit 1; }
admin=$("$BIN" --db "$DB" token create admin)
manager=$("$BIN" --db "$DB" token create manager)
rep=$("$BIN" --db "$DB" token create wangwei)
week=$(date -d "$KEHU_TODAY" +%G-W%V)
printf '%-52s %9s %9s %9s\n' request admin manager wangwei
for p in "targets?year=2026" "targets/progress?year=2026" "targets/progress?year=2026&metric=receipts" \
	"targets/progress?year=2026&metric=new_customers" "targets/weekly?week=$week" "targets/forecast" \
	"rankings?metric=contracts" "rankings?metric=receipts&period=quarter" \
	"rankings?metric=new_customers&period=year" "rankings?metric=followups&period=year" \
	"rankings?metric=visits&period=year"; do
	time_ms "$admin" "$p" >/dev/null   # warm the page cache
	printf '%-52s %9s %9s %9s\n' "$p" "$(time_ms "$admin" "$p")" "$(time_ms "$manager" "$p")" \
		"$(time_ms "$rep" "$p")"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
