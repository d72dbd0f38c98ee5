#!/usr/bin/python3
"""PyTorch <-> C++ checkpoint interoperability check (the model is python/recurrent_playground/char_lm.py).

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
import math
import os
import sys

import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "python"))
from recurrent_playground import char_lm, checkpoint, text_stream  # noqa: E402

IGNORED_PREFIXES = ("golden.", "grad.")


def load_model(path):
    try:
        ckpt = checkpoint.read(path)
        ckpt.tensors = {k: v for k, v in ckpt.tensors.items() if not k.startswith(IGNORED_PREFIXES)}
        model, vocab = char_lm.from_checkpoint(ckpt)
    except ValueError as e:
        raise SystemExit(str(e))
    return model.eval(), vocab, ckpt.meta


def evaluate(model, vocab, text):
    try:
        ids = text_stream.encode(text, vocab)
        return char_lm.evaluate(model, ids), len(ids) - 1
    except ValueError as e:
        raise SystemExit(str(e))


def save_random(args):
    text = text_stream.read_text(args.vocab_text)
    vocab = sorted(set(text))
    if not vocab:
        raise SystemExit("%s is empty" % args.vocab_text)
    torch.manual_seed(args.seed)
    model = char_lm.CharLM(args.cell, len(vocab), args.hidden, args.layers, args.embed)
    tensors = {name: t.detach() for name, t in model.state_dict().items()}
    checkpoint.write(args.save_random, tensors, model.metadata(vocab))
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
    ap.add_argument("--cell", choices=char_lm.CELLS, default="lstm")
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
    loss, n = evaluate(model, vocab, text_stream.read_text(args.text))
    print("model: cell=%s V=%d H=%s L=%s E=%s; %d predictions; %.4f bits/char; perplexity %.4f" % (
        meta["cell"], len(vocab), meta["hidden_size"], meta["num_layers"], meta["embedding_dim"], n,
        loss / math.log(2), math.exp(loss)))
    print("loss %.6f" % loss)


if __name__ == "__main__":
    main()
