#!/usr/bin/env bash
# Behaviour of the seq2seq command line: train/eval/translate on a small task and on user pairs, and every
# error path (clear message on stderr, non-zero exit, never a crash).
set -u
BIN="$1"
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
source "$(dirname "$0")/harness.sh"

expect_ok "train reverse" train --task reverse --max-len 6 --train-size 2000 --held-size 100 --bidirectional --steps 300 --eval-every 0 --save "$DIR/rev.safetensors" --quiet
expect_ok "eval reverse" eval --load "$DIR/rev.safetensors" --task reverse
check "eval last line" 'tail -n 1 "$DIR/out" | grep -Eq "^exact_match (0\.9|1\.0)[0-9]*$"'
expect_ok "translate" translate --load "$DIR/rev.safetensors" --input "abcd" --beam 4
check "translate output" 'head -n 1 "$DIR/out" | grep -qx "dcba"'
check "translate attention" 'grep -q "^# attention" "$DIR/out"'
printf 'hello\tbonjour\ncat\tchat\ndog\tchien\r\nyes\toui\nno\tnon\n' >"$DIR/pairs.tsv"
expect_ok "train pairs" train --pairs "$DIR/pairs.tsv" --hidden 16 --embed 8 --attention dot --steps 20 --batch 4 --eval-every 0 --save "$DIR/pairs.safetensors" --quiet
expect_ok "eval pairs" eval --load "$DIR/pairs.safetensors" --pairs "$DIR/pairs.tsv"
check "eval pairs counts every pair" 'grep -qx "examples 5" "$DIR/out"'

printf 'one\ttwo\nthree four\n' >"$DIR/bad.tsv"
expect_fail "no command" "no command given"
expect_fail "train needs data" "needs --task" train
expect_fail "unknown task" "unknown task 'juggle'" train --task juggle
expect_fail "task and pairs" "exclude each other" train --task reverse --pairs "$DIR/pairs.tsv"
expect_fail "bad pairs line" "line 2" train --pairs "$DIR/bad.tsv"
expect_fail "missing pairs" "cannot open" train --pairs "$DIR/none.tsv"
expect_fail "unknown attention" "unknown attention 'psychic'" train --task reverse --attention psychic
expect_fail "dot with bidirectional" "dot attention needs" train --task reverse --attention dot --bidirectional
expect_fail "bad number" "--lr must be a number" train --task reverse --lr quick
expect_fail "layers range" "--layers must be between 1 and 4" train --task reverse --layers 7
expect_fail "eval needs load" "eval needs --load" eval --task reverse
expect_fail "corrupt model" "safetensors" eval --load "$DIR/pairs.tsv" --task reverse
expect_fail "missing model" "rev.safetensors.none" translate --load "$DIR/rev.safetensors.none" --input x
expect_fail "input outside vocabulary" "not in the model's vocabulary" translate --load "$DIR/rev.safetensors" --input "xyz!"
expect_fail "beam too wide" "--beam must be between 0 and 16" translate --load "$DIR/rev.safetensors" --input "ab" --beam 40

echo "cli seq2seq: $pass passed, $fail failed"
[ $fail -eq 0 ]
