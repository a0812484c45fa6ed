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
# and prints the median wall time and peak memory of each and their ratio.
# Also times the BG/NBD + Gamma-Gamma fit alone on CDNOW (bench/clv_fit.sh).
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
	today=$(date -u +%F)
	if [ ! -f "$OUT/orders-$n.csv" ]; then
		sqlite3 -header -csv "$db" "SELECT customer_id, order_date, amount_fen,
			coalesce(cost_fen, amount_fen * 7 / 10) AS cost_fen FROM orders
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
done
echo "(ratio = pandas seconds / kehu seconds; medians of $RUNS runs)"
