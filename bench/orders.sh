#!/usr/bin/env bash
# Order writes in process: builds a demo database of N customers (default
# 2000) once, then times ORDERS order creations (default 2000) on a copy of it,
# each with a fresh context as a request has (bench/order_bench.c). The copy
# lives in RUN_DIR (default /dev/shm, where fsync is free), so the figure is
# the CPU work of a write rather than the disk's flush time.
#
# usage: bench/orders.sh [CUSTOMERS] [ORDERS]   (from the project root)
set -euo pipefail
N=${1:-2000}
ORDERS=${2:-2000}
OUT=bench/out
DB=$OUT/orders-$N.db
mkdir -p "$OUT"
make -s build/kehu build/bench/order_bench
if [ ! -f "$DB" ]; then
	build/kehu --db "$DB" demo --customers "$N" --seed 7 > /dev/null
fi
# A copy per run, so every run starts from the same data.
RUN=${RUN_DIR:-/dev/shm}/kehu-orders-$$.db
cp "$DB" "$RUN"
trap 'rm -f "$RUN" "$RUN-wal" "$RUN-shm"' EXIT
${ORDER_BENCH:-build/bench/order_bench} "$RUN" "$N" "$ORDERS"
