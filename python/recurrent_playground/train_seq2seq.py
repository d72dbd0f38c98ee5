#!/usr/bin/python3
"""Continue a seq2seq model's training in PyTorch from a file written by `rnn seq2seq train --pairs FILE.tsv
--save-state` (or the page's "+ optimizer state" download of a run on your own pairs), exactly where it
stopped: weights, optimizer state, the epoch's data order and position, the shuffling and scheduled-sampling
generators. Writes back files the `rnn` command line and the page open.

  /usr/bin/python3 python/recurrent_playground/train_seq2seq.py --resume run.safetensors --pairs pairs.tsv \\
      --steps 200 --save-state run2.safetensors [--save model.safetensors] [--log steps.jsonl]
  torchrun --standalone --nproc_per_node 2 python/recurrent_playground/train_seq2seq.py ...   (DDP, as train_char_lm)

With W processes each takes B/W consecutive rows of every batch; its loss is its rows' summed cross-entropy
over the whole batch's count of real target characters, times W, so DDP's average of the W gradients is the
gradient of the batch's mean, as one process computes it. B must be a multiple of W.

Runs on generated tasks (reverse, add, dates, ...) are refused: their pairs come from the engine's generators.
"""

import os
import sys

if __package__ in (None, ""):  # run as a script: the package's parent folder (python/) goes on sys.path
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import torch  # noqa: E402

from recurrent_playground import checkpoint, example_run, optim, pairs, seq2seq  # noqa: E402
from recurrent_playground.example_order import ExampleOrder  # noqa: E402
from recurrent_playground.processes import Processes  # noqa: E402


def encode(examples, vocab):
    index = {c: i + seq2seq.FIRST_CHAR for i, c in enumerate(vocab)}
    return [([index[c] for c in s] + [seq2seq.EOS], [index[c] for c in t]) for s, t in examples]


def make_batch(examples, rows):
    """src [S, B] (characters then EOS), lengths [B], tgt_in [T, B] (BOS y), tgt_out [T, B] (y EOS); PAD after."""
    S = max(len(examples[r][0]) for r in rows)
    T = max(len(examples[r][1]) for r in rows) + 1
    src = torch.full((S, len(rows)), seq2seq.PAD, dtype=torch.long)
    tgt_in, tgt_out = src.new_full((T, len(rows)), seq2seq.PAD), src.new_full((T, len(rows)), seq2seq.PAD)
    for b, r in enumerate(rows):
        s, y = examples[r]
        src[:len(s), b] = torch.tensor(s)
        tgt_in[:len(y) + 1, b] = torch.tensor([seq2seq.BOS] + y)
        tgt_out[:len(y) + 1, b] = torch.tensor(y + [seq2seq.EOS])
    return src, torch.tensor([len(examples[r][0]) for r in rows]), tgt_in, tgt_out


def scheduled_sampling(steps, rate, rng):
    """[T, B]: True where a real input of step t > 0 becomes the model's own previous argmax (probability
    `rate`); steps [B]: the real decoder steps of each row of the whole batch. Drawn in the engine's order (step
    by step, row by row, real inputs only), so every process draws the same; None when the rate is 0."""
    if rate <= 0:
        return None
    sampled = torch.zeros((max(steps), len(steps)), dtype=torch.bool)
    for t in range(1, max(steps)):
        for b, n in enumerate(steps):
            sampled[t, b] = t < n and rng.uniform() < rate
    return sampled


def load(args):
    ckpt = checkpoint.read(args.resume)
    model, vocab = seq2seq.from_checkpoint(ckpt)
    config = dict(optim.TRAIN_DEFAULTS, sampling_rate=0.0, seed=1, held_fraction=0.1)
    config.update(example_run.experiment(ckpt, "seq2seq", "pairs"))
    train, held = pairs.split_pairs(pairs.read_pairs(args.pairs), config["held_fraction"], config["seed"])
    if sorted(set("".join(s + t for s, t in train + held))) != vocab:
        raise ValueError("%s was trained on other data (its characters differ from these pairs')" % args.resume)
    data = ExampleOrder(ckpt, len(train), 2, "write it with `rnn seq2seq train --save-state`")
    return ckpt, model, config, encode(train, vocab), data


def main(argv=None):
    args = example_run.parse_args(argv, __doc__, "seq2seq", "pairs")
    procs = Processes()
    try:
        ckpt, model, config, examples, data = load(args)
        mine = procs.share(config["batch"], "pairs")
    except (OSError, ValueError) as e:
        raise SystemExit("train_seq2seq: %s" % e)

    def step_loss(net, rows):
        steps = [len(examples[r][1]) + 1 for r in rows]  # each row's target characters and EOS
        count = sum(steps)
        sampled = scheduled_sampling(steps, config["sampling_rate"], data.generators[1])
        src, lengths, tgt_in, tgt_out = (x.to(procs.device) for x in make_batch(examples, rows[mine]))
        if sampled is not None:
            sampled = sampled[:tgt_in.shape[0], mine].to(procs.device)
        return seq2seq.loss(net(src, lengths, tgt_in, sampled), tgt_out, count / procs.world), count

    example_run.train("train_seq2seq", args, procs, ckpt, model, config, data, step_loss, "target characters")


if __name__ == "__main__":
    main()
