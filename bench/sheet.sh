#!/usr/bin/env bash
# The spreadsheet reader alone (base/sheet.h): times reading N generated
# customer rows (default 1,000,000; 8 columns, Chinese text, phones, amounts,
# a date) as CSV (UTF-8 and GB18030) and as xlsx laid out as Excel saves it
# (text in the shared string table, the date a styled serial). Prints rows/s
# by the wall clock and per CPU second (on a shared machine the wall clock
# waits for other processes), and each read's peak RSS, with the load average.
#
# usage: bench/sheet.sh [ROWS]     (run from the project root)
set -euo pipefail
N=${1:-1000000}
OUT=bench/out
mkdir -p "$OUT"
make -s WERROR=1 build/bench/sheet_bench
B=build/bench/sheet_bench
[ -f "$OUT/sheet-$N.csv" ] || $B make-csv "$N" "$OUT/sheet-$N.csv"
[ -f "$OUT/sheet-$N-gb18030.csv" ] ||
	iconv -f UTF-8 -t GB18030 "$OUT/sheet-$N.csv" > "$OUT/sheet-$N-gb18030.csv"
[ -f "$OUT/sheet-$N.xlsx" ] || $B make-xlsx "$N" "$OUT/sheet-$N.xlsx"
ls -l "$OUT/sheet-$N.csv" "$OUT/sheet-$N-gb18030.csv" "$OUT/sheet-$N.xlsx"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
# Three runs each, one process per read (peak RSS is per process).
for f in "$OUT/sheet-$N.csv" "$OUT/sheet-$N-gb18030.csv" "$OUT/sheet-$N.xlsx"; do
	for i in 1 2 3; do $B read "$f"; done
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
