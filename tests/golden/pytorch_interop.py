#!/usr/bin/python3
"""Manual PyTorch <-> C++ checkpoint interoperability check (not part of the test suite).

Evaluate a checkpoint written by the C++ engine with PyTorch:
  /usr/bin/python3 tests/golden/pytorch_interop.py MODEL.safetensors TEXT_FILE
    -> builds the nn.Module described by the file's metadata, loads the weights with
       strict=True, runs the text's characters as one stream from a zero state and prints
       `loss <mean nats per predicted character>` as its last line; compare it with
       `char_rnn eval` on the same model and text.
    Tensors named golden.* / grad.* (present in the golden files) are ignored; any other
    unexpected or missing tensor is an error.

Write a freshly initialised PyTorch model for the C++ side to load:
  /usr/bin/python3 tests/golden/pytorch_interop.py --save-random OUT.safetensors \
      --cell lstm --hidden 16 --layers 2 --embed 4 --vocab-text FILE [--seed 0]
    -> vocabulary = distinct characters of FILE sorted by code point.
"""

import argparse
import json
import math
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import safetensors_io  # noqa: E402

CELLS = ("rnn_tanh", "rnn_relu", "lstm", "gru")
IGNORED_PREFIXES = ("golden.", "grad.")
CHUNK = 4096  # characters per forward call when streaming long texts (state carried, exact)


class CharLM(nn.Module):
    """embed (optional) -> rnn (time-major) -> head, as in the checkpoint contract."""

    def __init__(self, cell, vocab_size, hidden, layers, embedding_dim):
        super().__init__()
        if cell not in CELLS:
            raise ValueError("unknown cell %r" % cell)
        self.cell = cell
        self.vocab_size = vocab_size
        self.hidden = hidden
        self.layers = layers
        self.embedding_dim = embedding_dim
        if embedding_dim > 0:
            self.embed = nn.Embedding(vocab_size, embedding_dim)
        in_size = embedding_dim if embedding_dim > 0 else vocab_size
        if cell == "lstm":
            self.rnn = nn.LSTM(in_size, hidden, layers)
        elif cell == "gru":
            self.rnn = nn.GRU(in_size, hidden, layers)
        else:
            self.rnn = nn.RNN(in_size, hidden, layers, nonlinearity=cell[4:])
        self.head = nn.Linear(hidden, vocab_size)

    def zero_state(self, batch):
        h = torch.zeros(self.layers, batch, self.hidden)
        return (h, torch.zeros_like(h)) if self.cell == "lstm" else h

    def forward(self, ids, state):
        if self.embedding_dim > 0:
            x = self.embed(ids)
        else:
            x = F.one_hot(ids, self.vocab_size).float()
        out, state = self.rnn(x, state)
        return self.head(out), state


def read_text(path):
    # newline="" keeps "\r\n" as two characters: the engine sees the file's bytes as UTF-8 text.
    with open(path, "r", encoding="utf-8", newline="") as f:
        return f.read()


def metadata_int(meta, key):
    try:
        return int(meta[key])
    except KeyError:
        raise SystemExit("metadata is missing %r" % key)
    except ValueError:
        raise SystemExit("metadata %r is not an integer: %r" % (key, meta[key]))


def load_model(path):
    tensors, meta = safetensors_io.read(path)
    if meta.get("model") != "char_lm":
        raise SystemExit("%s: metadata model=%r, expected 'char_lm'" % (path, meta.get("model")))
    cell = meta.get("cell")
    if cell not in CELLS:
        raise SystemExit("%s: unsupported cell %r" % (path, cell))
    vocab = json.loads(meta["vocab"])
    if not isinstance(vocab, list) or not all(isinstance(c, str) and len(c) == 1 for c in vocab):
        raise SystemExit("%s: vocab must be a JSON array of single characters" % path)
    if len(set(vocab)) != len(vocab):
        raise SystemExit("%s: vocab has duplicate characters" % path)
    model = CharLM(cell, len(vocab), metadata_int(meta, "hidden_size"), metadata_int(meta, "num_layers"),
                   metadata_int(meta, "embedding_dim"))
    state = {name: torch.from_numpy(arr).float() for name, arr in tensors.items()
             if not name.startswith(IGNORED_PREFIXES)}
    model.load_state_dict(state, strict=True)  # raises on missing/unexpected names or bad shapes
    model.eval()
    return model, vocab, meta


@torch.no_grad()
def evaluate(model, vocab, text):
    index = {c: i for i, c in enumerate(vocab)}
    unknown = sorted(set(text) - set(index))
    if unknown:
        raise SystemExit("text has %d characters not in the vocabulary, e.g. %r" % (len(unknown), unknown[:10]))
    if len(text) < 2:
        raise SystemExit("text needs at least 2 characters")
    ids = torch.tensor([index[c] for c in text], dtype=torch.long)
    state = model.zero_state(1)
    total = 0.0
    count = len(ids) - 1
    for begin in range(0, count, CHUNK):
        end = min(begin + CHUNK, count)
        inputs = ids[begin:end].unsqueeze(1)           # [t,1]
        targets = ids[begin + 1:end + 1]               # [t]
        logits, state = model(inputs, state)
        total += float(F.cross_entropy(logits.squeeze(1).double(), targets, reduction="sum"))
    return total / count, count


def save_random(args):
    text = read_text(args.vocab_text)
    vocab = sorted(set(text))
    if not vocab:
        raise SystemExit("%s is empty" % args.vocab_text)
    torch.manual_seed(args.seed)
    model = CharLM(args.cell, len(vocab), args.hidden, args.layers, args.embed)
    tensors = {name: t.detach() for name, t in model.state_dict().items()}
    meta = {
        "model": "char_lm",
        "cell": args.cell,
        "vocab": json.dumps(vocab, ensure_ascii=False),
        "hidden_size": str(args.hidden),
        "num_layers": str(args.layers),
        "embedding_dim": str(args.embed),
    }
    safetensors_io.write(args.save_random, tensors, meta)
    print("wrote %s: cell=%s V=%d H=%d L=%d E=%d, %d tensors" % (
        args.save_random, args.cell, len(vocab), args.hidden, args.layers, args.embed, len(tensors)))
    if len(text) >= 2:
        loss, n = evaluate(model.eval(), vocab, text)
        print("reference: loss of this model on %s over %d predictions" % (args.vocab_text, n))
        print("loss %.6f" % loss)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("model", nargs="?", help="checkpoint to evaluate")
    ap.add_argument("text", nargs="?", help="UTF-8 text file to evaluate on")
    ap.add_argument("--save-random", metavar="OUT", help="write a freshly initialised model instead")
    ap.add_argument("--cell", choices=CELLS, default="lstm")
    ap.add_argument("--hidden", type=int, default=16)
    ap.add_argument("--layers", type=int, default=2)
    ap.add_argument("--embed", type=int, default=4, help="embedding dim; 0 = one-hot input")
    ap.add_argument("--vocab-text", metavar="FILE", help="text whose distinct characters form the vocabulary")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    torch.set_num_threads(1)

    if args.save_random:
        if not args.vocab_text or args.model or args.text:
            ap.error("--save-random needs --vocab-text FILE and no positional arguments")
        save_random(args)
        return
    if not args.model or not args.text:
        ap.error("give MODEL.safetensors TEXT_FILE (or --save-random ...)")
    model, vocab, meta = load_model(args.model)
    loss, n = evaluate(model, vocab, read_text(args.text))
    print("model: cell=%s V=%d H=%s L=%s E=%s; %d predictions; %.4f bits/char; perplexity %.4f" % (
        meta["cell"], len(vocab), meta["hidden_size"], meta["num_layers"], meta["embedding_dim"], n,
        loss / math.log(2), math.exp(loss)))
    print("loss %.6f" % loss)


if __name__ == "__main__":
    main()
