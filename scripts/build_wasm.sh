#!/usr/bin/env bash
# Builds the engine to WebAssembly with Emscripten (same CMakeLists.txt) in build/wasm, and copies the module
# the page loads into web/engine/ (generated, not committed).
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH=/usr/share/nodejs  # Emscripten 3.1.6's JS optimizer needs Debian's acorn from here
emcmake cmake -S . -B build/wasm -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/wasm -j"$(nproc)"
mkdir -p web/engine
cp build/wasm/wasm/recurrent_engine.js build/wasm/wasm/recurrent_engine.wasm web/engine/
node scripts/write_catalogue.mjs
