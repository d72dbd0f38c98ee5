#!/usr/bin/env bash
# npm test: installs what is missing, builds both targets, and runs every suite:
#   1. the native Catch2 suite and the CLI checks (ctest, build/native)
#   1b. the same suite and CLI checks built with ASan + UBSan (ctest, build/sanitize; the [slow] seq2seq training
#       tests and the seq2seq CLI script are left out there), then about 15 s of each libFuzzer target (fuzz.sh)
#   2. the same Catch2 suite built with em++ and run under Node (ctest, build/wasm)
#   3. native and WebAssembly loss sequences agree over 200 steps
#   4. the page's JavaScript unit tests and the WASM module's JS boundary under Node (tests/web, tests/wasm)
#   4b. the page's "PyTorch project" download, unpacked and run as its README says (needs the page's build and
#       torch: tests/python/pytorch_project_test.sh)
#   5. browser tests: the page in headless Chromium driven by playwright-core (tests/browser)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh native sanitize wasm browser torch

echo "== native build and tests" >&2
bash scripts/build_native.sh
ctest --test-dir build/native --output-on-failure -j"$(nproc)"

echo "== sanitized build (ASan + UBSan): the native suite, then short fuzz runs" >&2
bash scripts/build_sanitize.sh
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir build/sanitize --output-on-failure -j"$(nproc)"
bash scripts/fuzz.sh --short

echo "== WebAssembly build and the same suite under Node" >&2
bash scripts/build_wasm.sh
ctest --test-dir build/wasm --output-on-failure

echo "== native and WebAssembly agree" >&2
node tests/compare_traces.mjs build/native/tests/loss_trace build/wasm/tests/loss_trace.js

echo "== page unit tests and the module's JavaScript boundary" >&2
node --test tests/web/ $( [ -d tests/wasm ] && echo tests/wasm/ )

echo "== the page's PyTorch project, unpacked and run as its README says" >&2
bash tests/python/pytorch_project_test.sh build/native/cli/rnn

if [ -d tests/browser ]; then
  echo "== browser tests (headless Chromium)" >&2
  node --test --test-concurrency=1 tests/browser/
fi
