#!/usr/bin/env bash
# A char LM's training continued in PyTorch (python/recurrent_playground/train_char_lm.py) from an
# `rnn lm train --save-state` file is the training `rnn lm train --resume` does: the same loss at every one
# of 20 steps and the same weights, optimizer state and carried state after them, for every optimizer and
# every cell with a PyTorch twin. Under torchrun with 2 processes (gloo) too, and the files it writes open in
# the command line. Needs Debian's python3-torch (scripts/setup.sh torch, which npm test runs).
#   continue_char_lm_test.sh RNN
set -u
BIN="$1"
DIR="$(mktemp -d)"
trap 'rm -rf "$DIR"' EXIT
HERE="$(cd "$(dirname "$0")" && pwd)"
PYTHON=/usr/bin/python3  # Debian's, which has torch (a python3 earlier on PATH may not)
TRAIN="$HERE/../../python/recurrent_playground/train_char_lm.py"
COMPARE="$HERE/compare_runs.py"
LOSS_TOL=1e-5    # float32 sums in another order: about 1e-7 is measured
TENSOR_TOL=1e-5
source "$HERE/../cli/harness.sh"
source "$HERE/continue_harness.sh"

printf 'the quick brown fox jumps over the lazy dog; pack my box with five dozen liquor jugs. %.0s' {1..12} >"$DIR/text.txt"

# same_as_rnn NAME FLAGS...: 15 steps with rnn, then 20 more both with `rnn lm train --resume` and in PyTorch.
# 35 windows cross the end of a pass (30 windows at B=4, T=8): the state is zeroed there in both.
same_as_rnn() {
  local name="$1"
  shift
  expect_ok "$name: rnn trains 15 steps" lm train --text "$DIR/text.txt" --steps 15 --sample-every 0 --quiet \
    --save-state "$DIR/$name.st" "$@"
  expect_ok "$name: rnn resumes for 20" lm train --resume "$DIR/$name.st" --text "$DIR/text.txt" --steps 20 \
    --sample-every 0 --quiet --log "$DIR/$name.rnn.jsonl" --save-state "$DIR/$name.rnn.st"
  py_ok "$name: PyTorch resumes for 20" "$PYTHON" "$TRAIN" --resume "$DIR/$name.st" --text "$DIR/text.txt" \
    --steps 20 --log "$DIR/$name.py.jsonl" --save-state "$DIR/$name.py.st"
  py_ok "$name: the same losses and tensors" "$PYTHON" "$COMPARE" "$DIR/$name.rnn.jsonl" "$DIR/$name.py.jsonl" \
    "$DIR/$name.rnn.st" "$DIR/$name.py.st" "$LOSS_TOL" "$TENSOR_TOL"
  echo "$name: $(cat "$DIR/out")"
}

same_as_rnn lstm_adam --cell lstm --hidden 16 --layers 2 --embed 6 --seq 8 --batch 4 --lr-gamma 0.5 --lr-every 7
same_as_rnn gru_nesterov --cell gru --hidden 12 --embed 0 --seq 8 --batch 4 --optim momentum --nesterov --lr 0.1 \
  --weight-decay 0.01 --clip-value 0.05
same_as_rnn relu_rmsprop --cell rnn_relu --hidden 12 --layers 2 --embed 5 --seq 8 --batch 4 --optim rmsprop \
  --lr 0.003 --reset-state --clip-norm 0.5
same_as_rnn tanh_adagrad --cell rnn_tanh --hidden 10 --embed 0 --seq 8 --batch 4 --optim adagrad --lr 0.05 \
  --holdout 0
same_as_rnn lstm_sgd --cell lstm --hidden 8 --embed 4 --seq 8 --batch 4 --optim sgd --lr 0.5 --weight-decay 0.001

# PyTorch's file comes back: the command line resumes it.
expect_ok "rnn resumes the file PyTorch wrote" lm train --resume "$DIR/lstm_adam.py.st" --text "$DIR/text.txt" \
  --steps 2 --sample-every 0 --quiet

# Bad input is named.
"$PYTHON" "$TRAIN" --resume "$DIR/lstm_adam.rnn.st" --text "$HERE/continue_char_lm_test.sh" --steps 1 >"$DIR/out" 2>"$DIR/err"
check "a text with other characters is refused" 'grep -q "not in the model'"'"'s vocabulary" "$DIR/err"'
expect_ok "a model saved without its state" lm train --text "$DIR/text.txt" --steps 1 --sample-every 0 --quiet \
  --cell gru --hidden 4 --seq 8 --batch 4 --save "$DIR/plain.st"
"$PYTHON" "$TRAIN" --resume "$DIR/plain.st" --text "$DIR/text.txt" --steps 1 >"$DIR/out" 2>"$DIR/err"
check "needs the training state, and says how to write it" 'grep -q "rnn lm train --save-state" "$DIR/err"'

# Two processes under torchrun, gloo on the CPU: each trains 2 of the 4 streams. Debian 12's torch 1.13 on
# Python 3.11 needs --redirects 1 --tee 1 (without them torchrun fails before starting: fixed in torch 2.0).
# --standalone: a free port of this machine's (the seq2seq test may run a torchrun at the same time).
py_ok "torchrun with 2 processes" timeout 300 torchrun --standalone --nproc_per_node 2 --redirects 1 --tee 1 \
  --log_dir "$DIR/torchrun" \
  "$TRAIN" --resume "$DIR/lstm_adam.st" --text "$DIR/text.txt" --steps 20 --log "$DIR/ddp.jsonl" \
  --save-state "$DIR/ddp.st" --save "$DIR/ddp_model.st"
check "it says it ran on 2 processes" 'grep -q "20 steps on 2 process(es)" "$DIR/out"'
py_ok "2 processes: the same losses and tensors as one" "$PYTHON" "$COMPARE" "$DIR/lstm_adam.rnn.jsonl" \
  "$DIR/ddp.jsonl" "$DIR/lstm_adam.rnn.st" "$DIR/ddp.st" "$LOSS_TOL" "$TENSOR_TOL"
echo "torchrun: $(cat "$DIR/out")"
expect_ok "rnn evaluates the model 2 processes wrote" lm eval --load "$DIR/ddp_model.st" --text "$DIR/text.txt"
expect_ok "and the same model inside the state file" lm eval --load "$DIR/lstm_adam.rnn.st" --text "$DIR/text.txt"
ours=$(awk '/^loss /{print $2}' "$DIR/out")
"$BIN" lm eval --load "$DIR/ddp_model.st" --text "$DIR/text.txt" >"$DIR/out" 2>"$DIR/err"
check "with the loss of rnn's own continuation" \
  'awk -v a="$ours" -v b="$(awk "/^loss /{print \$2}" "$DIR/out")" "BEGIN { d = a - b; exit !(a != \"\" && d < 1e-4 && d > -1e-4) }"'

echo "python continue char lm: $pass passed, $fail failed"
[ $fail -eq 0 ]
