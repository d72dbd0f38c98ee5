#!/usr/bin/env bash
# npm test: installs what is missing, builds, and runs every test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh native
bash scripts/build_native.sh
ctest --test-dir build/native --output-on-failure -j"$(nproc)"
