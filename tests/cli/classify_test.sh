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
