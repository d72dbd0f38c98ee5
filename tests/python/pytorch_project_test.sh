#!/usr/bin/env bash
# The page's "PyTorch project" end to end, as a user follows it: the page (headless Chromium, page_project.mjs)
# trains a small char LM 6 steps and downloads the archive, then trains 5 steps more; unpacked, the README's
# one-process command (with --steps 5) continues the archive's file in PyTorch with the same 5 losses as the
# page; the README's `rnn lm eval` reads what PyTorch wrote with the loss PyTorch computes for it (through the
# README's "In your own code" lines), and its `rnn lm train --resume` trains on from it. Needs the page's build
# (web/engine/, bash scripts/build_wasm.sh), Debian's python3-torch and Chromium; run by scripts/test.sh.
#   pytorch_project_test.sh RNN
set -u
BIN="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
DIR="$(mktemp -d)"
trap 'rm -rf "$DIR"' EXIT
HERE="$(cd "$(dirname "$0")" && pwd)"
PYTHON=/usr/bin/python3  # Debian's, which has torch (a python3 earlier on PATH may not)
LOSS_TOL=1e-5            # the page (WebAssembly) and PyTorch in float32: about 1e-6 is measured
source "$HERE/../cli/harness.sh"

ran() {  # ran NAME COMMAND...: a command succeeds (its output in $DIR/out, $DIR/err)
  local name="$1"
  shift
  if "$@" >"$DIR/out" 2>"$DIR/err"; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    echo "FAIL $name: $(tail -n 5 "$DIR/err")"
  fi
}

# readme_command PREFIX: the README's command line that starts with PREFIX, its continued lines joined.
readme_command() {
  awk -v p="$1" 'index($0, p) == 1 { on = 1 }
                 on { s = $0; if (s ~ /\\$/) { sub(/\\$/, "", s); line = line s } else { print line s; exit } }' "$PROJECT/README.md"
}

ran "the page trains, downloads the project and trains on" node "$HERE/page_project.mjs" "$DIR/project.zip" "$DIR/page.json"
ran "the archive's CRCs check" "$PYTHON" -m zipfile -t "$DIR/project.zip"
mkdir "$DIR/unpacked"
"$PYTHON" -m zipfile -e "$DIR/project.zip" "$DIR/unpacked"
PROJECT="$(find "$DIR/unpacked" -mindepth 1 -maxdepth 1 -type d | head -n 1)"
check "it unpacks into one folder with a README" '[ -f "$PROJECT/README.md" ] && [ "$(ls "$DIR/unpacked" | wc -l)" = 1 ]'

# The README's one-process command, for 5 steps instead of its 1000.
train=$(readme_command "/usr/bin/python3 recurrent_playground/train_char_lm.py")
check "the README has the one-process command" '[[ "$train" == *" --steps 1000 "* ]]'
ran "the README's one-process command trains in PyTorch" bash -c "cd '$PROJECT' && ${train/--steps 1000/--steps 5}"
check "on one process, 5 steps" 'grep -q "5 steps on 1 process(es)" "$DIR/out"'
ran "PyTorch's 5 losses are the page's next 5" "$PYTHON" -c '
import json, sys
page = json.load(open(sys.argv[1]))
steps = [json.loads(line) for line in open(sys.argv[2])]
assert [s["step"] for s in steps] == list(range(page["first"], page["first"] + len(page["losses"]))), steps
worst = max(abs(s["loss"] - p) for s, p in zip(steps, page["losses"]))
print("largest loss difference, page against PyTorch: %.1e" % worst)
assert worst < float(sys.argv[3]), worst' "$DIR/page.json" "$PROJECT/steps.jsonl" "$LOSS_TOL"
echo "pytorch project: $(cat "$DIR/out")"

# The way back: the README's rnn commands on what PyTorch wrote.
evaluate=$(readme_command "rnn lm eval")
ran "the README's rnn lm eval reads PyTorch's file" bash -c "cd '$PROJECT' && '$BIN' ${evaluate#rnn }"
rnn_loss=$(awk '/^loss /{print $2}' "$DIR/out")
check "and prints its loss" '[ -n "$rnn_loss" ]'
# The README's own lines load the file in Python; PyTorch's loss over the text is the command line's.
{
  awk '/^```python$/ { on = 1; next } /^```$/ { on = 0 } on' "$PROJECT/README.md" |
    sed -e 's|/path/to/this/folder|.|' -e 's|checkpoint.read("[^"]*")|checkpoint.read("continued.safetensors")|'
  echo 'from recurrent_playground import text_stream'
  echo 'print("%.6f" % char_lm.evaluate(model, text_stream.encode(text_stream.read_text("input.txt"), vocab)))'
} >"$DIR/own_code.py"
ran "the README's Python lines load it" bash -c "cd '$PROJECT' && '$PYTHON' '$DIR/own_code.py'"
check "with the loss rnn lm eval prints" \
  'awk -v a="$rnn_loss" -v b="$(cat "$DIR/out")" "BEGIN { d = a - b; exit !(a != \"\" && d < 1e-4 && d > -1e-4) }"'
resume=$(readme_command "rnn lm train --resume")
ran "the README's rnn lm train --resume trains on" bash -c "cd '$PROJECT' && '$BIN' ${resume#rnn } --sample-every 0"
check "from PyTorch's step 11 to 111" 'grep -q "step 111/111" "$DIR/err" && [ -f "$PROJECT/again-resumable.safetensors" ]'

echo "pytorch project: $pass passed, $fail failed"
[ $fail -eq 0 ]
