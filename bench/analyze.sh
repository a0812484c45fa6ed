#!/usr/bin/env bash
# `kehu analyze` against pandas, side by side in one run, on the same data.
#
# For each size (customers; the demo makes about 11 orders per customer, so
# 100000 gives about 1.1M orders and 1000000 about 11M), builds a demo
# database once, then runs RUNS times each:
#   - kehu analyze (every classifier, plus the BG/NBD and Gamma-Gamma fits,
#     P(alive) and CLV for every customer, and writing the results back),
#   - pandas (Debian python3-pandas) computing only ABC, the value grid and RFM
#     from the orders exported to CSV (reading the CSV included),
# and prints the median wall time and peak memory of each and their ratio,
# then the class counts both found (they must agree: same orders, same rules)
# and the load average. The BG/NBD + Gamma-Gamma fit alone on CDNOW is timed
# by bench/clv_fit.sh.
#
# usage: bench/analyze.sh [SIZES...]     default: 100000
set -euo pipefail
SIZES=${*:-100000}
RUNS=${RUNS:-3}
OUT=bench/out
KEHU=build/kehu
PY=/usr/bin/python3
mkdir -p "$OUT"
make -s build/kehu

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

printf '%-10s %-10s %12s %12s %12s %12s %8s\n' customers orders kehu_s kehu_MiB pandas_s pandas_MiB ratio
for n in $SIZES; do
	db=$OUT/analyze-$n.db
	if [ ! -f "$db" ]; then
		"$KEHU" --db "$db" demo --customers "$n" --seed 11 >/dev/null
	fi
	today=${KEHU_TODAY:-$(date -u +%F)}  # kehu's "today" (UTC)
	if [ ! -f "$OUT/orders-$n.csv" ]; then
		sqlite3 -header -csv "$db" "SELECT customer_id, order_date, amount_fen,
			coalesce(cost_fen, CAST(round(amount_fen * 0.7) AS INTEGER)) AS cost_fen FROM orders
			WHERE deleted_at IS NULL AND status != 'cancelled'" > "$OUT/orders-$n.csv"
		sqlite3 -header -csv "$db" "SELECT id FROM customers WHERE deleted_at IS NULL" \
			> "$OUT/customers-$n.csv"
	fi
	orders=$(($(wc -l < "$OUT/orders-$n.csv") - 1))
	: > "$OUT/k.txt"; : > "$OUT/p.txt"
	for _ in $(seq "$RUNS"); do
		/usr/bin/time -f "%e %M" -o "$OUT/t" "$KEHU" --db "$db" analyze > /dev/null
		cat "$OUT/t" >> "$OUT/k.txt"
		/usr/bin/time -f "%e %M" -o "$OUT/t" $PY bench/analyze_pandas.py \
			"$OUT/orders-$n.csv" "$OUT/customers-$n.csv" "$today" > "$OUT/pandas.log"
		cat "$OUT/t" >> "$OUT/p.txt"
	done
	ks=$(cut -d' ' -f1 "$OUT/k.txt" | median); km=$(cut -d' ' -f2 "$OUT/k.txt" | median)
	ps=$(cut -d' ' -f1 "$OUT/p.txt" | median); pm=$(cut -d' ' -f2 "$OUT/p.txt" | median)
	printf '%-10s %-10s %12s %12d %12s %12d %8.2f\n' "$n" "$orders" "$ks" $((km / 1024)) \
		"$ps" $((pm / 1024)) "$(echo "$ps / $ks" | bc -l)"
	echo "  pandas: $(cat "$OUT/pandas.log")"
	echo "  kehu:   A $(sqlite3 "$db" "SELECT count(*) FROM customer_metrics m JOIN customers c
		ON c.id = m.customer_id WHERE c.deleted_at IS NULL AND abc_class = 'A'") tiers" \
		"$(sqlite3 "$db" "SELECT group_concat(t || ': ' || n, ', ') FROM (SELECT grid_tier t,
		count(*) n FROM customer_metrics WHERE grid_tier IS NOT NULL GROUP BY 1 ORDER BY 2 DESC)")" \
		"$(sqlite3 "$db" "SELECT 'R5 ' || sum(rfm_r = 5) || ' F5 ' || sum(rfm_f = 5) || ' M5 ' ||
		sum(rfm_m = 5) FROM customer_metrics")"
	echo "  load average after this size: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
done
echo "(ratio = pandas seconds / kehu seconds; medians of $RUNS runs; the default"
echo " clv.default_margin 0.30 is the exported cost of orders without one)"
