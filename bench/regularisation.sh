#!/usr/bin/env bash
# Dropout kinds and layer norm on a text an LSTM with H=256 overfits (measured, not a test; see README
# "Dropout and normalisation"): for each option, the best held-out loss within the same steps, and the time
# of training steps against no option, with the native `rnn` (build/native/cli/rnn).
#   STEPS (500)  EVERY (50, the held-out period)  TIMING_STEPS (30)  P (0.3)  HOLDOUT (0.5)
#   KINDS (none naive variational weight: the held-out runs; empty: timing only)  ROUNDS (5)
#   OUT (test-artifacts/regularisation)
set -euo pipefail
cd "$(dirname "$0")/.."
RNN=build/native/cli/rnn
STEPS=${STEPS:-500}
EVERY=${EVERY:-50}
TIMING_STEPS=${TIMING_STEPS:-30}
P=${P:-0.3}
HOLDOUT=${HOLDOUT:-0.5}
read -r -a KINDS <<<"${KINDS-none naive variational weight}"
ROUNDS=${ROUNDS:-5}
OUT=${OUT:-test-artifacts/regularisation}
mkdir -p "$OUT"
TEXT="$OUT/text.txt"
# About 50 KB: the Shakespeare excerpt and the start of the English prose; its last HOLDOUT held out (half:
# 25 KB to train on, which an LSTM with H=256 starts to memorise within a few hundred steps).
cat web/lm/presets/shakespeare.txt web/lm/presets/prose.txt | head -c 50000 > "$TEXT"
COMMON=(--text "$TEXT" --hidden 256 --seq 64 --batch 32 --lr 0.002 --holdout "$HOLDOUT" --seed 1 --quiet)
declare -A OPTS=(
  [none]=""
  [between]="--dropout $P --dropout-kind between"
  [naive]="--dropout $P --dropout-kind naive"
  [variational]="--dropout $P --dropout-kind variational"
  [weight]="--dropout $P --dropout-kind weight"
  [layernorm]="--norm layer"
)
ORDER=(none between naive variational weight layernorm)

echo "held-out loss, $STEPS steps, held out every $EVERY (P=$P)"
for name in "${KINDS[@]}"; do
  # shellcheck disable=SC2086
  "$RNN" lm train "${COMMON[@]}" ${OPTS[$name]} --steps "$STEPS" --sample-every "$EVERY" --sample-len 1 > "$OUT/$name.log"
  best=$(grep -o 'held-out loss [0-9.]*' "$OUT/$name.log" | awk '{print $3}' | sort -g | head -1)
  at=$(grep "held-out loss $best" "$OUT/$name.log" | head -1 | awk '{print $2}')
  last=$(grep -o 'held-out loss [0-9.]*' "$OUT/$name.log" | tail -1 | awk '{print $3}')
  printf '%-12s best %s at step %s, last %s\n' "$name" "$best" "$at" "$last"
done

echo "CPU time (user) of $TIMING_STEPS training steps (no evaluation), $ROUNDS rounds interleaved, the median of each:"
declare -A TIMES
for ((round = 0; round < ROUNDS; round++)); do
  for name in "${ORDER[@]}"; do
    # user CPU time: less disturbed than the wall clock by other work on a shared machine
    # shellcheck disable=SC2086
    t=$( { TIMEFORMAT=%U; time "$RNN" lm train "${COMMON[@]}" ${OPTS[$name]} --steps "$TIMING_STEPS" --sample-every 0 > /dev/null; } 2>&1 )
    TIMES[$name]="${TIMES[$name]:-} $t"
  done
done
median() { tr ' ' '\n' <<<"$1" | grep . | sort -g | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
base=$(median "${TIMES[none]}")
for name in "${ORDER[@]}"; do
  t=$(median "${TIMES[$name]}")
  printf '%-12s %6.2f s  %+6.1f%% against none\n' "$name" "$t" "$(awk "BEGIN {print ($t / $base - 1) * 100}")"
done
