#!/usr/bin/env bash
# A classifier run on your own lines continued in PyTorch (python/recurrent_playground/train_classifier.py) from
# an `rnn classify train --save-state` file is the training `rnn classify train --resume` does: the same loss at
# every one of 20 steps (across an epoch's reshuffle) and the same weights and optimizer state after them, for
# every pooling, both directions, stacked layers, one-hot input, the cells and the optimizers, on one process
# and on two under torchrun; and the files PyTorch writes open in the command line. Needs Debian's python3-torch
# (scripts/setup.sh torch).
#   continue_classifier_test.sh RNN
set -u
BIN="$1"
DIR="$(mktemp -d)"
trap 'rm -rf "$DIR"' EXIT
HERE="$(cd "$(dirname "$0")" && pwd)"
PYTHON=/usr/bin/python3  # Debian's, which has torch (a python3 earlier on PATH may not)
TRAIN="$HERE/../../python/recurrent_playground/train_classifier.py"
COMPARE="$HERE/compare_runs.py"
source "$HERE/../cli/harness.sh"
source "$HERE/continue_harness.sh"

# 120 lines: a word of a..f, labelled by which of a and b it holds more of (some words repeat, so the split holds
# out whole groups).
awk 'BEGIN { srand(7); for (i = 0; i < 120; i++) { w = ""; na = 0; nb = 0; n = 2 + int(rand() * 7)
        for (k = 0; k < n; k++) { c = substr("abcdef", 1 + int(rand() * 6), 1); w = w c; na += c == "a"; nb += c == "b" }
        printf "%s\t%s\n", (na > nb ? "more_a" : (nb > na ? "more_b" : "even")), w } }' >"$DIR/lines.tsv"

same_as_rnn() {  # same_as_rnn NAME PROCESSES FLAGS... (continue_harness.sh)
  continue_on_pairs classify "$DIR/lines.tsv" "$@"
}

same_as_rnn lstm_bi_last 1 --embed 6 --hidden 10 --batch 8 --bidirectional
same_as_rnn gru_max_2layers 2 --cell gru --embed 5 --hidden 9 --layers 2 --pooling max --batch 8 --optim momentum \
  --nesterov --lr 0.05
same_as_rnn onehot_mean_rmsprop 1 --cell rnn_tanh --embed 0 --hidden 8 --bidirectional --layers 2 --pooling mean \
  --batch 6 --optim rmsprop --clip-value 0.1
same_as_rnn relu_adagrad 1 --cell rnn_relu --embed 4 --hidden 7 --batch 9 --optim adagrad --lr 0.05 --lr-gamma 0.5 \
  --lr-every 13
same_as_rnn lstm_sgd 1 --embed 4 --hidden 6 --pooling mean --batch 5 --optim sgd --lr 0.3 --weight-decay 0.01 \
  --held-fraction 0.3 --seed 5

# PyTorch's files come back to the command line.
expect_ok "rnn resumes the file PyTorch wrote" classify train --resume "$DIR/lstm_bi_last.py.st" \
  --pairs "$DIR/lines.tsv" --steps 2 --eval-every 0 --quiet
expect_ok "rnn evaluates the model PyTorch wrote" classify eval --load "$DIR/gru_max_2layers.model.st" \
  --pairs "$DIR/lines.tsv"
check "with an accuracy line" 'grep -q "^accuracy " "$DIR/out"'

# What PyTorch cannot continue is named.
expect_ok "a run on a generated task" classify train --task names --train-size 40 --held-size 5 --embed 4 \
  --hidden 4 --batch 4 --steps 1 --eval-every 0 --quiet --save-state "$DIR/task.st"
"$PYTHON" "$TRAIN" --resume "$DIR/task.st" --pairs "$DIR/lines.tsv" --steps 1 >"$DIR/out" 2>"$DIR/err"
check "is refused: its texts come from the engine's generator" 'grep -q "generated task .names." "$DIR/err"'
printf 'x\txyz\ny\tzyx\n%.0s' 1 2 3 >"$DIR/other.tsv"
"$PYTHON" "$TRAIN" --resume "$DIR/lstm_sgd.st" --pairs "$DIR/other.tsv" --steps 1 >"$DIR/out" 2>"$DIR/err"
check "other lines are refused" 'grep -q "trained on other data" "$DIR/err"'
expect_ok "a run with a cell PyTorch lacks" classify train --pairs "$DIR/lines.tsv" --cell lstm_peephole --embed 4 \
  --hidden 4 --batch 4 --steps 1 --eval-every 0 --quiet --save-state "$DIR/peephole.st"
"$PYTHON" "$TRAIN" --resume "$DIR/peephole.st" --pairs "$DIR/lines.tsv" --steps 1 >"$DIR/out" 2>"$DIR/err"
check "is refused, naming the cell" 'grep -q "lstm_peephole. has no PyTorch twin" "$DIR/err"'

echo "python continue classifier: $pass passed, $fail failed"
[ $fail -eq 0 ]
