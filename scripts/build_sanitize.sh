#!/usr/bin/env bash
# Configures and builds everything with AddressSanitizer and UndefinedBehaviorSanitizer in build/sanitize,
# with clang so that the libFuzzer targets (tests/fuzz) are built too: the Catch2 suite, the CLI and the
# fuzz targets all link the one sanitized engine.
set -euo pipefail
cd "$(dirname "$0")/.."
CXX=clang++ cmake -S . -B build/sanitize -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG" -DRP_SANITIZE=ON >/dev/null
cmake --build build/sanitize -j"$(nproc)"
