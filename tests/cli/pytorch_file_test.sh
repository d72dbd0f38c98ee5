#!/usr/bin/env bash
# A char LM saved by PyTorch as a plain state_dict (no metadata), in F32, F16 and BF16: `rnn lm eval` reads
# its shape from the tensors and its characters from the text, and gives PyTorch's own loss on that text.
# Needs Debian's python3-torch (installed by scripts/setup.sh torch, which npm test runs).
#   pytorch_file_test.sh RNN
set -u
BIN="$1"
DIR="$(mktemp -d)"
trap 'rm -rf "$DIR"' EXIT
HERE="$(cd "$(dirname "$0")" && pwd)"
GOLDEN="$HERE/../golden"
source "$HERE/harness.sh"

printf 'the quick brown fox jumps over the lazy dog; pack my box with five dozen liquor jugs. %.0s' {1..12} >"$DIR/text.txt"
/usr/bin/python3 "$GOLDEN/pytorch_interop.py" --save-random "$DIR/ours.st" --cell lstm --hidden 24 --layers 2 --embed 8 \
  --vocab-text "$DIR/text.txt" --seed 3 >"$DIR/reference.txt" || { echo "FAIL: PyTorch could not write the model"; exit 1; }
reference=$(awk '/^loss /{print $2}' "$DIR/reference.txt")

# The same tensors as PyTorch's save_file(model.state_dict()) writes them: no metadata, in three dtypes.
/usr/bin/python3 - "$DIR" "$HERE/../../python" <<'PY' || { echo "FAIL: could not write the plain files"; exit 1; }
import json, struct, sys
sys.path.insert(0, sys.argv[2])
import torch
from recurrent_playground import safetensors_io
out = sys.argv[1]
tensors, _ = safetensors_io.read(out + "/ours.st")
safetensors_io.write(out + "/plain.st", tensors)
for name, dtype in (("F16", torch.float16), ("BF16", torch.bfloat16)):
    header, blobs, offset = {}, [], 0
    for key, value in tensors.items():
        raw = torch.tensor(value).to(dtype).view(torch.int16).numpy().tobytes()
        header[key] = {"dtype": name, "shape": list(value.shape), "data_offsets": [offset, offset + len(raw)]}
        offset += len(raw)
        blobs.append(raw)
    text = json.dumps(header).encode()
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(f"{out}/plain_{name}.st", "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))
PY

close() {  # close NAME GOT WANT TOLERANCE
  if awk -v g="$2" -v w="$3" -v t="$4" 'BEGIN { d = g - w; if (d < 0) d = -d; exit !(g != "" && d <= t) }'; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    echo "FAIL $1: loss $2, PyTorch's $3 (tolerance $4)"
  fi
}

expect_ok "a PyTorch state_dict without metadata" lm eval --load "$DIR/plain.st" --text "$DIR/text.txt"
close "F32: PyTorch's loss" "$(awk '/^loss /{print $2}' "$DIR/out")" "$reference" 0.0002
check "the note says what the shapes told" 'grep -q "read from its shapes: LSTM, 2 layer(s) of 24 units, 8-dimensional embedding" "$DIR/err"'
expect_ok "F16" lm eval --load "$DIR/plain_F16.st" --text "$DIR/text.txt"
close "F16: PyTorch's loss to half precision" "$(awk '/^loss /{print $2}' "$DIR/out")" "$reference" 0.01
expect_ok "BF16" lm eval --load "$DIR/plain_BF16.st" --text "$DIR/text.txt"
close "BF16: PyTorch's loss to bfloat16 precision" "$(awk '/^loss /{print $2}' "$DIR/out")" "$reference" 0.05
expect_ok "training starts from it (--init)" lm train --text "$DIR/text.txt" --init "$DIR/plain.st" --steps 3 --seq 16 \
  --batch 4 --sample-every 0 --save "$DIR/continued.st" --quiet
expect_ok "and the saved file has our metadata" lm sample --load "$DIR/continued.st" --sample-len 5
expect_fail "sampling needs the characters" "What no shape tells is which characters those are" \
  lm sample --load "$DIR/plain.st"
printf 'abc' >"$DIR/abc.txt"
expect_fail "a text with other characters" "the text given has 3 distinct characters" \
  lm eval --load "$DIR/plain.st" --text "$DIR/abc.txt"

echo "cli pytorch files: $pass passed, $fail failed"
[ $fail -eq 0 ]
