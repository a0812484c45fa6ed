#!/usr/bin/env bash
# `kehu analyze` against pandas, and this tree's binary against a base
# binary, side by side in one run, on the same data.
#
# For each size (customers; the demo makes about 11 orders per customer, so
# 100000 gives about 1.1M orders and 1000000 about 11M), builds a demo
# database once (seed 11), or takes a ready one (DB=PATH, e.g. a copy of a
# 1M database: it is copied, never opened itself), then runs RUNS times each:
#   - kehu analyze (every classifier, plus the BG/NBD and Gamma-Gamma fits,
#     P(alive) and CLV for every customer, and writing the results back),
#     this tree's build/kehu on its copy and, with BASE_BIN, the base binary
#     on a copy of its own (each binary migrates its own copy),
#   - pandas (Debian python3-pandas) computing only ABC, the value grid and RFM
#     from the orders exported to CSV (reading the CSV included),
# and prints the median wall time, the median of each phase kehu reports
# (read, fit, classify with the prediction, write), peak memory, the ratio
# to pandas, then the class counts both found (they must agree: same orders,
# same rules), whether base and this tree wrote the same customer_metrics
# (every column but updated_at) and the load average. The runs are warm: the
# first run of each binary is not counted (WARMUP=0 counts it). The BG/NBD +
# Gamma-Gamma fit alone on CDNOW is timed by bench/clv_fit.sh.
#
# usage: bench/analyze.sh [SIZES...]     default: 100000 (with DB: a label)
#   env: DB (a ready database), BASE_BIN (a base binary), RUNS (3), WARMUP (1),
#        NEW_DB and BASE_DB (two copies to use as they are: both are written),
#        BASE_RUNS (runs of the base binary, default RUNS; 0 only compares its
#        results already in BASE_DB),
#        KEHU_TODAY (kehu's "today" for both binaries and pandas; default today),
#        KEEP_COPIES=1 (leave the copies of DB in bench/out)
set -euo pipefail
SIZES=${*:-100000}
RUNS=${RUNS:-3}
BASE_RUNS=${BASE_RUNS:-$RUNS}
WARMUP=${WARMUP:-1}
OUT=bench/out
KEHU=build/kehu
PY=/usr/bin/python3
export KEHU_TODAY=${KEHU_TODAY:-$(date -u +%F)}  # kehu's "today" (UTC)
mkdir -p "$OUT"
make -s build/kehu

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# copy SRC DST: a database with its WAL, if any (never the shared memory file)
copy_db() {
	rm -f "$2" "$2"-wal "$2"-shm
	cp "$1" "$2"
	if [ -f "$1"-wal ]; then cp "$1"-wal "$2"-wal; fi
}

# time_runs NAME BIN DB [RUNS]: RUNS timed runs into $OUT/NAME.txt ("wall KB read fit
# classify write" per line), after WARMUP uncounted ones
time_runs() {
	local name=$1 bin=$2 db=$3 runs=${4:-$RUNS}
	: > "$OUT/$name.txt"
	for _ in $(seq "$WARMUP"); do "$bin" --db "$db" analyze > /dev/null; done
	for _ in $(seq "$runs"); do
		/usr/bin/time -f "%e %M" -o "$OUT/t" "$bin" --db "$db" analyze --json > "$OUT/$name.json"
		echo "$(cat "$OUT/t") $($PY -c 'import json, sys
t = json.load(open(sys.argv[1]))["timing"]
print(*(round(t.get(k, 0), 2) for k in ("read", "fit", "classify", "write")))' "$OUT/$name.json")" \
			>> "$OUT/$name.txt"
	done
}

# col NAME K: median of column K of $OUT/NAME.txt
col() { cut -d' ' -f"$2" "$OUT/$1.txt" | median; }

summary() {
	printf '  %-6s wall %7s s  read %6s  fit %6s  classify %6s  write %6s  peak %6d MiB\n' \
		"$1" "$(col "$1" 1)" "$(col "$1" 3)" "$(col "$1" 4)" "$(col "$1" 5)" "$(col "$1" 6)" \
		$(($(col "$1" 2) / 1024))
}

classes() {
	echo "A $(sqlite3 "$1" "SELECT count(*) FROM customer_metrics m JOIN customers c
		ON c.id = m.customer_id WHERE c.deleted_at IS NULL AND abc_class = 'A'") tiers" \
		"$(sqlite3 "$1" "SELECT group_concat(t || ': ' || n, ', ') FROM (SELECT grid_tier t,
		count(*) n FROM customer_metrics WHERE grid_tier IS NOT NULL GROUP BY 1 ORDER BY 2 DESC)")" \
		"$(sqlite3 "$1" "SELECT 'R5 ' || sum(rfm_r = 5) || ' F5 ' || sum(rfm_f = 5) || ' M5 ' ||
		sum(rfm_m = 5) FROM customer_metrics")"
}

# same_metrics A B: "yes" when both hold the same customer_metrics rows but
# for updated_at, else the number of rows that differ
same_metrics() {
	local cols
	cols=$(sqlite3 "$1" "SELECT group_concat(name, ', ') FROM pragma_table_info('customer_metrics')
		WHERE name != 'updated_at'")
	local n
	n=$(sqlite3 "$1" "ATTACH '$2' AS b; SELECT count(*) FROM (SELECT $cols FROM main.customer_metrics
		EXCEPT SELECT $cols FROM b.customer_metrics); ")
	local m
	m=$(sqlite3 "$1" "ATTACH '$2' AS b; SELECT count(*) FROM (SELECT $cols FROM b.customer_metrics
		EXCEPT SELECT $cols FROM main.customer_metrics); ")
	if [ "$n" = 0 ] && [ "$m" = 0 ]; then echo yes; else echo "no: $n and $m rows differ"; fi
}

echo "kehu today $KEHU_TODAY; $RUNS warm runs each (after $WARMUP uncounted); medians"
for n in $SIZES; do
	if [ -n "${NEW_DB:-}" ]; then
		src=$NEW_DB
		db=$NEW_DB
	elif [ -n "${DB:-}" ]; then
		src=$DB
		db=$OUT/analyze-new.db
		copy_db "$src" "$db"
	else
		src=$OUT/analyze-$n.db
		if [ ! -f "$src" ]; then
			"$KEHU" --db "$src" demo --customers "$n" --seed 11 >/dev/null
		fi
		db=$src
	fi
	tag=$(basename "$src" .db)
	if [ ! -f "$OUT/orders-$tag.csv" ]; then
		sqlite3 -header -csv "$db" "SELECT customer_id, order_date, amount_fen,
			coalesce(cost_fen, CAST(round(amount_fen * 0.7) AS INTEGER)) AS cost_fen FROM orders
			WHERE deleted_at IS NULL AND status != 'cancelled'" > "$OUT/orders-$tag.csv"
		sqlite3 -header -csv "$db" "SELECT id FROM customers WHERE deleted_at IS NULL" \
			> "$OUT/customers-$tag.csv"
	fi
	orders=$(($(wc -l < "$OUT/orders-$tag.csv") - 1))
	base_db=${BASE_DB:-$OUT/analyze-base.db}
	if [ -n "${BASE_BIN:-}" ] && [ -z "${BASE_DB:-}" ]; then
		copy_db "$src" "$base_db"
	fi
	: > "$OUT/p.txt"
	if [ -n "${BASE_BIN:-}" ] && [ "$BASE_RUNS" -gt 0 ]; then
		time_runs base "$BASE_BIN" "$base_db" "$BASE_RUNS"
	fi
	time_runs new "$KEHU" "$db"
	for _ in $(seq "$RUNS"); do
		/usr/bin/time -f "%e %M" -o "$OUT/t" $PY bench/analyze_pandas.py \
			"$OUT/orders-$tag.csv" "$OUT/customers-$tag.csv" "$KEHU_TODAY" > "$OUT/pandas.log"
		cat "$OUT/t" >> "$OUT/p.txt"
	done
	ps=$(cut -d' ' -f1 "$OUT/p.txt" | median); pm=$(cut -d' ' -f2 "$OUT/p.txt" | median)
	echo "$n customers ($tag), $orders orders"
	if [ -n "${BASE_BIN:-}" ] && [ "$BASE_RUNS" -gt 0 ]; then summary base; fi
	summary new
	printf '  %-6s wall %7s s  peak %6d MiB\n' pandas "$ps" $((pm / 1024))
	printf '  pandas / kehu: %.2f' "$(echo "$ps / $(col new 1)" | bc -l)"
	if [ -n "${BASE_BIN:-}" ] && [ "$BASE_RUNS" -gt 0 ]; then
		printf ', base / kehu: %.2f' "$(echo "$(col base 1) / $(col new 1)" | bc -l)"
	fi
	echo
	echo "  pandas: $(cat "$OUT/pandas.log")"
	echo "  kehu:   $(classes "$db")"
	if [ -n "${BASE_BIN:-}" ]; then
		echo "  base:   $(classes "$base_db")"
		echo "  base and this tree wrote the same customer_metrics: $(same_metrics "$db" "$base_db")"
	fi
	echo "  load average after this size: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
	if [ -n "${DB:-}" ] && [ "${KEEP_COPIES:-0}" != 1 ]; then
		rm -f "$OUT"/analyze-new.db* "$OUT"/analyze-base.db*
	fi
done
echo "(the default clv.default_margin 0.30 is the exported cost of orders without one)"
