#!/bin/sh
# bench/import.sh [N]: time `kehu import` of N customers (default 1,000,000)
# from a CSV into an empty database, beside sqlite3's own `.import` of the
# same CSV into a bare table (the floor), as rows per second and peak RSS
# (/usr/bin/time -f %M), the median of RUNS runs (default 3). The CSV is
# the customers of a demo database (realistic Chinese names, phones,
# addresses), exported by sqlite3. The imported file is checked at the end:
# every customer found by phone and by pinyin (search keys, phones). CPU
# seconds (user + system) are given beside the wall time: on a shared
# machine they are the steadier figure.
#   KEHU_BIN=build/kehu  RUNS=3  OUT=bench/out  FORMAT=csv
#   BASE_BIN=PATH: also import with that binary (the baseline, say the last
#   release) in each run, side by side
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
	# The demo repeats company names (as life does, across cities, and with
	# other legal suffixes or traditional characters); a sheet of one
	# company's customers has each once: a repeat, by the duplicate key of
	# its name, becomes a branch, which duplicate control lets in.
	sqlite3 -csv -header "$SRC" "SELECT name || CASE WHEN n > 1 THEN '（' || n || '分公司）'
		ELSE '' END AS 客户名称, phone AS 电话, address AS 地址, region AS 地区,
		segment AS 行业, source AS 来源渠道, size AS 规模
		FROM (SELECT c.*, row_number() OVER (PARTITION BY k.key ORDER BY c.id) AS n
		FROM customers c JOIN dup_keys k ON k.kind = 2 AND k.customer_id = c.id
		AND k.contact_id = 0 WHERE c.deleted_at IS NULL) ORDER BY id LIMIT $N" >> "$CSV"
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

# One timed run: prints "seconds rss_kib cpu_seconds".
timed() {
	/usr/bin/time -f '%e %M %U %S' -o "$OUT/time.txt" "$@" >/dev/null 2>&1
	awk '{printf "%s %s %.2f\n", $1, $2, $3 + $4}' "$OUT/time.txt"
}

# kehu_run BIN: a fresh database, BIN imports the file into it.
kehu_run() {
	DB="$OUT/import-$N.db"
	rm -f "$DB" "$DB-wal" "$DB-shm"
	"$1" --db "$DB" init >/dev/null
	timed "$1" --db "$DB" import "$INPUT" --type customers
}

: > "$OUT/kehu.runs"
: > "$OUT/base.runs"
: > "$OUT/floor.runs"
for r in $(seq "$RUNS"); do
	[ -z "${BASE_BIN:-}" ] || kehu_run "$BASE_BIN" >> "$OUT/base.runs"
	kehu_run "$KEHU" >> "$OUT/kehu.runs"
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
kc=$(awk '{print $3}' "$OUT/kehu.runs" | median)
fs=$(awk '{print $1}' "$OUT/floor.runs" | median); fm=$(awk '{print $2}' "$OUT/floor.runs" | median)
echo "customers imported: $rows (without their phone indexed: $unphoned, without search keys: $unkeyed)"
if [ -n "${BASE_BIN:-}" ]; then
	bs=$(awk '{print $1}' "$OUT/base.runs" | median); bm=$(awk '{print $2}' "$OUT/base.runs" | median)
	bc=$(awk '{print $3}' "$OUT/base.runs" | median)
	printf 'baseline import (%s): %s s, %.0f rows/s, %s CPU s, peak RSS %s KiB\n' "$BASE_BIN" \
		"$bs" "$(echo "$N / $bs" | bc -l)" "$bc" "$bm"
fi
printf 'kehu import (%s): %s s, %.0f rows/s, %s CPU s, peak RSS %s KiB (median of %s)\n' \
	"$FORMAT" "$ks" "$(echo "$N / $ks" | bc -l)" "$kc" "$km" "$RUNS"
printf 'sqlite3 .import:    %s s, %.0f rows/s, peak RSS %s KiB (the floor)\n' "$fs" \
	"$(echo "$N / $fs" | bc -l)" "$fm"
printf 'ratio: %.1fx the floor; load average: %s\n' "$(echo "$ks / $fs" | bc -l)" \
	"$(cut -d' ' -f1-3 /proc/loadavg)"
