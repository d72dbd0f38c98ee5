#!/usr/bin/env bash
# Installs what a group of tasks needs and is missing: Debian packages through apt-get, JS packages through
# npm from the committed lockfile. Idempotent: when everything is present it installs nothing.
#   scripts/setup.sh native   compilers, xtensor, xsimd, Catch2 (native build and tests)
#   scripts/setup.sh sanitize + clang with its sanitizer and libFuzzer runtimes, and llvm-symbolizer for their
#                             reports (the ASan + UBSan build and the fuzz targets: build_sanitize.sh, fuzz.sh)
#   scripts/setup.sh wasm     + Emscripten (the WebAssembly build and its tests under Node)
#   scripts/setup.sh browser  + Chromium and the npm packages (the page's browser tests)
#   scripts/setup.sh torch    + PyTorch with OpenBLAS (files written by PyTorch in the tests; the bench's peer)
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(cmake g++ make libxtensor-dev libxsimd-dev catch2)
for group in "$@"; do
  case "$group" in
    native) ;;
    sanitize) packages+=(clang libclang-rt-14-dev llvm-14) ;;
    wasm) packages+=(emscripten) ;;
    browser) packages+=(emscripten chromium) ;;
    torch) packages+=(python3-torch python3-numpy libopenblas0) ;;
    *) echo "setup: unknown group '$group'" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: these Debian packages are missing and installing them needs root: ${missing[*]}" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

for group in "$@"; do
  if [ "$group" = browser ] && { [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; }; then
    echo "setup: npm ci" >&2
    npm ci --no-audit --no-fund --loglevel=error
  fi
done
