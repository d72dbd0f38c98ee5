#!/usr/bin/env bash
# npm start: installs what is missing, builds the engine to WebAssembly, and serves the page (prints its URL).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh native wasm
bash scripts/build_wasm.sh >/dev/null
exec node scripts/serve.js "${PORT:-8080}"
