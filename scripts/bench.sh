#!/usr/bin/env bash
# npm run bench: native training throughput of the standard workloads, and PyTorch (one thread, OpenBLAS)
# on the same workloads in the same run, with the ratio. A benchmark, never a test: it prints, it does not fail.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh native bench
bash scripts/build_native.sh >/dev/null
STEPS="${BENCH_STEPS:-60}"
echo "native engine (build/native/bench/rp_bench, $STEPS timed steps per workload)..." >&2
native=$(build/native/bench/rp_bench --steps "$STEPS")
echo "PyTorch $(/usr/bin/python3 -c 'import torch; print(torch.__version__)') on one thread..." >&2
torch_lines=""
for spec in "lstm 1" "lstm 2" "gru 1" "rnn_tanh 1"; do
  set -- $spec
  torch_lines+=$(/usr/bin/python3 bench/torch_bench.py --cell "$1" --layers "$2" --steps "$STEPS" --json 2>/dev/null || echo '{}')
  torch_lines+=$'\n'
done
/usr/bin/python3 - "$native" "$torch_lines" <<'PY'
import json, sys
native = [json.loads(l) for l in sys.argv[1].splitlines() if l.strip()]
torch = [json.loads(l) for l in sys.argv[2].splitlines() if l.strip()]
print(f"{'workload (V=65 one-hot, H=128, T=64, B=32, Adam, clip 5)':58} {'native':>10} {'PyTorch':>10} {'ratio':>7}")
for n, t in zip(native, torch):
    tc = t.get("chars_per_sec")
    ratio = f"{n['chars_per_sec'] / tc:6.2f}x" if tc else "   n/a"
    print(f"{n['workload']:58} {n['chars_per_sec']:10,.0f} {tc or 0:10,.0f} {ratio:>7}")
blas = {t.get("blas") for t in torch if t}
print(f"(chars/s; PyTorch BLAS: {', '.join(sorted(b for b in blas if b)) or 'unknown'})")
PY
