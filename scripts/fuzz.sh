#!/usr/bin/env bash
# Runs every libFuzzer target (tests/fuzz, built with ASan and UBSan in build/sanitize by build_sanitize.sh) from
# its committed corpus, and prints each target's executions and coverage. Any crash, sanitizer report, leak,
# timeout or allocation over the cap fails the run; the input that did it is left in build/sanitize/fuzz-crashes/.
#   scripts/fuzz.sh           npm run fuzz: up to FUZZ_RUNS executions per target (default 1,000,000), at most
#                             FUZZ_SECONDS each (default 1800), then the link fuzzer's long run
#                             (LINK_FUZZ_ITERATIONS, default 100,000)
#   scripts/fuzz.sh --short   npm test: FUZZ_SECONDS each (default 15), no link fuzzer (tests/web runs its short run)
#   FUZZ_TARGETS="fuzz_json fuzz_pairs" narrows either to some targets.
# The cap: no single allocation over the session memory budget (1.25 GiB, kSessionMemoryBudget: what a family
# may hold in the page's 2 GiB heap, and more than any model file a family accepts needs), and no more than
# 2 GiB resident (the page's heap). New inputs go to build/sanitize/fuzz-corpus/, never to the committed corpus.
set -euo pipefail
cd "$(dirname "$0")/.."

short=0
[ "${1:-}" = --short ] && short=1
build=build/sanitize
if [ "$short" = 0 ]; then  # npm run fuzz: install and build what is missing (npm test has just built it)
  bash scripts/setup.sh native sanitize
  bash scripts/build_sanitize.sh
fi
if [ ! -f "$build/fuzz_targets.txt" ]; then
  echo "fuzz: no fuzz targets in $build (run scripts/build_sanitize.sh; they need clang)" >&2
  exit 1
fi
targets=${FUZZ_TARGETS:-$(cat "$build/fuzz_targets.txt")}
if [ "$short" = 1 ]; then
  limits=(-max_total_time="${FUZZ_SECONDS:-15}")
else
  limits=(-runs="${FUZZ_RUNS:-1000000}" -max_total_time="${FUZZ_SECONDS:-1800}")
fi

mkdir -p "$build/fuzz-logs" "$build/fuzz-crashes"
failed=()
printf '%-26s %12s %10s %8s %8s\n' target executions exec/s cov ft >&2
for t in $targets; do
  work="$build/fuzz-corpus/$t"
  log="$build/fuzz-logs/$t.log"
  mkdir -p "$work"
  status=0
  ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$build/tests/fuzz/$t" "${limits[@]}" -malloc_limit_mb=1280 -rss_limit_mb=2048 -timeout=25 \
    -print_final_stats=1 -artifact_prefix="$build/fuzz-crashes/$t-" "$work" "tests/fuzz/corpus/$t" >"$log" 2>&1 ||
    status=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  printf '%-26s %12s %10s %8s %8s\n' "$t" "${runs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" >&2
  if [ "$status" -ne 0 ]; then
    failed+=("$t")
    echo "fuzz: $t failed (exit $status); the end of $log:" >&2
    tail -40 "$log" >&2
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: FAILED: ${failed[*]}" >&2
  exit 1
fi
echo "fuzz: every target ran clean" >&2
if [ "$short" = 0 ] && [ -z "${FUZZ_TARGETS:-}" ]; then
  LINK_FUZZ_ITERATIONS=${LINK_FUZZ_ITERATIONS:-100000} node --test tests/web/link-fuzz.test.mjs
fi
