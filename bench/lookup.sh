#!/usr/bin/env bash
# Incoming-call lookup at scale: builds a demo database of N customers (default
# 100000) once, then times 1000 lookups of random customer and contact numbers,
# typed in mixed formats, two ways: in process (the service call plus JSON:
# the API's hot path, then the generic path the CLI uses) and as whole
# `kehu lookup --json` commands (process start included). Also reports the demo generation's time and peak memory.
#
# usage: bench/lookup.sh [CUSTOMERS]     (run from the project root after `make`)
set -euo pipefail
N=${1:-100000}
OUT=bench/out
DB=$OUT/demo-$N.db
mkdir -p "$OUT"
make -s build/kehu build/bench/lookup_bench
# A private copy: a rebuild during the run must not swap the binary under it.
KEHU=$OUT/kehu
cp build/kehu "$KEHU"

if [ ! -f "$DB" ]; then
	echo "== demo --customers $N"
	/usr/bin/time -f "demo: %e s wall, %M KiB peak RSS" "$KEHU" --db "$DB" demo --customers "$N" --seed 7
fi

# 1000 numbers: half companies' landlines, half contacts' mobiles, written the
# way people type them (spaces, dashes, +86).
sqlite3 "$DB" "SELECT number FROM phones ORDER BY random() LIMIT 1000" |
	awk 'NR%4==0 {print "+86 " $0; next}
	     NR%4==1 {print substr($0,1,3) "-" substr($0,4,4) "-" substr($0,8); next}
	     NR%4==2 {print substr($0,1,3) " " substr($0,4); next} {print}' > "$OUT/numbers.txt"

# Twice: the first pass reads the database from disk (as after a restart),
# the second finds it in the page cache (as a running server does).
echo "== in process: kh_lookup_phone_json (the API's hot path), 1000 numbers, first pass"
build/bench/lookup_bench "$DB" < "$OUT/numbers.txt"
echo "== in process, second pass (warm cache)"
build/bench/lookup_bench "$DB" < "$OUT/numbers.txt"
echo "== in process, the generic path: kh_lookup_phone + json_dumps (warm cache)"
build/bench/lookup_bench "$DB" --generic < "$OUT/numbers.txt"

echo "== whole command: kehu lookup --json, 1000 numbers"
python3 - "$KEHU" "$DB" "$OUT/numbers.txt" <<'PY'
import subprocess, sys, time, statistics
kehu, db, path = sys.argv[1:]
times = []
for num in open(path).read().split("\n"):
    if not num:
        continue
    t = time.perf_counter()
    subprocess.run([kehu, "--db", db, "lookup", num, "--json"], stdout=subprocess.DEVNULL, check=True)
    times.append((time.perf_counter() - t) * 1000)
times.sort()
print(f"commands {len(times)}  median {statistics.median(times):.2f} ms  "
      f"p99 {times[int(len(times) * 0.99)]:.2f} ms  max {times[-1]:.2f} ms")
PY
