#!/usr/bin/env bash
# Behaviour of `rnn classify`: train/eval/predict on a generated task and on the user's own labelled lines,
# and every error path (clear message on stderr, non-zero exit, never a crash).
set -u
RNN="$1"
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
printf '#!/bin/sh\nexec "%s" classify "$@"\n' "$RNN" >"$DIR/classify"
chmod +x "$DIR/classify"
BIN="$DIR/classify"
source "$(dirname "$0")/harness.sh"

expect_ok "train sentiment" train --task sentiment --train-size 1000 --held-size 100 --steps 300 --eval-every 0 --save "$DIR/s.safetensors" --quiet
check "train reports held-out accuracy" 'tail -n 1 "$DIR/out" | grep -q "^final: held-out accuracy"'
expect_ok "eval sentiment" eval --load "$DIR/s.safetensors" --task sentiment
check "eval last line" 'tail -n 1 "$DIR/out" | grep -Eq "^accuracy (0\.9|1\.0)[0-9]*$"'
check "eval uses the saved held-out split" 'grep -qx "examples 100" "$DIR/out"'
expect_ok "predict" predict --load "$DIR/s.safetensors" --input "the film is not good, it's bad"
check "predict label first" 'head -n 1 "$DIR/out" | grep -qx "negative"'
check "predict every class" 'grep -Eq "^negative 0\.9" "$DIR/out" && grep -Eq "^positive 0\.0" "$DIR/out"'
expect_ok "predict the other way round" predict --load "$DIR/s.safetensors" --input "the film is good, it's not bad"
check "predict positive" 'head -n 1 "$DIR/out" | grep -qx "positive"'

printf 'pos\tgreat fun\nneg\tdull and bad\npos\tlovely\r\nneg\tawful\npos\tgood\nneg\tpoor\n' >"$DIR/own.tsv"
expect_ok "train own lines" train --pairs "$DIR/own.tsv" --hidden 8 --embed 4 --bidirectional --pooling max --steps 20 --batch 4 --eval-every 0 --save "$DIR/own.safetensors" --quiet
expect_ok "train with --log" train --task names --train-size 200 --held-size 20 --hidden 8 --steps 20 --eval-every 10 --log "$DIR/m.jsonl" --quiet
check "--log: a line per step and the held-out reports" '[ "$(grep -c "\"step\"" "$DIR/m.jsonl")" -ge 20 ] && [ "$(grep -c held_out_accuracy "$DIR/m.jsonl")" -eq 2 ]'
expect_ok "eval own lines" eval --load "$DIR/own.safetensors" --pairs "$DIR/own.tsv"
check "eval own lines counts every line" 'grep -qx "examples 6" "$DIR/out"'

# Resuming is exact: 14 steps, --save-state, --resume 9 more = 23 steps in one run (the same loss at every step,
# across an epoch's reshuffle, and the same weights), on a generated task and on the user's own lines.
RUN=(--task names --train-size 70 --held-size 10 --hidden 8 --embed 4 --batch 8 --optim rmsprop --eval-every 0 --quiet)
expect_ok "23 steps" train "${RUN[@]}" --steps 23 --log "$DIR/full.jsonl" --save "$DIR/full.st"
expect_ok "14 steps with --save-state" train "${RUN[@]}" --steps 14 --save-state "$DIR/state.st"
expect_ok "--resume for 9" train --resume "$DIR/state.st" --steps 9 --eval-every 0 --quiet --log "$DIR/resumed.jsonl" \
  --save "$DIR/resumed.st" --save-state "$DIR/state2.st"
check "the resumed run's steps 15-23 are the full run's" \
  '[ "$(wc -l <"$DIR/resumed.jsonl")" = 9 ] && [ "$(sed -n 15,23p "$DIR/full.jsonl" | sed "s/,\"chars_per_s.*//")" = "$(sed "s/,\"chars_per_s.*//" "$DIR/resumed.jsonl")" ]'
check "and its model is the full run's, byte for byte" 'cmp -s "$DIR/full.st" "$DIR/resumed.st"'
expect_ok "a resumed state resumes again" train --resume "$DIR/state2.st" --steps 1 --eval-every 0 --quiet
expect_ok "the model of a state file evaluates" eval --load "$DIR/state.st" --task names
OWN=(--pairs "$DIR/own.tsv" --hidden 6 --embed 3 --batch 4 --held-fraction 0.2 --eval-every 0 --quiet)
expect_ok "own lines: 7 steps" train "${OWN[@]}" --steps 7 --log "$DIR/own-full.jsonl"
expect_ok "own lines: 3 steps with --save-state" train "${OWN[@]}" --steps 3 --save-state "$DIR/own-state.st"
expect_ok "own lines: --resume for 4" train --resume "$DIR/own-state.st" --pairs "$DIR/own.tsv" --steps 4 --eval-every 0 \
  --quiet --log "$DIR/own-resumed.jsonl"
check "own lines: steps 4-7 are the full run's" \
  '[ "$(sed -n 4,7p "$DIR/own-full.jsonl" | sed "s/,\"chars_per_s.*//")" = "$(sed "s/,\"chars_per_s.*//" "$DIR/own-resumed.jsonl")" ]'
expect_fail "a weights-only file cannot resume" "has no training state (write it with --save-state)" \
  train --resume "$DIR/full.st" --steps 1
printf 'pos\tzany fun\nneg\tdull and bad\npos\tlovely\nneg\tawful\npos\tgood\nneg\tpoor\n' >"$DIR/other.tsv"
expect_fail "other lines cannot resume" "trained on other data" train --resume "$DIR/own-state.st" --pairs "$DIR/other.tsv" --steps 1

printf 'pos\tgood\nno tab here\n' >"$DIR/notab.tsv"
printf 'pos\tgood\nneg\tbad\nodd\tgood bad\n' >"$DIR/heldonly.tsv"
: >"$DIR/empty.tsv"
expect_fail "no command" "no command given"
expect_fail "train needs data" "needs --task" train
expect_fail "unknown task" "unknown task\|one of" train --task juggle
expect_fail "task and pairs" "exclude each other" train --task sentiment --pairs "$DIR/own.tsv"
expect_fail "line without a tab" "line 2: expected exactly one tab between label and text" train --pairs "$DIR/notab.tsv"
expect_fail "empty file" "no label<TAB>text examples" train --pairs "$DIR/empty.tsv"
expect_fail "label only held out" "has no training example" train --pairs "$DIR/heldonly.tsv" --held-fraction 0.4
expect_fail "unknown pooling" "pooling" train --task sentiment --pooling median
expect_fail "layers range" "--layers must be between 1 and 4" train --task sentiment --layers 7
expect_fail "eval needs load" "eval needs --load" eval --task sentiment
expect_fail "corrupt model" "safetensors" eval --load "$DIR/own.tsv" --task sentiment
expect_fail "input outside vocabulary" "not in the model's vocabulary" predict --load "$DIR/s.safetensors" --input "the film is 100% good"
expect_fail "empty input" "--input is empty" predict --load "$DIR/s.safetensors" --input ""
expect_fail "unknown label in eval" "not one of the model's classes" eval --load "$DIR/own.safetensors" --pairs "$DIR/heldonly.tsv"

echo "cli classify: $pass passed, $fail failed"
[ $fail -eq 0 ]
