#!/usr/bin/env bash
# npm start: installs what is missing, builds the engine to WebAssembly (only the module the page loads, with
# the compiler's progress shown), and serves the page (prints its URL).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh native wasm
if [ ! -f web/engine/recurrent_engine.wasm ]; then
  echo "== building the engine to WebAssembly (the first time takes a few minutes; later runs rebuild what changed)" >&2
fi
# the compiler's progress lines on stderr; a failed build stops here (its errors are on stderr already)
bash scripts/build_wasm.sh --page | { grep --line-buffered -E '^\[ *[0-9]+%\]' >&2 || true; }
exec node scripts/serve.js "${PORT:-8080}"
