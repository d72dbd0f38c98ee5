#!/usr/bin/env bash
# npm start: builds the engine and, until the page lands, shows how to use the command line.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh native
bash scripts/build_native.sh >/dev/null
cat <<MSG
The page is not built yet; the engine is ready on the command line:
  build/native/examples/char_rnn train --text FILE --steps 2000 --save model.safetensors
  build/native/examples/char_rnn sample --load model.safetensors --prime "The " --len 300
  build/native/examples/char_rnn eval --load model.safetensors --text FILE
MSG
