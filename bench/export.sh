#!/usr/bin/env bash
# Time and peak RSS of `kehu export --type customers` of a whole database to CSV
# and to xlsx (the command line: the same service code as GET /api/v1/exports),
# median of RUNS (default 3) each, with the load average beside the figures.
# The base build has no export, so there is nothing to run beside it.
#
# On a copy of the 1M database (never the original):
#   cp /work/bench-data/1m-13.db bench/out/ && bench/export.sh bench/out/1m-13.db
# Without DB: a demo database of N customers (default 20000) is made first.
# The files are written into bench/out (TMPDIR too: libxlsxwriter's row files)
# and deleted after each run; their sizes are printed.
#
# usage: bench/export.sh [DB] [RUNS]   (from the project root)
#   env: KEHU_BIN (default build/kehu), N (demo size), AS (a login: export as that user),
#        FORMATS (default "csv xlsx")
# needs: GNU time (/usr/bin/time), bc
set -euo pipefail
DB=${1:-}
RUNS=${2:-3}
KEHU=${KEHU_BIN:-build/kehu}
OUT=bench/out
mkdir -p "$OUT"
export TMPDIR=$PWD/$OUT KEHU_TODAY=${KEHU_TODAY:-2026-12-01}
if [ -z "$DB" ]; then
	DB=$OUT/export-demo.db
	rm -f "$DB" "$DB"-wal "$DB"-shm
	"$KEHU" --db "$DB" demo --customers "${N:-20000}" --seed 7 >/dev/null
fi
AS_ARGS=()
[ -n "${AS:-}" ] && AS_ARGS=(--as "$AS")

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

for fmt in ${FORMATS:-csv xlsx}; do
	: > "$OUT/export-$fmt.times"
	for i in $(seq "$RUNS"); do
		file=$OUT/export-bench.$fmt
		/usr/bin/time -f '%e %M %U %S' -o "$OUT/export-$fmt.one" \
			"$KEHU" --db "$DB" export --type customers --format "$fmt" --out "$file" \
			"${AS_ARGS[@]}" 2>"$OUT/export-$fmt.err"
		size=$(stat -c %s "$file")
		rows=$(grep -o '[0-9]* rows' "$OUT/export-$fmt.err")
		read -r wall rss user sys < "$OUT/export-$fmt.one"
		echo "$wall $rss $size $(echo "$user + $sys" | bc)" >> "$OUT/export-$fmt.times"
		rm -f "$file"
	done
	t=$(awk '{print $1}' "$OUT/export-$fmt.times" | median)
	rss=$(awk '{print $2}' "$OUT/export-$fmt.times" | median)
	size=$(awk '{print $3}' "$OUT/export-$fmt.times" | median)
	cpu=$(awk '{print $4}' "$OUT/export-$fmt.times" | median)
	printf '%-4s %s: median %s s (CPU %s s), peak RSS %d MiB, file %d MiB (runs: %s)  load %s\n' \
		"$fmt" "$rows" "$t" "$cpu" $((rss / 1024)) $((size / 1048576)) \
		"$(awk '{printf "%s s/%d MiB ", $1, $2/1024}' "$OUT/export-$fmt.times")" \
		"$(cut -d' ' -f1-3 /proc/loadavg)"
done
