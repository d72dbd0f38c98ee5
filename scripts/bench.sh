#!/usr/bin/env bash
# npm run bench: training throughput of the standard workloads
#   native engine (build/native/bench/rp_bench) and PyTorch on one thread with OpenBLAS, same workloads;
#   the WebAssembly engine and TensorFlow.js (WASM SIMD backend, one thread) in headless Chromium;
# and prints every ratio. A benchmark, never a test: it reports numbers, it does not pass or fail.
# BENCH_STEPS sets the timed steps per native workload (default 60).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh native wasm browser torch
bash scripts/build_native.sh >/dev/null
bash scripts/build_wasm.sh >/dev/null
STEPS="${BENCH_STEPS:-60}"
results=$(mktemp)
trap 'rm -f "$results"' EXIT

echo "native engine ($STEPS timed steps per workload)..." >&2
build/native/bench/rp_bench --steps "$STEPS" >>"$results"
echo "PyTorch $(/usr/bin/python3 -c 'import torch; print(torch.__version__)') on one thread..." >&2
for spec in "lstm 1" "lstm 2" "gru 1" "rnn_tanh 1"; do
  set -- $spec
  /usr/bin/python3 bench/torch_bench.py --cell "$1" --layers "$2" --steps "$STEPS" --json 2>/dev/null >>"$results" || true
done
/usr/bin/python3 bench/torch_seq2seq_bench.py --steps $((STEPS / 2)) --json 2>/dev/null >>"$results" || true
if [ -f bench/browser_bench.mjs ]; then
  echo "headless Chromium: WebAssembly engine and TensorFlow.js..." >&2
  node bench/browser_bench.mjs --json-only >>"$results" || echo "browser benchmark failed" >&2
fi
/usr/bin/python3 bench/summarize.py "$results"
