#!/usr/bin/env bash
# Writes the committed seed corpora (tests/fuzz/corpus/<target>/): a few valid and near-valid inputs per
# target, made with the `rnn` command line where it can make them (tiny trained checkpoints, with and
# without training state; their JSON headers, vocabularies and experiment JSON), and written out here where
# it cannot (texts, pairs, odd UTF-8). Small on purpose (under 200 KB in all): libFuzzer grows its own
# corpus from these in build/sanitize/fuzz-corpus/. Inputs that once crashed a target live in the same
# folders under names starting with "crash-" and are kept when this script runs again.
#   bash tests/fuzz/make_corpus.sh [path/to/rnn]   (default: build/native/cli/rnn, else build/sanitize/cli/rnn)
set -euo pipefail
cd "$(dirname "$0")/../.."
rnn=${1:-}
for candidate in build/native/cli/rnn build/sanitize/cli/rnn; do
  [ -z "$rnn" ] && [ -x "$candidate" ] && rnn=$candidate
done
[ -x "$rnn" ] || { echo "make_corpus: build the command line first (scripts/build_native.sh)" >&2; exit 1; }
out=tests/fuzz/corpus
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

targets=(fuzz_safetensors fuzz_lm_checkpoint fuzz_seq2seq_checkpoint fuzz_json fuzz_lm_experiment
  fuzz_seq2seq_experiment fuzz_classify_experiment fuzz_lab fuzz_utf8_vocab fuzz_text fuzz_pairs fuzz_cli_args)
for t in "${targets[@]}"; do
  mkdir -p "$out/$t"
  find "$out/$t" -type f ! -name 'crash-*' -delete
done

# --- checkpoints, trained for a few steps on a short text -------------------------------------------------
head -c 300 web/lm/presets/names.txt >"$tmp/names.txt"
lm() {  # name, flags...
  local name=$1
  shift
  "$rnn" lm train --text "$tmp/names.txt" --hidden 4 --seq 8 --batch 2 --steps 3 --quiet \
    --save "$out/fuzz_lm_checkpoint/$name.safetensors" --save-state "$out/fuzz_lm_checkpoint/$name-state.safetensors" \
    "$@" >/dev/null
}
lm lstm --cell lstm
lm gru-embed --cell gru --embed 3 --optim sgd --momentum 0.9
lm rnn-2layers --cell rnn_tanh --layers 2 --optim rmsprop
lm peephole --cell lstm_peephole --optim adagrad
lm coupled --cell lstm_coupled --reset-state
rm -f "$out"/fuzz_lm_checkpoint/{gru-embed,rnn-2layers,peephole,coupled}.safetensors  # their -state twins suffice
cp tests/golden/char_lm_rnn_tanh_onehot.safetensors "$out/fuzz_lm_checkpoint/pytorch-rnn.safetensors"
# As PyTorch's save_file(model.state_dict()) writes it: the same tensors without our metadata.
python3 - tests/golden/char_lm_gru_embed.safetensors "$out/fuzz_lm_checkpoint/pytorch-no-metadata.safetensors" <<'EOF'
import json, struct, sys
data = open(sys.argv[1], 'rb').read()
n = struct.unpack('<Q', data[:8])[0]
header = json.loads(data[8:8 + n])
header.pop('__metadata__', None)
h = json.dumps(header, separators=(',', ':')).encode()
h += b' ' * (-len(h) % 8)
open(sys.argv[2], 'wb').write(struct.pack('<Q', len(h)) + h + data[8 + n:])
EOF

s2s() {  # name, flags...
  local name=$1
  shift
  "$rnn" seq2seq train --task reverse --min-len 2 --max-len 5 --alphabet 4 --train-size 40 --held-size 8 \
    --embed 3 --hidden 4 --attn-size 3 --batch 4 --steps 2 --eval-every 2 --quiet \
    --save "$out/fuzz_seq2seq_checkpoint/$name.safetensors" "$@" >/dev/null
}
s2s bahdanau --attention bahdanau
s2s rmsprop --attention bahdanau --optim rmsprop --save-state "$out/fuzz_seq2seq_checkpoint/rmsprop-state.safetensors"
rm -f "$out/fuzz_seq2seq_checkpoint/rmsprop.safetensors"  # its -state twin suffices
s2s general-bidirectional --attention general --bidirectional
s2s dot --attention dot
s2s none-gru --attention none --cell gru
s2s general-2layers --attention general --layers 2
s2s concat-rnn --attention concat --encoder-cell rnn_tanh --decoder-cell lstm_coupled

# Near-valid: cut inside the header, cut inside the data, one byte of the data changed, the header alone.
lm_file="$out/fuzz_lm_checkpoint/lstm.safetensors"
s2s_file="$out/fuzz_seq2seq_checkpoint/bahdanau.safetensors"
for f in "$lm_file" "$s2s_file"; do
  dir=$(dirname "$f")
  base=$(basename "$f" .safetensors)
  size=$(stat -c %s "$f")
  head -c 100 "$f" >"$dir/$base-cut-header"
  head -c $((size - 7)) "$f" >"$dir/$base-cut-data"
  python3 - "$f" "$dir/$base-flipped" "$dir/$base-header-only" <<'EOF'
import struct, sys
data = bytearray(open(sys.argv[1], 'rb').read())
n = struct.unpack('<Q', data[:8])[0]
data[8 + n + 5] ^= 0x40
open(sys.argv[2], 'wb').write(data)
open(sys.argv[3], 'wb').write(data[:8 + n])
EOF
done

# The safetensors reader gets one file of each family, PyTorch's, the optimizer golden file and odd framings.
cp "$lm_file" "$out/fuzz_safetensors/char-lm.safetensors"
cp "$out/fuzz_lm_checkpoint/coupled-state.safetensors" "$out/fuzz_safetensors/char-lm-state.safetensors"
cp "$s2s_file" "$out/fuzz_safetensors/seq2seq.safetensors"
cp tests/golden/char_lm_rnn_tanh_onehot.safetensors "$out/fuzz_safetensors/pytorch.safetensors"
python3 - "$out/fuzz_safetensors" <<'EOF'
import json, struct, sys
def write(name, header, data=b''):
    h = json.dumps(header, separators=(',', ':')).encode()
    open(f'{sys.argv[1]}/{name}', 'wb').write(struct.pack('<Q', len(h)) + h + data)
write('empty', {})
write('metadata-only', {'__metadata__': {'model': 'char_lm', 'note': 'caf\u00e9'}})
write('scalar-and-empty', {'s': {'dtype': 'F32', 'shape': [], 'data_offsets': [0, 4]},
                           'e': {'dtype': 'F32', 'shape': [0, 3], 'data_offsets': [4, 4]}}, struct.pack('<f', 1.5))
write('overlapping', {'a': {'dtype': 'F32', 'shape': [2], 'data_offsets': [0, 8]},
                      'b': {'dtype': 'F32', 'shape': [2], 'data_offsets': [4, 12]}}, bytes(12))
write('f16', {'a': {'dtype': 'F16', 'shape': [2], 'data_offsets': [0, 4]}}, bytes(4))
write('huge-shape', {'a': {'dtype': 'F32', 'shape': [4294967296, 4294967296], 'data_offsets': [0, 0]}})
EOF

# --- JSON: checkpoint headers, experiments, odd documents ---------------------------------------------------
header() { python3 -c 'import struct,sys; d=open(sys.argv[1],"rb").read(); n=struct.unpack("<Q",d[:8])[0]; sys.stdout.buffer.write(d[8:8+n])' "$1"; }
meta() { python3 -c 'import json,struct,sys; d=open(sys.argv[1],"rb").read(); n=struct.unpack("<Q",d[:8])[0]; sys.stdout.write(json.loads(d[8:8+n])["__metadata__"][sys.argv[2]])' "$1" "$2"; }
header "$lm_file" >"$out/fuzz_json/lm-header.json"
header "$s2s_file" >"$out/fuzz_json/seq2seq-header.json"
printf '%s' '[1,-0,1.5e300,-2.25E-3,"\u00e9\ud83d\ude00\n",true,false,null,{"a":{"b":[[]]}},18446744073709551615]' \
  >"$out/fuzz_json/values.json"
printf '%s' '{"a":1,"a":2}' >"$out/fuzz_json/duplicate-key.json"
printf '%s' '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]' \
  >"$out/fuzz_json/deep.json"
printf '"\\ud800 lone surrogate"' >"$out/fuzz_json/lone-surrogate.json"

meta "$out/fuzz_lm_checkpoint/gru-embed-state.safetensors" train_config >"$out/fuzz_lm_experiment/train-config.json"
meta "$out/fuzz_lm_checkpoint/lstm-state.safetensors" train_config >"$out/fuzz_lm_experiment/train-config-lstm.json"
printf '%s' '{"holdout":0.05,"cell":"lstm","hidden":128,"layers":1,"embed":0,"seq":64,"batch":32,"optim":"adam","lr":0.002,"momentum":0.9,"nesterov":false,"weight_decay":0,"lr_gamma":1,"lr_every":1000,"clip_norm":5,"clip_value":0,"reset_state":false,"seed":1,"temperature":1,"top_k":0,"greedy":false,"sample_len":200,"prime":"ROMEO: "}' \
  >"$out/fuzz_lm_experiment/experiment.json"
printf '%s' '{"hidden":0,"cell":"lstm_peephole","seed":18446744073709551615,"lr":1e-300}' >"$out/fuzz_lm_experiment/bounds.json"
printf '{}' >"$out/fuzz_lm_experiment/empty.json"

meta "$s2s_file" experiment >"$out/fuzz_seq2seq_experiment/experiment.json"
meta "$out/fuzz_seq2seq_checkpoint/concat-rnn.safetensors" experiment >"$out/fuzz_seq2seq_experiment/experiment-concat.json"
printf '%s' '{"task":"add","min_len":1,"max_len":3,"train_size":100,"held_size":10}' >"$out/fuzz_seq2seq_experiment/add.json"
printf '%s' '{"task":"dates","train_size":50,"held_size":5,"attention":"general","bidirectional":true}' >"$out/fuzz_seq2seq_experiment/dates.json"
printf '%s' '{"task":"copy","delay":5,"min_len":20,"max_len":3}' >"$out/fuzz_seq2seq_experiment/lengths-reversed.json"
printf '%s' '{"task":"translate","min_len":5,"max_len":11,"train_size":30,"held_size":5}' >"$out/fuzz_seq2seq_experiment/translate.json"
printf '%s' '{"task":"pairs","held_fraction":0.5}' >"$out/fuzz_seq2seq_experiment/pairs.json"

"$rnn" classify train --task sentiment --train-size 40 --held-size 8 --hidden 4 --embed 3 --batch 4 --steps 2 \
  --quiet --save "$tmp/classifier.safetensors" >/dev/null
meta "$tmp/classifier.safetensors" experiment >"$out/fuzz_classify_experiment/experiment.json"
printf '%s' '{"task":"counting","min_len":2,"max_len":9,"cell":"gru","bidirectional":true,"pooling":"max","layers":2}' \
  >"$out/fuzz_classify_experiment/counting.json"
printf '%s' '{"task":"pairs","held_fraction":0.5,"pooling":"mean"}' >"$out/fuzz_classify_experiment/pairs.json"
printf '%s' '{"task":"names","min_len":12,"max_len":3}' >"$out/fuzz_classify_experiment/lengths-reversed.json"

printf '%s' '{"input_size":2,"hidden":2,"output_size":2,"activation":"linear","w_in":"1,1;1,1","w_rec":"1,1;1,1","b_h":"0,0","w_out":"1,1;1,1","b_y":"0,0","inputs":"1,1;1,1;2,2"}' \
  >"$out/fuzz_lab/lectures.json"
printf '%s' '{"input_size":1,"hidden":3,"output_size":1,"activation":"tanh","w_in":"0.5;-1;2","w_rec":"0,1,0;0,0,1;1e2,0,-0.25","b_h":"0,0,0","w_out":"1,-1,1","b_y":"0","inputs":"1;0;0;0"}' \
  >"$out/fuzz_lab/tanh-ring.json"
printf '%s' '{"hidden":4,"w_rec":"1,1;1,1","inputs":" 1 , 1 ;;2,x","activation":"cubic"}' >"$out/fuzz_lab/errors.json"

# --- UTF-8 and vocabularies, texts, pairs --------------------------------------------------------------------
meta "$lm_file" vocab >"$out/fuzz_utf8_vocab/vocab.json"
printf '%s' '["a","\u00e9","\ud83d\ude00","\n","\""]' >"$out/fuzz_utf8_vocab/vocab-escapes.json"
printf 'h\xc3\xa9llo \xe2\x82\xac \xf0\x9f\x98\x80\n' >"$out/fuzz_utf8_vocab/multibyte.txt"
printf 'overlong \xc0\xaf surrogate \xed\xa0\x80 beyond \xf4\x90\x80\x80 cut \xe2\x82' >"$out/fuzz_utf8_vocab/invalid.txt"

head -c 400 web/lm/presets/shakespeare.txt >"$out/fuzz_text/shakespeare.txt"
head -c 300 web/lm/presets/code.txt >"$out/fuzz_text/code.txt"
printf 'ab' >"$out/fuzz_text/two-chars.txt"
printf '\xf0\x9f\x98\x80\xf0\x9f\x98\x81\xf0\x9f\x98\x80 caf\xc3\xa9\r\n\x00' >"$out/fuzz_text/multibyte.txt"
printf 'valid then \xff' >"$out/fuzz_text/invalid.txt"

printf 'abc\tcba\nhello\tolleh\n' >"$out/fuzz_pairs/plain.tsv"
printf '\xef\xbb\xbfone\t1\r\ntwo\t2\r\n\r\n   \nthree\t3' >"$out/fuzz_pairs/bom-crlf.tsv"
printf 'caf\xc3\xa9\t\xf0\x9f\x98\x80\na\tb\na\tc\n' >"$out/fuzz_pairs/unicode-repeated-source.tsv"
printf 'no tab here\n\tempty source\n' >"$out/fuzz_pairs/errors.tsv"

# --- command lines (NUL between arguments) -------------------------------------------------------------------
printf -- '--hidden\x0064\x00--cell=gru\x00--bidirectional\x00--lr\x001e-3\x00--save\x00out.st' \
  >"$out/fuzz_cli_args/flags"
printf -- '--clip\x005\x00--hiden\x002\x00--bidirectional=false\x00--config\x00run.json\x00-h' >"$out/fuzz_cli_args/aliases-typos"
printf -- '--layers=9\x00--seed\x0018446744073709551616\x00--optim\x00adamw\x00--\x00-\x00x' >"$out/fuzz_cli_args/errors"

find "$out" -type f -printf '%s\n' | awk '{s += $1} END {printf "make_corpus: %d files, %d bytes\n", NR, s}' >&2
