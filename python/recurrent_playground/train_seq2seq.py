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

import argparse
import os
import sys
import time

if __package__ in (None, ""):  # run as a script: the package's parent folder (python/) goes on sys.path
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import torch  # noqa: E402

from recurrent_playground import checkpoint, optim, pairs, seq2seq  # noqa: E402
from recurrent_playground.example_order import ExampleOrder  # noqa: E402
from recurrent_playground.metrics_log import MetricsLog  # noqa: E402
from recurrent_playground.processes import Processes  # noqa: E402


def parse_args(argv):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--resume", required=True, metavar="FILE.safetensors", help="a --save-state file")
    ap.add_argument("--pairs", required=True, metavar="FILE.tsv", help="the pairs the run trained on")
    ap.add_argument("--steps", required=True, type=int, metavar="N", help="optimizer steps to take")
    ap.add_argument("--save", metavar="OUT", help="write the model alone (for `rnn seq2seq eval/translate`)")
    ap.add_argument("--save-state", metavar="OUT", help="write the model with its training state (for --resume)")
    ap.add_argument("--log", metavar="FILE.jsonl", help="append one JSON line per step (as `rnn seq2seq train --log`)")
    args = ap.parse_args(argv)
    if args.steps < 1:
        ap.error("--steps must be at least 1")
    checkpoint.check_outputs(ap, {"--save": args.save, "--save-state": args.save_state, "--log": args.log})
    return args


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
    experiment = ckpt.json("experiment", "write it with `rnn seq2seq train --save-state`")
    if experiment.get("task") != "pairs":
        raise ValueError("the run trained on the generated task %r: PyTorch continues runs on your own pairs "
                         "(rnn seq2seq train --pairs FILE.tsv)" % experiment.get("task"))
    config = dict(optim.TRAIN_DEFAULTS, sampling_rate=0.0, seed=1, held_fraction=0.1)
    config.update(experiment)
    train, held = pairs.split_pairs(pairs.read_pairs(args.pairs), config["held_fraction"], config["seed"])
    if sorted(set("".join(s + t for s, t in train + held))) != vocab:
        raise ValueError("%s was trained on other data (its characters differ from these pairs')" % args.resume)
    data = ExampleOrder(ckpt, len(train), 2, "write it with `rnn seq2seq train --save-state`")
    return ckpt, model, vocab, config, encode(train, vocab), data


def main(argv=None):
    args = parse_args(argv)
    procs = Processes()
    try:
        ckpt, model, vocab, config, examples, data = load(args)
        mine = procs.share(config["batch"], "pairs")
    except (OSError, ValueError) as e:
        raise SystemExit("train_seq2seq: %s" % e)
    net = procs.wrap(model)
    names = [name for name, _ in model.named_parameters()]
    optimizer = optim.make_optimizer(model.parameters(), config)
    optimizer.load_state_dict(checkpoint.optimizer_state_dict(ckpt, config["optim"], names,
                                                              optimizer.state_dict()["param_groups"]))
    steps_taken = ckpt.integer("optim_step")
    log = MetricsLog(args.log if procs.main else None)
    started, targets = time.perf_counter(), 0
    for _ in range(args.steps):
        t0 = time.perf_counter()
        rows = data.take(config["batch"])
        steps = [len(examples[r][1]) + 1 for r in rows]  # each row's target characters and EOS
        count = sum(steps)
        sampled = scheduled_sampling(steps, config["sampling_rate"], data.generators[1])
        src, lengths, tgt_in, tgt_out = (x.to(procs.device) for x in make_batch(examples, rows[mine]))
        if sampled is not None:
            sampled = sampled[:tgt_in.shape[0], mine].to(procs.device)
        optimizer.zero_grad()
        loss = seq2seq.loss(net(src, lengths, tgt_in, sampled), tgt_out, count / procs.world)
        loss.backward()
        loss_value = procs.mean(float(loss))  # the batch's mean: every process the same
        try:
            grad_norm, lr = optim.apply_update(model.parameters(), optimizer, config, loss_value, steps_taken)
        except FloatingPointError as e:
            raise SystemExit("train_seq2seq: %s; nothing was written: resume the file with a lower learning rate" % e)
        steps_taken += 1
        targets += count
        log.step(steps_taken, loss_value, grad_norm, lr, count / (time.perf_counter() - t0))
    log.close()
    if procs.main:
        seconds = time.perf_counter() - started
        print("%d steps on %d process(es) in %.2f s: %.0f target characters/s" % (
            args.steps, procs.world, seconds, targets / seconds))
        print("final train loss %.4f" % loss_value)
        save(args, ckpt, model.cpu(), optimizer, config["optim"], steps_taken, data)
    procs.finish()


def save(args, ckpt, model, optimizer, kind, steps_taken, data):
    params = dict(model.state_dict())
    meta = model.metadata(ckpt.meta)
    if args.save:
        checkpoint.write(args.save, params, dict(meta, experiment=ckpt.meta["experiment"]))
        print("wrote %s (the model)" % args.save)
    if args.save_state:
        tensors = dict(params)
        tensors.update(checkpoint.optimizer_tensors(optimizer.state_dict(), kind, list(model.named_parameters())))
        meta = dict(ckpt.meta, optim_step=str(steps_taken), **data.metadata())
        checkpoint.write(args.save_state, tensors, meta)
        print("wrote %s (the model and its training state)" % args.save_state)


if __name__ == "__main__":
    main()
