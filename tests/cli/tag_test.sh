#!/usr/bin/env bash
# Behaviour of `rnn tag`: train/eval/predict on a generated task and on the user's own tagged sentences, exact
# resuming, and the error paths (clear message on stderr, non-zero exit, never a crash).
set -u
RNN="$1"
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
printf '#!/bin/sh\nexec "%s" tag "$@"\n' "$RNN" >"$DIR/tag"
chmod +x "$DIR/tag"
BIN="$DIR/tag"
source "$(dirname "$0")/harness.sh"

SMALL=(--hidden 24 --embed 12 --batch 16 --lr 0.01 --train-size 1000 --held-size 200 --eval-every 0 --quiet)
expect_ok "train booking, bidirectional" train --task booking --bidirectional "${SMALL[@]}" --steps 250 --save "$DIR/bi.st"
check "train reports held-out span F1" 'tail -n 1 "$DIR/out" | grep -q "^final: held-out token accuracy .* span F1"'
expect_ok "eval booking" eval --load "$DIR/bi.st" --task booking
check "eval's last two lines" 'tail -n 2 "$DIR/out" | head -n 1 | grep -Eq "^token_accuracy (0\.9[5-9]|1\.0)" && tail -n 1 "$DIR/out" | grep -Eq "^span_f1 (0\.9[5-9]|1\.0)"'
check "eval uses the saved held-out split" 'grep -qx "sentences 200" "$DIR/out"'
expect_ok "predict a city told after it" predict --load "$DIR/bi.st" --input "oulu is where i arrive"
check "the city is the destination" 'head -n 1 "$DIR/out" | grep -q "^oulu	B-to	"'
expect_ok "predict an unseen word" predict --load "$DIR/bi.st" --input "arrive zorptown"
check "an unseen word is marked" 'grep -q "zorptown	.*(unknown word)" "$DIR/out"'
expect_ok "train booking, left to right" train --task booking "${SMALL[@]}" --steps 250 --save "$DIR/uni.st"
expect_ok "eval left to right" eval --load "$DIR/uni.st" --task booking
check "reading one way loses the slots told later" 'tail -n 1 "$DIR/out" | grep -Eq "^span_f1 0\.[0-8]"'

printf 'arrive oulu\tO B-to\nleave paris\tO B-from\nfly to lima\tO O B-to\nleave oslo\tO B-from\nbook tokyo\tO B-to\n' >"$DIR/own.tsv"
expect_ok "train own sentences" train --pairs "$DIR/own.tsv" --hidden 6 --embed 3 --batch 2 --steps 10 --eval-every 0 --save "$DIR/own.st" --quiet
expect_ok "eval own sentences" eval --load "$DIR/own.st" --pairs "$DIR/own.tsv"
check "eval own sentences counts every line" 'grep -qx "sentences 5" "$DIR/out"'

# Resuming is exact: 12 steps, --save-state, --resume 8 more = 20 steps in one run (same loss at every step,
# same weights byte for byte).
RUN=(--task grammar --train-size 60 --held-size 10 --hidden 8 --embed 4 --batch 8 --eval-every 0 --quiet)
expect_ok "20 steps" train "${RUN[@]}" --steps 20 --log "$DIR/full.jsonl" --save "$DIR/full.st"
expect_ok "12 steps with --save-state" train "${RUN[@]}" --steps 12 --save-state "$DIR/state.st"
expect_ok "--resume for 8" train --resume "$DIR/state.st" --steps 8 --eval-every 0 --quiet --log "$DIR/resumed.jsonl" --save "$DIR/resumed.st"
check "the resumed run's steps 13-20 are the full run's" \
  '[ "$(sed -n 13,20p "$DIR/full.jsonl" | sed "s/,\"chars_per_s.*//")" = "$(sed "s/,\"chars_per_s.*//" "$DIR/resumed.jsonl")" ]'
check "and its model is the full run's, byte for byte" 'cmp -s "$DIR/full.st" "$DIR/resumed.st"'
expect_fail "a weights-only file cannot resume" "has no training state" train --resume "$DIR/full.st" --steps 1

printf 'arrive oulu\tO B-to\nleave oulu now\tO B-from\n' >"$DIR/count.tsv"
printf 'arrive oulu\tO B-to\nno tab here\n' >"$DIR/notab.tsv"
: >"$DIR/empty.tsv"
expect_fail "train needs data" "needs --task" train
expect_fail "unknown task" "one of" train --task juggle
expect_fail "token and tag counts differ" "sentence 2 has 3 tokens but 2 tags" train --pairs "$DIR/count.tsv" --steps 1
expect_fail "a line without a tab" "line 2" train --pairs "$DIR/notab.tsv" --steps 1
expect_fail "an empty file" "" train --pairs "$DIR/empty.tsv" --steps 1
expect_fail "a classifier option" "unknown" train --task booking --pooling max
expect_fail "eval without a model" "needs --load" eval --task booking
expect_fail "predict without tokens" "no tokens" predict --load "$DIR/bi.st" --input "   "
"$RNN" classify train --task names --train-size 40 --held-size 5 --hidden 4 --steps 1 --quiet --save "$DIR/classifier.st" >/dev/null
expect_fail "a classifier file" "not a tagger" eval --load "$DIR/classifier.st" --task booking

echo "cli tag: $pass passed, $fail failed"
[ $fail -eq 0 ]
