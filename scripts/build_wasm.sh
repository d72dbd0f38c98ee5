#!/usr/bin/env bash
# Builds the engine to WebAssembly with Emscripten (same CMakeLists.txt) in build/wasm, and copies the module
# the page loads into web/engine/ (generated, not committed):
#   recurrent_engine.js    the MODULARIZE'd glue as Emscripten writes it: Node's require (tests, bench) and
#                          classic workers' importScripts (bench/browser)
#   recurrent_engine.mjs   the same text plus `export default createRecurrentEngine`, for the page's module
#                          worker (importScripts throws there, and -sEXPORT_ES6 output breaks under Node)
#   recurrent_engine.wasm
#   catalogue.json         what the engine knows (scripts/write_catalogue.mjs)
#   pytorch-package.json   python/recurrent_playground/ for the page's "PyTorch project" download, fetched only
#                          when one is asked for (scripts/write_pytorch_package.mjs)
# With --page it builds only the module (what npm start needs), not the test suite and benchmark beside it.
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH=/usr/share/nodejs  # Emscripten 3.1.6's JS optimizer needs Debian's acorn from here
targets=()
[ "${1:-}" = "--page" ] && targets=(--target recurrent_engine)
emcmake cmake -S . -B build/wasm -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/wasm -j"$(nproc)" "${targets[@]}"
mkdir -p web/engine
cp build/wasm/wasm/recurrent_engine.js build/wasm/wasm/recurrent_engine.wasm web/engine/
{
  cat build/wasm/wasm/recurrent_engine.js
  printf '\nexport default createRecurrentEngine;\n'
} > web/engine/recurrent_engine.mjs
# what the engine knows, for the page to read before the module loads
node scripts/write_catalogue.mjs
node scripts/write_pytorch_package.mjs
