#!/usr/bin/env bash
# `kehu demo`: how long filling a new database takes, and the `kehu analyze` that
# demo runs at its end, with the baseline side by side in the same run.
#
# Runs `kehu demo --customers N --seed 7` into a new file RUNS times (default 1)
# and prints for each run the wall time of the whole command (/usr/bin/time), the
# demo's own part and analyze's part (as the command reports them) and the peak
# RSS, then the medians. With BASELINE=1 the binary of BASELINE_REF (default
# main) is built once in a temporary git worktree (kept as bench/out/kehu-<sha>)
# and run alternately with the current one, on the same day (KEHU_TODAY), so
# both make the same data: the script checks that their row counts agree. Each
# database is deleted after its run (1,000,000 customers make a 6 GB file).
# The load average is printed at the end: the machine may be shared.
#
# usage: [BASELINE=1] [BASELINE_REF=main] [RUNS=1] bench/demo.sh [N]   (from the project root)
#        default N: 1000000
set -euo pipefail
N=${1:-1000000}
RUNS=${RUNS:-1}
OUT=bench/out
KEHU=${KEHU_BIN:-build/kehu}
export KEHU_TODAY=${KEHU_TODAY:-$(date -u +%F)}
mkdir -p "$OUT"
[ -n "${KEHU_BIN:-}" ] || make -s build/kehu

# The baseline binary, built once per commit.
baseline_binary() {
	local sha tmp
	sha=$(git rev-parse --short "${BASELINE_REF:-main}")
	if [ ! -x "$OUT/kehu-$sha" ]; then
		tmp=$(mktemp -d)
		git worktree add -q --detach "$tmp" "$sha"
		make -s -C "$tmp" build/kehu >&2
		cp "$tmp/build/kehu" "$OUT/kehu-$sha"
		git worktree remove --force "$tmp"
	fi
	echo "$OUT/kehu-$sha"
}

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# One run of binary $2 labelled $1: a line of results, appended to $OUT/demo-$1.txt.
run() {
	local label=$1 bin=$2 db=$OUT/demo-bench-$N.db log=$OUT/demo-$1.log
	rm -f "$db" "$db-wal" "$db-shm"
	/usr/bin/time -f "%e %M" -o "$OUT/t" "$bin" --db "$db" demo --customers "$N" --seed 7 \
		> "$log" 2>&1
	rm -f "$db" "$db-wal" "$db-shm"
	local wall rss demo analyze
	read -r wall rss < "$OUT/t"
	demo=$(sed -n '1s/.* in \([0-9.]*\) s$/\1/p' "$log")
	analyze=$(sed -n 's/.* analysed as of .* in \([0-9.]*\) s$/\1/p' "$log")
	echo "$wall $demo $analyze $((rss / 1024))" >> "$OUT/demo-$label.txt"
	head -1 "$log" | sed 's/ in [0-9.]* s$//' > "$OUT/demo-$label.counts"
	printf '%-10s %10s %10s %10s %10s\n' "$label" "$wall" "$demo" "$analyze" "$((rss / 1024))"
}

labels=(new)
bins=("$KEHU")
if [ "${BASELINE:-0}" = 1 ]; then
	labels+=(baseline)
	bins+=("$(baseline_binary)")
fi
for l in "${labels[@]}"; do : > "$OUT/demo-$l.txt"; done

echo "kehu demo --customers $N --seed 7 (KEHU_TODAY=$KEHU_TODAY), $RUNS run(s) each"
printf '%-10s %10s %10s %10s %10s\n' binary wall_s demo_s analyze_s peak_MiB
for _ in $(seq "$RUNS"); do
	for i in "${!labels[@]}"; do run "${labels[$i]}" "${bins[$i]}"; done
done

echo "medians:"
for l in "${labels[@]}"; do
	f=$OUT/demo-$l.txt
	printf '%-10s %10s %10s %10s %10s\n' "$l" "$(cut -d' ' -f1 "$f" | median)" \
		"$(cut -d' ' -f2 "$f" | median)" "$(cut -d' ' -f3 "$f" | median)" \
		"$(cut -d' ' -f4 "$f" | median)"
done
if [ "${BASELINE:-0}" = 1 ]; then
	if cmp -s "$OUT/demo-new.counts" "$OUT/demo-baseline.counts"; then
		echo "same data: $(cat "$OUT/demo-new.counts")"
	else
		echo "the two binaries made different data:" >&2
		cat "$OUT/demo-new.counts" "$OUT/demo-baseline.counts" >&2
		exit 1
	fi
fi
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
