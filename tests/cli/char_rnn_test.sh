#!/usr/bin/env bash
# Behaviour of the char_rnn command line: a small train/eval/sample round trip and every error path
# (clear message on stderr, non-zero exit, never a crash).
set -u
BIN="$1"
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
source "$(dirname "$0")/harness.sh"

for i in $(seq 60); do printf 'the cat sat on the mat. '; done >"$DIR/text.txt"
printf '' >"$DIR/empty.txt"
printf 'x' >"$DIR/one.txt"
printf 'abc\xff\xfe' >"$DIR/bad_utf8.txt"
printf 'the dog!' >"$DIR/foreign.txt"
head -c 100 /dev/urandom >"$DIR/garbage.safetensors"

expect_ok "train" train --text "$DIR/text.txt" --cell gru --hidden 32 --seq 16 --batch 4 --steps 60 --sample-every 30 --save "$DIR/m.safetensors" --save-state "$DIR/state.safetensors" --quiet
check "train output" 'grep -q "^final train loss" "$DIR/out"' 
expect_ok "eval" eval --load "$DIR/m.safetensors" --text "$DIR/text.txt"
check "eval last line" 'tail -n 1 "$DIR/out" | grep -Eq "^loss [0-9]+\.[0-9]+$"' 
expect_ok "sample" sample --load "$DIR/m.safetensors" --prime "the " --len 40 --temperature 0.7 --seed 3
cp "$DIR/out" "$DIR/sample1"
"$BIN" sample --load "$DIR/m.safetensors" --prime "the " --len 40 --temperature 0.7 --seed 3 >"$DIR/sample2" 2>/dev/null
check "sample reproducible" 'cmp -s "$DIR/sample1" "$DIR/sample2"' 
expect_ok "sample greedy" sample --load "$DIR/m.safetensors" --greedy --len 10
expect_ok "resume" train --text "$DIR/text.txt" --resume "$DIR/state.safetensors" --steps 5 --sample-every 0 --quiet
expect_ok "init from a plain model" train --text "$DIR/text.txt" --init "$DIR/m.safetensors" --seq 16 --batch 4 --steps 5 --sample-every 0 --quiet
expect_fail "resume and init" "exclude each other" train --text "$DIR/text.txt" --init "$DIR/m.safetensors" --resume "$DIR/state.safetensors"
expect_fail "resume from a plain model" "no training state" train --text "$DIR/text.txt" --resume "$DIR/m.safetensors"

expect_fail "no command" "no command given"
expect_fail "unknown command" "unknown command 'fly'" fly
expect_fail "missing text" "train needs --text" train
expect_fail "missing file" "cannot open text file" train --text "$DIR/nope.txt"
expect_fail "empty text" "is empty" train --text "$DIR/empty.txt"
expect_fail "one character" "only one character" train --text "$DIR/one.txt"
expect_fail "invalid utf-8" "invalid UTF-8" train --text "$DIR/bad_utf8.txt"
expect_fail "unknown flag" "unknown flag --colour" train --text "$DIR/text.txt" --colour red
expect_fail "flag without value" "--hidden needs a value" train --text "$DIR/text.txt" --hidden
expect_fail "bad integer" "--hidden must be an integer" train --text "$DIR/text.txt" --hidden 12x
expect_fail "out of range" "--layers must be between 1 and 4" train --text "$DIR/text.txt" --layers 9
expect_fail "bad number" "--lr must be a number" train --text "$DIR/text.txt" --lr fast
expect_fail "nan lr" "--lr must be a number" train --text "$DIR/text.txt" --lr nan
expect_fail "negative lr" "learning rate" train --text "$DIR/text.txt" --lr -1
expect_fail "unknown cell" "unknown cell 'transformer'" train --text "$DIR/text.txt" --cell transformer
expect_fail "text too short" "text too short" train --text "$DIR/text.txt" --batch 64 --seq 64
expect_fail "eval needs load" "eval needs --load" eval --text "$DIR/text.txt"
expect_fail "eval foreign chars" "not in the model's vocabulary" eval --load "$DIR/m.safetensors" --text "$DIR/foreign.txt"
expect_fail "corrupt model" "safetensors" eval --load "$DIR/garbage.safetensors" --text "$DIR/text.txt"
expect_fail "missing model" "nope.safetensors" sample --load "$DIR/nope.safetensors"
expect_fail "prime outside vocab" "--prime" sample --load "$DIR/m.safetensors" --prime "XYZ"
expect_fail "greedy and top-k" "exclude each other" sample --load "$DIR/m.safetensors" --greedy --top-k 3
expect_fail "zero temperature" "temperature" sample --load "$DIR/m.safetensors" --temperature 0

echo "cli: $pass passed, $fail failed"
[ $fail -eq 0 ]
