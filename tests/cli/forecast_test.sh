#!/usr/bin/env bash
# Behaviour of `rnn forecast`: train/eval on a generated series and a CSV column, the baselines beside the
# model, and the error paths (clear message on stderr, non-zero exit, never a crash).
set -u
RNN="$1"
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
printf '#!/bin/sh\nexec "%s" forecast "$@"\n' "$RNN" >"$DIR/forecast"
chmod +x "$DIR/forecast"
BIN="$DIR/forecast"
source "$(dirname "$0")/harness.sh"

expect_ok "train on sines" train --series sines --length 1500 --hidden 24 --window 40 --batch 16 --lr 0.01 --steps 300 \
  --eval-every 0 --quiet --save "$DIR/s.st" --log "$DIR/m.jsonl"
check "train reports the three errors" 'tail -n 1 "$DIR/out" | grep -q "^final: held-out mse .* persistence .* ar "'
expect_ok "eval" eval --load "$DIR/s.st"
check "eval's last three lines" 'tail -n 3 "$DIR/out" | cut -d" " -f1 | tr "\n" " " | grep -qx "mse persistence_mse ar_mse "'
check "the RNN beats both baselines" 'awk "/^mse /{m=\$2} /^persistence_mse /{p=\$2} /^ar_mse /{a=\$2} END{exit !(m < p && m < a)}" "$DIR/out"'
check "an error per horizon" '[ "$(grep -cE "^ +[0-9]+ " "$DIR/out")" = 10 ]'
check "--log has a line per step" '[ "$(grep -c "\"step\"" "$DIR/m.jsonl")" -ge 300 ]'

{ echo "day,value"; for i in $(seq 1 300); do echo "$i,$(( (i * 7) % 23 ))"; done; } >"$DIR/own.csv"
expect_ok "train on a CSV column" train --csv "$DIR/own.csv" --column value --window 16 --horizon 4 --hidden 8 --steps 20 \
  --eval-every 0 --quiet --save "$DIR/own.st"
expect_ok "eval on the CSV column" eval --load "$DIR/own.st" --csv "$DIR/own.csv"
check "eval on the CSV: four horizons" '[ "$(grep -cE "^ +[0-9]+ " "$DIR/out")" = 4 ]'

printf 'v\n1\n2\nx\n' >"$DIR/text.csv"
printf 'v\n1\n2\n3\n' >"$DIR/short.csv"
expect_fail "text in the column" "row 4 of the CSV file holds 'x'" train --csv "$DIR/text.csv" --column v --steps 1
expect_fail "too few rows" "at least" train --csv "$DIR/short.csv" --column v --steps 1
expect_fail "no such column" "no column 'w'" train --csv "$DIR/short.csv" --column w --steps 1
expect_fail "series and csv" "exclude each other" train --series sines --csv "$DIR/short.csv" --steps 1
expect_fail "the csv series without a file" "needs --csv" train --series csv --steps 1
expect_fail "a horizon out of range" "horizon" train --horizon 0 --steps 1
expect_fail "eval without a model" "needs --load" eval

echo "cli forecast: $pass passed, $fail failed"
[ $fail -eq 0 ]
