#!/bin/sh
# bench/import.sh [N]: time `kehu import` of N customers (default 1,000,000)
# from a CSV into an empty database, beside sqlite3's own `.import` of the
# same CSV into a bare table (the floor), as rows per second and peak RSS
# (/usr/bin/time -f %M), the median of RUNS runs (default 3). The CSV is
# the customers of a demo database (realistic Chinese names, phones,
# addresses), exported by sqlite3. The imported file is checked at the end:
# every customer found by phone and by pinyin (search keys, phones).
#   KEHU_BIN=build/kehu  RUNS=3  OUT=bench/out  FORMAT=csv
#   SRC_DB=PATH: take the customers of an existing demo database instead of
#   making one (opened immutable: nothing is written to it)
# FORMAT names the file given to kehu import: csv now; an xlsx run adds a
# branch in make_input that converts the CSV (the floor stays the CSV's).
set -eu
N=${1:-1000000}
KEHU=${KEHU_BIN:-build/kehu}
RUNS=${RUNS:-3}
OUT=${OUT:-bench/out}
FORMAT=${FORMAT:-csv}
mkdir -p "$OUT"
SRC="$OUT/import-src-$N.db"
CSV="$OUT/import-$N.csv"

if [ ! -s "$CSV" ]; then
	if [ -n "${SRC_DB:-}" ]; then
		SRC="file:$SRC_DB?immutable=1"
	else
		rm -f "$SRC" "$SRC-wal" "$SRC-shm"
		KEHU_TODAY=2026-12-01 "$KEHU" --db "$SRC" demo --customers "$N" --seed 7 >/dev/null
	fi
	printf '\357\273\277' > "$CSV"
	# The demo repeats company names (as life does, across cities); a sheet
	# of one company's customers has each once: a repeat becomes a branch.
	sqlite3 -csv -header "$SRC" "SELECT name || CASE WHEN n > 1 THEN '（' || n || '分公司）'
		ELSE '' END AS 客户名称, phone AS 电话, address AS 地址, region AS 地区,
		segment AS 行业, source AS 来源渠道, size AS 规模
		FROM (SELECT *, row_number() OVER (PARTITION BY name ORDER BY id) AS n
		FROM customers WHERE deleted_at IS NULL) ORDER BY id LIMIT $N" >> "$CSV"
	[ -n "${SRC_DB:-}" ] || rm -f "$SRC" "$SRC-wal" "$SRC-shm"
fi

make_input() {
	case "$FORMAT" in
	csv) echo "$CSV" ;;
	*) echo "bench/import.sh: FORMAT=$FORMAT is not made yet" >&2; exit 2 ;;
	esac
}
INPUT=$(make_input)

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# One timed run: prints "seconds rss_kib".
timed() {
	/usr/bin/time -f '%e %M' -o "$OUT/time.txt" "$@" >/dev/null 2>&1
	cat "$OUT/time.txt"
}

: > "$OUT/kehu.runs"
: > "$OUT/floor.runs"
for r in $(seq "$RUNS"); do
	DB="$OUT/import-$N.db"
	rm -f "$DB" "$DB-wal" "$DB-shm"
	"$KEHU" --db "$DB" init >/dev/null
	timed "$KEHU" --db "$DB" import "$INPUT" --type customers >> "$OUT/kehu.runs"
	BARE="$OUT/bare-$N.db"
	rm -f "$BARE"
	sqlite3 "$BARE" "CREATE TABLE customers(name TEXT, phone TEXT, address TEXT, region TEXT,
		segment TEXT, source TEXT, size TEXT)"
	timed sqlite3 "$BARE" ".mode csv" ".import --skip 1 $CSV customers" >> "$OUT/floor.runs"
	rm -f "$BARE"
done

DB="$OUT/import-$N.db"
rows=$(sqlite3 "$DB" "SELECT count(*) FROM customers")
# NOT IN builds the subquery's set once (search_keys is keyed by key, not id).
unphoned=$(sqlite3 "$DB" "SELECT count(*) FROM customers WHERE phone IS NOT NULL AND id NOT IN
	(SELECT customer_id FROM phones WHERE contact_id = 0)")
unkeyed=$(sqlite3 "$DB" "SELECT count(*) FROM customers WHERE id NOT IN
	(SELECT id FROM search_keys WHERE kind = 1)")
ks=$(awk '{print $1}' "$OUT/kehu.runs" | median); km=$(awk '{print $2}' "$OUT/kehu.runs" | median)
fs=$(awk '{print $1}' "$OUT/floor.runs" | median); fm=$(awk '{print $2}' "$OUT/floor.runs" | median)
echo "customers imported: $rows (without their phone indexed: $unphoned, without search keys: $unkeyed)"
printf 'kehu import (%s): %s s, %.0f rows/s, peak RSS %s KiB (median of %s)\n' "$FORMAT" "$ks" \
	"$(echo "$N / $ks" | bc -l)" "$km" "$RUNS"
printf 'sqlite3 .import:    %s s, %.0f rows/s, peak RSS %s KiB (the floor)\n' "$fs" \
	"$(echo "$N / $fs" | bc -l)" "$fm"
printf 'ratio: %.1fx the floor; load average: %s\n' "$(echo "$ks / $fs" | bc -l)" \
	"$(cut -d' ' -f1-3 /proc/loadavg)"
