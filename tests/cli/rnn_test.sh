#!/usr/bin/env bash
# Behaviour of the one command line, rnn <family> <verb>: help generated from the field tables, --config
# files, suggestions for typos, old spellings, switches, and char_rnn / seq2seq being the same program.
#   tests/cli/rnn_test.sh RNN CHAR_RNN SEQ2SEQ
set -u
BIN="$1"
CHAR_RNN="$2"
SEQ2SEQ="$3"
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
source "$(dirname "$0")/harness.sh"

for i in $(seq 60); do printf 'the cat sat on the mat. '; done >"$DIR/text.txt"
SMALL=(--seq 16 --batch 4 --steps 20 --sample-every 0 --quiet)
# A checkpoint's metadata entry (its JSON text, unescaped) from the safetensors header.
meta() { tr -d '\\' <"$1" | grep -a -o -E "\"$2\":\"(\{[^}]*\}|[^\"]*\")" | head -n 1; }

# Help at every level, on stdout, exit 0.
expect_ok "rnn --help" --help
check "families listed" 'grep -q "^  lm " "$DIR/out" && grep -q "^  seq2seq " "$DIR/out"'
expect_ok "rnn seq2seq --help" seq2seq --help
check "seq2seq verbs listed" 'grep -q "^  train " "$DIR/out" && grep -q "^  eval " "$DIR/out" && grep -q "^  translate " "$DIR/out"'
expect_ok "rnn lm -h" lm -h
check "lm verbs listed" 'grep -q "^  sample " "$DIR/out"'
expect_ok "rnn lm train --help" lm train --help
check "hidden: default and range" 'grep -Eq -- "^  --hidden N +default 128; 1 to 2048" "$DIR/out"'
check "layers: default and range" 'grep -Eq -- "^  --layers N +default 1; 1 to 4" "$DIR/out"'
check "lr: exclusive bound" 'grep -Eq -- "^  --lr X +default 0.002; above 0, at most 10" "$DIR/out"'
check "cell: choices" 'grep -Eq -- "^  --cell NAME +default lstm; one of .*lstm_peephole.*gru" "$DIR/out"'
check "clip-norm: its alias" 'grep -A2 -- "^  --clip-norm X" "$DIR/out" | grep -q "(also --clip)"'
for flag in holdout cell hidden layers embed seq batch optim lr momentum nesterov weight-decay lr-gamma lr-every \
            clip-norm clip-value reset-state seed temperature top-k greedy sample-len prime text save save-state \
            resume init steps sample-every quiet; do
  check "lm train --help lists --$flag" "grep -Eq -- '^  --$flag( |\$)' \"\$DIR/out\""
done
expect_ok "sample --help" lm sample --help
check "sample's own default length" 'grep -Eq -- "^  --sample-len N +default 500;" "$DIR/out"'
expect_ok "seq2seq train --help" seq2seq train --help
check "encoder cell: its alias" 'grep -A2 -- "^  --encoder-cell NAME" "$DIR/out" | grep -q "(also --cell)"'
check "bidirectional is a switch" 'grep -Eq -- "^  --bidirectional +default off; a switch" "$DIR/out"'
expect_ok "help wins over a bad flag" lm train --colour red --help

# --config: the experiment JSON first, flags over it; the checkpoint records the result.
printf '{"cell":"gru","hidden":24,"seq":16,"batch":4,"lr":0.01,"clip_norm":2,"seed":7}' >"$DIR/run.json"
expect_ok "train with --config" lm train --text "$DIR/text.txt" --config "$DIR/run.json" --steps 20 --sample-every 0 --quiet --save-state "$DIR/cfg.st"
meta "$DIR/cfg.st" train_config >"$DIR/out"
check "config reaches train_config" 'grep -q "\"cell\":\"gru\",\"hidden\":24," "$DIR/out" && grep -q "\"lr\":0.01," "$DIR/out" && grep -q "\"clip_norm\":2," "$DIR/out" && grep -q "\"seed\":7}" "$DIR/out"'
expect_ok "a flag overrides --config" lm train --text "$DIR/text.txt" --config "$DIR/run.json" --hidden 20 --lr=0.005 --steps 20 --sample-every 0 --quiet --save-state "$DIR/cfg2.st"
meta "$DIR/cfg2.st" train_config >"$DIR/out"
check "flag values win" 'grep -q "\"cell\":\"gru\",\"hidden\":20," "$DIR/out" && grep -q "\"lr\":0.005," "$DIR/out"'
printf '{"hidden":24,"colour":"red"}' >"$DIR/unknown.json"
expect_fail "config unknown field" "unknown field 'colour'" lm train --text "$DIR/text.txt" --config "$DIR/unknown.json"
printf '{"layers":9}' >"$DIR/range.json"
expect_fail "config out of range" "'layers' (number of layers) must be between 1 and 4" lm train --text "$DIR/text.txt" --config "$DIR/range.json"
expect_fail "config missing" "cannot open" lm train --text "$DIR/text.txt" --config "$DIR/none.json"
expect_ok "resume names what the file overrides" lm train --text "$DIR/text.txt" --resume "$DIR/cfg.st" --hidden 64 --steps 3 --sample-every 0 --quiet
check "resume note" 'grep -q "overrides --hidden" "$DIR/err"'

# Typos and misplaced flags.
expect_fail "suggestion" "unknown flag --hiden (did you mean --hidden?)" lm train --text "$DIR/text.txt" --hiden 64
expect_fail "no suggestion when nothing is close" "unknown flag --colour$" lm train --colour red
expect_fail "a flag of another verb" "another verb takes it" lm eval --temperature 0.5
expect_fail "verb suggestion" "did you mean train" lm trian
expect_fail "unknown family" "unknown family 'lmm' (did you mean lm?)" lmm train
expect_fail "no family" "no family given" 
expect_fail "choice" "unknown optimizer 'adamw'" lm train --text "$DIR/text.txt" --optim adamw

# Old spellings work everywhere.
expect_ok "old spellings" lm train --text "$DIR/text.txt" --clip 2 --lr-decay 0.5 --lr-every 10 "${SMALL[@]}" --save-state "$DIR/old.st"
meta "$DIR/old.st" train_config >"$DIR/out"
check "old spellings reach the config" 'grep -q "\"lr_gamma\":0.5," "$DIR/out" && grep -q "\"clip_norm\":2," "$DIR/out"'
expect_ok "snake_case spelling" lm train --text "$DIR/text.txt" --clip_norm 3 "${SMALL[@]}"
expect_ok "sample --len" lm sample --load "$DIR/old.st" --len 7 --greedy
check "sample length" '[ "$(head -c 7 "$DIR/out" | wc -c)" -eq 7 ] && [ "$(wc -c <"$DIR/out")" -eq 8 ]'

# The aliases are the same program: identical stdout for the same flags and seed.
"$BIN" lm train --text "$DIR/text.txt" --seq 16 --batch 4 --steps 20 --sample-every 10 --seed 5 >"$DIR/rnn.out" 2>/dev/null
"$CHAR_RNN" train --text "$DIR/text.txt" --seq 16 --batch 4 --steps 20 --sample-every 10 --seed 5 >"$DIR/char_rnn.out" 2>/dev/null
check "rnn lm train == char_rnn train" 'grep -q "^final train loss" "$DIR/rnn.out" && cmp -s "$DIR/rnn.out" "$DIR/char_rnn.out"'
"$BIN" seq2seq train --task reverse --max-len 5 --hidden 16 --embed 8 --steps 20 --eval-every 10 >"$DIR/rnn.out" 2>/dev/null
"$SEQ2SEQ" train --task reverse --max-len 5 --hidden 16 --embed 8 --steps 20 --eval-every 10 >"$DIR/s2s.out" 2>/dev/null
check "rnn seq2seq train == seq2seq train" 'grep -q "^final:" "$DIR/rnn.out" && cmp -s "$DIR/rnn.out" "$DIR/s2s.out"'

# Switches: bare is true, =false is false; a separate "false" is refused with the right spelling.
S2S=(seq2seq train --task reverse --max-len 5 --hidden 8 --embed 4 --attn-size 8 --steps 2 --eval-every 0 --quiet)
expect_ok "--bidirectional" "${S2S[@]}" --bidirectional --save "$DIR/bi.st"
check "bidirectional on" '[ "$(meta "$DIR/bi.st" bidirectional)" = "\"bidirectional\":\"true\"" ]'
expect_ok "--bidirectional=false" "${S2S[@]}" --bidirectional=false --save "$DIR/uni.st"
check "bidirectional off" '[ "$(meta "$DIR/uni.st" bidirectional)" = "\"bidirectional\":\"false\"" ]'
expect_fail "switch value after a space" "--bidirectional=false" "${S2S[@]}" --bidirectional false
expect_fail "switch with a bad value" "--bidirectional must be true or false" "${S2S[@]}" --bidirectional=maybe

# seq2seq's --cell names both cells unless --decoder-cell is given; --encoder-cell names only the encoder.
expect_ok "--cell" "${S2S[@]}" --cell gru --save "$DIR/gru.st"
check "--cell sets both" '[ "$(meta "$DIR/gru.st" encoder_cell)$(meta "$DIR/gru.st" decoder_cell)" = "\"encoder_cell\":\"gru\"\"decoder_cell\":\"gru\"" ]'
expect_ok "--cell with --decoder-cell" "${S2S[@]}" --cell gru --decoder-cell rnn_tanh --save "$DIR/mix.st"
check "--decoder-cell wins" '[ "$(meta "$DIR/mix.st" decoder_cell)" = "\"decoder_cell\":\"rnn_tanh\"" ]'
expect_ok "--encoder-cell" "${S2S[@]}" --encoder-cell gru --save "$DIR/enc.st"
check "--encoder-cell alone" '[ "$(meta "$DIR/enc.st" decoder_cell)" = "\"decoder_cell\":\"lstm\"" ]'

# Divergence stops training at the first non-finite step, says which step and which quantity, saves the
# weights of the step before (finite: they load) and exits non-zero; the same in every family.
DIVERGE=(--cell rnn_relu --optim sgd --lr 5 --clip-norm 0 --hidden 32 --seq 16 --batch 4 --steps 300 --sample-every 0 --quiet)
expect_fail "lm divergence stops" "training stopped at step [0-9]*: the \(loss was NaN\|gradient norm was +infinity\); the weights and optimizer state are those of step" \
  lm train --text "$DIR/text.txt" "${DIVERGE[@]}" --save "$DIR/diverged.st"
check "no final loss after divergence" '! grep -q "final train loss" "$DIR/out"'
# the saved weights are finite (the loader refuses anything else), but so large that the loss overflows:
# eval says so and exits non-zero rather than printing "loss nan"
expect_fail "eval of an overflowing model" "the loss on this text is NaN: the model's outputs overflow" \
  lm eval --load "$DIR/diverged.st" --text "$DIR/text.txt"
expect_fail "seq2seq divergence stops" "training stopped at step [0-9]*: the" \
  seq2seq train --task reverse --max-len 5 --hidden 8 --embed 4 --attn-size 8 --steps 200 --eval-every 0 --quiet \
  --optim sgd --lr 10 --clip-norm 0 --cell rnn_relu --save "$DIR/s2s-diverged.st"
expect_ok "its last good model translates" seq2seq translate --load "$DIR/s2s-diverged.st" --input abc

# Files are checked by kind and place before anything is read or trained: a device, a folder, a pipe, and an
# output path whose folder does not exist (found at once, not after the run).
expect_fail "a device as the model" "'/dev/zero' is not a regular file (a device, pipe or socket), so it cannot be a model file" \
  lm eval --load /dev/zero --text "$DIR/text.txt"
expect_fail "a folder as the text" "is a directory, not a text file" lm train --text "$DIR" --steps 1
mkfifo "$DIR/fifo"
expect_fail "a pipe as the pairs" "fifo' is not a regular file (a device, pipe or socket), so it cannot be a pairs file" \
  seq2seq train --pairs "$DIR/fifo" --steps 1
expect_fail "a save path in no folder" "--save $DIR/none/m.st: the folder '$DIR/none' does not exist" \
  lm train --text "$DIR/text.txt" "${SMALL[@]}" --steps 100000 --save "$DIR/none/m.st"
check "refused before training" '! grep -q "step" "$DIR/out"'
expect_fail "a folder as the save path" "that is a folder; give a file name" \
  seq2seq train --task reverse --steps 100000 --save "$DIR"
printf 'PK\x03\x04 a zip, not a model' >"$DIR/model.pt"
expect_fail "a PyTorch zip as the model" "not a safetensors file: its first 8 bytes give a header length of" \
  lm sample --load "$DIR/model.pt"

# A configuration that cannot fit in this machine's memory is refused before anything is allocated (~350 GB).
expect_fail "memory estimate" "this configuration needs about [0-9.]* GB of memory; this machine has" \
  seq2seq train --task reverse --max-len 200 --hidden 1024 --layers 4 --attn-size 1024 --batch 512 --embed 1024 --steps 1

# No run is lost: --save-every writes the files during the run, and Ctrl-C stops after the step under way,
# saves, and exits 1 saying where it stopped.
expect_ok "--save-every" lm train --text "$DIR/text.txt" --seq 16 --batch 4 --steps 30 --sample-every 0 --save-every 10 \
  --save "$DIR/every.st"
check "saved at steps 10, 20 and the end" '[ "$(grep -c "saved the model to" "$DIR/err")" = 3 ]'
expect_ok "seq2seq --save-every" seq2seq train --task reverse --max-len 5 --hidden 8 --embed 4 --attn-size 8 --steps 6 \
  --eval-every 0 --save-every 2 --save "$DIR/s2s-every.st"
check "seq2seq saved three times" '[ "$(grep -c "saved the model to" "$DIR/err")" = 3 ]'
"$BIN" lm train --text "$DIR/text.txt" --seq 16 --batch 4 --steps 100000000 --sample-every 0 --quiet \
  --save-state "$DIR/stopped.st" >"$DIR/out" 2>"$DIR/err" &
run=$!
for _ in $(seq 50); do sleep 0.1; done
kill -INT $run
wait $run
rc=$?
check "Ctrl-C exits 1 (not killed by the signal)" '[ $rc -eq 1 ]'
check "it says where it stopped" 'grep -Eq "interrupted after step [0-9]+; the files of that step are saved" "$DIR/err"'
expect_ok "the interrupted run resumes" lm train --text "$DIR/text.txt" --resume "$DIR/stopped.st" --steps 2 --sample-every 0 --quiet

# char-rnn's spellings are read as ours, each with a one-line note; -gpuid is set aside.
expect_ok "char-rnn spellings" lm train --text "$DIR/text.txt" -rnn_size 12 -num_layers 2 -seq_length 16 -batch_size 4 \
  -gpuid 0 --steps 2 --sample-every 0 --save "$DIR/charrnn.st" --quiet
check "-rnn_size noted" 'grep -q "char-rnn.s -rnn_size is --hidden here" "$DIR/err"'
check "-gpuid noted" 'grep -q "char-rnn.s -gpuid means nothing here" "$DIR/err"'
check "-rnn_size and -num_layers took effect" '[ "$(meta "$DIR/charrnn.st" hidden_size)" = "\"hidden_size\":\"12\"" ] && [ "$(meta "$DIR/charrnn.st" num_layers)" = "\"num_layers\":\"2\"" ]'
expect_ok "char-rnn -primetext and -length" lm sample --load "$DIR/charrnn.st" -primetext "th" -length 5
check "the prime starts the sample" 'grep -q "^th" "$DIR/out"'

# --log writes one JSON line per step and per report; a resumed run appends; a bad path fails before training.
expect_ok "--log" lm train --text "$DIR/text.txt" --seq 16 --batch 4 --steps 12 --sample-every 6 --log "$DIR/m.jsonl" \
  --save-state "$DIR/logged.st" --quiet
check "12 step lines and 2 held-out lines" '[ "$(grep -c "\"loss\"" "$DIR/m.jsonl")" = 12 ] && [ "$(grep -c "held_out_loss" "$DIR/m.jsonl")" = 2 ]'
check "each line is JSON with the step, loss, lr and speed" 'node -e "const l=require(\"fs\").readFileSync(process.argv[1],\"utf8\").trim().split(\"\n\").map(JSON.parse); if (l[0].step!==1||!(l[0].loss>0)||!(l[0].lr>0)||!(l[0].chars_per_s>0)) process.exit(1)" "$DIR/m.jsonl"'
expect_ok "--log appends on --resume" lm train --text "$DIR/text.txt" --resume "$DIR/logged.st" --steps 3 --sample-every 0 \
  --log "$DIR/m.jsonl" --quiet
check "steps 13 to 15 appended" '[ "$(grep -c "\"loss\"" "$DIR/m.jsonl")" = 15 ] && tail -n 1 "$DIR/m.jsonl" | grep -q "\"step\":15"'
expect_fail "--log in a missing folder" "--log $DIR/nowhere/m.jsonl: the folder" \
  lm train --text "$DIR/text.txt" --steps 1 --log "$DIR/nowhere/m.jsonl"
expect_ok "seq2seq --log" seq2seq train --task reverse --max-len 5 --hidden 8 --embed 4 --attn-size 8 --steps 4 \
  --eval-every 2 --log "$DIR/s.jsonl" --quiet
check "seq2seq logs held-out exact match" '[ "$(grep -c "held_out_exact" "$DIR/s.jsonl")" = 2 ]'

# seq2seq resumes exactly too: 12 steps, --save-state, --resume 8 more = 20 steps in one run (the same last loss).
S2S=(--task reverse --max-len 5 --hidden 16 --embed 8 --attn-size 16 --eval-every 0 --sampling-rate 0.3 --quiet)
expect_ok "seq2seq 20 steps" seq2seq train "${S2S[@]}" --steps 20 --log "$DIR/s2s-full.jsonl"
expect_ok "seq2seq 12 steps with --save-state" seq2seq train "${S2S[@]}" --steps 12 --save-state "$DIR/s2s-state.st"
expect_ok "seq2seq --resume for 8" seq2seq train --resume "$DIR/s2s-state.st" --steps 8 --eval-every 0 --quiet \
  --log "$DIR/s2s-resumed.jsonl"
check "the resumed run's steps 13-20 are the full run's" \
  '[ "$(wc -l <"$DIR/s2s-resumed.jsonl")" = 8 ] && [ "$(sed -n 13,20p "$DIR/s2s-full.jsonl" | sed "s/,\"chars_per_s.*//")" = "$(sed "s/,\"chars_per_s.*//" "$DIR/s2s-resumed.jsonl")" ]'
expect_fail "a weights-only file cannot resume" "has no training state (write it with --save-state)" \
  seq2seq train --resume "$DIR/s2s-every.st" --steps 1

echo "cli rnn: $pass passed, $fail failed"
[ $fail -eq 0 ]
