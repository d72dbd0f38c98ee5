#!/usr/bin/env bash
# A seq2seq run on your own pairs continued in PyTorch (python/recurrent_playground/train_seq2seq.py) from an
# `rnn seq2seq train --save-state` file is the training `rnn seq2seq train --resume` does: the same loss at
# every one of 20 steps (across an epoch's reshuffle) and the same weights and optimizer state after them, for
# every attention kind, both encoder directions, stacked layers, scheduled sampling and the optimizers, on one
# process and on two under torchrun; and the files PyTorch writes open in the command line. Needs Debian's python3-torch (scripts/setup.sh torch).
#   continue_seq2seq_test.sh RNN
set -u
BIN="$1"
DIR="$(mktemp -d)"
trap 'rm -rf "$DIR"' EXIT
HERE="$(cd "$(dirname "$0")" && pwd)"
PYTHON=/usr/bin/python3  # Debian's, which has torch (a python3 earlier on PATH may not)
TRAIN="$HERE/../../python/recurrent_playground/train_seq2seq.py"
COMPARE="$HERE/compare_runs.py"
source "$HERE/../cli/harness.sh"
source "$HERE/continue_harness.sh"

# 120 pairs: a word of a..h and its reversal (some sources repeat, so the split holds out whole groups).
awk 'BEGIN { srand(3); for (i = 0; i < 120; i++) { w = ""; r = ""; n = 2 + int(rand() * 6)
        for (k = 0; k < n; k++) { c = substr("abcdefgh", 1 + int(rand() * 8), 1); w = w c; r = c r }
        printf "%s\t%s\n", w, r } }' >"$DIR/pairs.tsv"

same_as_rnn() {  # same_as_rnn NAME PROCESSES FLAGS... (continue_harness.sh)
  continue_on_pairs seq2seq "$DIR/pairs.tsv" "$@"
}

same_as_rnn bahdanau_bi 1 --embed 8 --hidden 12 --attn-size 10 --batch 8 --bidirectional
same_as_rnn general_sampling 2 --embed 6 --hidden 10 --layers 2 --encoder-cell gru --decoder-cell lstm \
  --attention general --batch 8 --sampling-rate 0.5 --optim momentum --nesterov --lr 0.05
same_as_rnn concat_bi_gru 1 --embed 6 --hidden 10 --layers 2 --bidirectional --decoder-cell gru --attention concat \
  --attn-size 7 --batch 6 --optim rmsprop --clip-value 0.1
same_as_rnn dot_rnn 1 --embed 5 --hidden 9 --encoder-cell rnn_tanh --decoder-cell rnn_relu --attention dot --batch 9 \
  --optim adagrad --lr 0.05 --lr-gamma 0.5 --lr-every 13
same_as_rnn none_sgd 1 --embed 5 --hidden 9 --attention none --batch 5 --optim sgd --lr 0.3 --weight-decay 0.01 \
  --held-fraction 0.3 --seed 5

# PyTorch's files come back to the command line.
expect_ok "rnn resumes the file PyTorch wrote" seq2seq train --resume "$DIR/bahdanau_bi.py.st" \
  --pairs "$DIR/pairs.tsv" --steps 2 --eval-every 0 --quiet
expect_ok "rnn evaluates the model PyTorch wrote" seq2seq eval --load "$DIR/general_sampling.model.st" \
  --pairs "$DIR/pairs.tsv"
check "with an exact-match line" 'grep -q "^exact_match " "$DIR/out"'

# What PyTorch cannot continue is named.
expect_ok "a run on a generated task" seq2seq train --task reverse --train-size 40 --held-size 5 --embed 4 \
  --hidden 4 --attn-size 4 --batch 4 --steps 1 --eval-every 0 --quiet --save-state "$DIR/task.st"
"$PYTHON" "$TRAIN" --resume "$DIR/task.st" --pairs "$DIR/pairs.tsv" --steps 1 >"$DIR/out" 2>"$DIR/err"
check "is refused: its pairs come from the engine's generator" 'grep -q "generated task .reverse." "$DIR/err"'
printf 'xyz\tzyx\n%.0s' 1 2 3 >"$DIR/other.tsv"
"$PYTHON" "$TRAIN" --resume "$DIR/none_sgd.st" --pairs "$DIR/other.tsv" --steps 1 >"$DIR/out" 2>"$DIR/err"
check "other pairs are refused" 'grep -q "trained on other data" "$DIR/err"'

echo "python continue seq2seq: $pass passed, $fail failed"
[ $fail -eq 0 ]
