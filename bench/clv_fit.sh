#!/usr/bin/env bash
# The BG/NBD + Gamma-Gamma fit on CDNOW, timed end to end: `kehu clv
# --transactions` on the CDNOW sample log (2357 customers, 6919 transactions;
# ../shared/data/cdnow/cdnowElog.csv as customer_id,date,amount), with the
# papers' calibration period (to 1997-09-30). Each run reads the CSV, merges
# same-day purchases, fits both models (multi-start BFGS) and predicts P(alive),
# expected purchases, spend and CLV for every customer. Prints the fitted
# parameters once (they must match Fader, Hardie & Lee 2005: r 0.243, alpha
# 4.414, a 0.793, b 2.426, LL -9582.4; p 6.25, q 3.74, gamma 15.44), then the
# median, mean and spread of RUNS timed runs (hyperfine, after WARMUP runs),
# and the load average, since the figures mean little on a busy machine.
#
# usage: bench/clv_fit.sh              (run from the project root)
#        RUNS=50 bench/clv_fit.sh
set -euo pipefail
RUNS=${RUNS:-20}
WARMUP=${WARMUP:-3}
OUT=bench/out
KEHU=build/kehu
CDNOW=${CDNOW:-../shared/data/cdnow/cdnowElog.csv}
PY=/usr/bin/python3
mkdir -p "$OUT"
make -s build/kehu

log=$OUT/cdnow-log.csv
# masterid,sampleid,date,cds,sales -> customer_id,date,amount
awk -F, 'NR == 1 {print "customer_id,date,amount"; next} {print $2 "," $3 "," $5}' \
	"$CDNOW" > "$log"
args=(--transactions "$log" --calibration-end 1997-09-30 --json)

"$KEHU" clv "${args[@]}" > "$OUT/clv.json"
$PY - "$OUT/clv.json" <<'PYEOF'
import json, sys
o = json.load(open(sys.argv[1]))
bg, gg = o["bgnbd"], o["gammagamma"]
print(f"customers {len(o['customers'])}  "
      f"BG/NBD r={bg['r']:.4f} alpha={bg['alpha']:.4f} a={bg['a']:.4f} b={bg['b']:.4f} "
      f"LL={bg['loglik']:.2f}  Gamma-Gamma p={gg['p']:.4f} q={gg['q']:.4f} "
      f"gamma={gg['gamma']:.4f}")
PYEOF

hyperfine -N --style basic --warmup "$WARMUP" --runs "$RUNS" \
	--export-json "$OUT/clv_fit.json" "$KEHU clv ${args[*]}" > "$OUT/clv_fit.log"
$PY - "$OUT/clv_fit.json" <<'PYEOF'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
ms = lambda s: f"{1000 * s:.1f} ms"
print(f"kehu clv (read + fit + predict), {len(r['times'])} runs: median {ms(r['median'])}, "
      f"mean {ms(r['mean'])} +- {ms(r['stddev'])}, min {ms(r['min'])}, max {ms(r['max'])}")
PYEOF
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
