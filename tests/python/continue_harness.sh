# What the PyTorch continuation tests share; sourced after tests/cli/harness.sh, with DIR, PYTHON, TRAIN (the
# family's training script) and COMPARE (compare_runs.py) set.

py_ok() {  # py_ok NAME COMMAND...: a Python command succeeds (its output in $DIR/out, $DIR/err)
  local name="$1"
  shift
  if "$@" >"$DIR/out" 2>"$DIR/err"; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    echo "FAIL $name: $(tail -n 5 "$DIR/err")"
  fi
}

# continue_on_pairs FAMILY PAIRS NAME PROCESSES FLAGS...: for the families trained on your own lines (seq2seq,
# classify): 10 steps with `rnn FAMILY train --pairs PAIRS`, then 20 more both with `rnn FAMILY train --resume`
# and in PyTorch, on 1 process or on 2 under torchrun (gloo; --standalone: a free port, as another continuation
# test may run one at the same time; --redirects 1 --tee 1 for Debian 12's torchrun, see README "Continue in
# PyTorch"); the losses and every tensor agree within 1e-5. Leaves $DIR/NAME.py.st (PyTorch's training state)
# and $DIR/NAME.model.st (its model).
continue_on_pairs() {
  local family="$1" pairs="$2" name="$3" processes="$4"
  shift 4
  local launch=("$PYTHON")
  [ "$processes" = 2 ] && launch=(timeout 300 torchrun --standalone --nproc_per_node 2 --redirects 1 --tee 1
                                  --log_dir "$DIR/torchrun_$name")
  expect_ok "$name: rnn trains 10 steps" "$family" train --pairs "$pairs" --steps 10 --eval-every 0 --quiet \
    --save-state "$DIR/$name.st" "$@"
  expect_ok "$name: rnn resumes for 20" "$family" train --resume "$DIR/$name.st" --pairs "$pairs" --steps 20 \
    --eval-every 0 --quiet --log "$DIR/$name.rnn.jsonl" --save-state "$DIR/$name.rnn.st"
  py_ok "$name: PyTorch resumes for 20 on $processes process(es)" "${launch[@]}" "$TRAIN" --resume "$DIR/$name.st" \
    --pairs "$pairs" --steps 20 --log "$DIR/$name.py.jsonl" --save-state "$DIR/$name.py.st" --save "$DIR/$name.model.st"
  py_ok "$name: the same losses and tensors" "$PYTHON" "$COMPARE" "$DIR/$name.rnn.jsonl" "$DIR/$name.py.jsonl" \
    "$DIR/$name.rnn.st" "$DIR/$name.py.st" 1e-5 1e-5
  echo "$name: $(cat "$DIR/out")"
}
