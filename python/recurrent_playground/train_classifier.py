#!/usr/bin/python3
"""Continue a classifier's training in PyTorch from a file written by `rnn classify train --pairs FILE.tsv
--save-state` (or the page's "+ optimizer state" download of a run on your own labelled lines), exactly where
it stopped: weights, optimizer state, the epoch's data order and position, the shuffling generator. Writes
back files the `rnn` command line and the page open.

  /usr/bin/python3 python/recurrent_playground/train_classifier.py --resume run.safetensors --pairs lines.tsv \\
      --steps 200 --save-state run2.safetensors [--save model.safetensors] [--log steps.jsonl]
  torchrun --standalone --nproc_per_node 2 python/recurrent_playground/train_classifier.py ...   (DDP)

With W processes each takes B/W consecutive rows of every batch; its loss is its rows' summed cross-entropy
over the batch size B, times W, so DDP's average of the W gradients is the gradient of the batch's mean, as
one process computes it. B must be a multiple of W.

Runs on generated tasks (sentiment, names, counting) are refused: their texts come from the engine's generators.
"""

import os
import sys

if __package__ in (None, ""):  # run as a script: the package's parent folder (python/) goes on sys.path
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import torch  # noqa: E402

from recurrent_playground import checkpoint, classifier, example_run, optim, pairs  # noqa: E402
from recurrent_playground.example_order import ExampleOrder  # noqa: E402
from recurrent_playground.processes import Processes  # noqa: E402


def make_batch(examples, rows):
    """ids [S, B] (0 past each text's length), lengths [B], labels [B]."""
    S = max(len(examples[r][0]) for r in rows)
    ids = torch.zeros((S, len(rows)), dtype=torch.long)
    for b, r in enumerate(rows):
        ids[:len(examples[r][0]), b] = torch.tensor(examples[r][0])
    lengths = torch.tensor([len(examples[r][0]) for r in rows])
    return ids, lengths, torch.tensor([examples[r][1] for r in rows])


def load(args):
    ckpt = checkpoint.read(args.resume)
    model, vocab, labels = classifier.from_checkpoint(ckpt)
    config = dict(optim.TRAIN_DEFAULTS, lr=0.005, seed=1, held_fraction=0.1)
    config.update(example_run.experiment(ckpt, "classify", "lines"))
    lines = [(text, label) for label, text in pairs.read_pairs(args.pairs, ("label", "text"))]
    train, held = pairs.split_pairs(lines, config["held_fraction"], config["seed"])  # grouped by text
    if sorted(set("".join(t for t, _ in train + held))) != vocab or sorted(set(l for _, l in train)) != labels:
        raise ValueError("%s was trained on other data (its characters or labels differ from these lines')" % args.resume)
    char, label = {c: i for i, c in enumerate(vocab)}, {l: i for i, l in enumerate(labels)}
    examples = [([char[c] for c in t], label[l]) for t, l in train]
    return ckpt, model, config, examples, ExampleOrder(ckpt, len(train), 1, "write it with `rnn classify train --save-state`")


def main(argv=None):
    args = example_run.parse_args(argv, __doc__, "classify", "label<TAB>text lines")
    procs = Processes()
    try:
        ckpt, model, config, examples, data = load(args)
        mine = procs.share(config["batch"], "texts")
    except (OSError, ValueError) as e:
        raise SystemExit("train_classifier: %s" % e)

    def step_loss(net, rows):
        ids, lengths, labels = (x.to(procs.device) for x in make_batch(examples, rows[mine]))
        count = sum(len(examples[r][0]) for r in rows)
        return classifier.loss(net(ids, lengths), labels, len(rows) / procs.world), count

    example_run.train("train_classifier", args, procs, ckpt, model, config, data, step_loss, "characters")


if __name__ == "__main__":
    main()
