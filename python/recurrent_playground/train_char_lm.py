#!/usr/bin/python3
"""Continue a char LM's training in PyTorch from a file written by `rnn lm train --save-state` (or the page's
download with "+ optimizer state"), exactly where it stopped: weights, optimizer state, stream position, carried
state and learning-rate schedule. Writes back files the `rnn` command line and the page open.

One process:
  /usr/bin/python3 python/recurrent_playground/train_char_lm.py --resume run.safetensors --text input.txt \\
      --steps 200 --save model.safetensors --save-state run2.safetensors [--log steps.jsonl]
Several (DistributedDataParallel; gloo on CPU, NCCL when CUDA is there; --nnodes and --master_addr for machines;
Debian 12's torchrun also needs --redirects 1 --tee 1):
  torchrun --standalone --nproc_per_node 2 python/recurrent_playground/train_char_lm.py --resume run.safetensors ...

With W processes the file's B streams are split into W equal groups of consecutive streams: process r
trains streams r*B/W .. (r+1)*B/W - 1 and carries their state. DDP averages the W gradients of the
group means, which is the gradient of the mean over all B streams: the same step as one process, up to
the order in which floats are summed. B must be a multiple of W.
"""

import argparse
import os
import sys
import time

if __package__ in (None, ""):  # run as a script: the package's parent folder (python/) goes on sys.path
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

from recurrent_playground import char_lm, checkpoint, optim, text_stream  # noqa: E402
from recurrent_playground.metrics_log import MetricsLog  # noqa: E402
from recurrent_playground.processes import Processes  # noqa: E402


def parse_args(argv):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--resume", required=True, metavar="FILE.safetensors", help="a --save-state file")
    ap.add_argument("--text", required=True, metavar="FILE", help="the text the run trained on (UTF-8)")
    ap.add_argument("--steps", required=True, type=int, metavar="N", help="optimizer steps to take")
    ap.add_argument("--holdout", type=float, default=0.05, metavar="X",
                    help="the text's end kept out of training: the same value the run used (default 0.05, "
                         "as `rnn lm train`)")
    ap.add_argument("--save", metavar="OUT", help="write the model alone (for `rnn lm eval/sample`, the page)")
    ap.add_argument("--save-state", metavar="OUT", help="write the model with its training state (for --resume)")
    ap.add_argument("--log", metavar="FILE.jsonl", help="append one JSON line per step: step, loss, grad_norm, "
                                                        "lr, chars_per_s (as `rnn lm train --log`)")
    args = ap.parse_args(argv)
    if args.steps < 1:
        ap.error("--steps must be at least 1")
    if not 0 <= args.holdout <= 0.5:
        ap.error("--holdout must be in [0, 0.5]")
    checkpoint.check_outputs(ap, {"--save": args.save, "--save-state": args.save_state, "--log": args.log})
    return args


def map_state(fn, state):
    """fn applied to h (and c, for an LSTM's (h, c) pair)."""
    return tuple(fn(s) for s in state) if isinstance(state, tuple) else fn(state)


def as_tuple(state):
    return state if isinstance(state, tuple) else (state,)


def carried_state(ckpt, model, streams):
    """The file's carried state (train.state_h, train.state_c [L, B, H]), this process's streams only."""
    names = ("train.state_h", "train.state_c") if model.cell == "lstm" else ("train.state_h",)
    parts = []
    for name in names:
        if name not in ckpt.tensors:
            raise ValueError("%s has no %r: write it with `rnn lm train --save-state`" % (ckpt.path, name))
        parts.append(ckpt.tensors[name][:, streams, :].clone())
    return tuple(parts) if model.cell == "lstm" else parts[0]


def main(argv=None):
    args = parse_args(argv)
    procs = Processes()
    try:
        ckpt = checkpoint.read(args.resume)
        model, vocab = char_lm.from_checkpoint(ckpt)
        config = dict(optim.TRAIN_DEFAULTS)
        config.update(ckpt.json("train_config", "write it with `rnn lm train --save-state`, not --save"))
        steps_taken = ckpt.integer("optim_step")
        ids, held = text_stream.hold_out(text_stream.encode(text_stream.read_text(args.text), vocab), args.holdout)
        T, B = config["seq"], config["batch"]
        data = text_stream.TextStreams(ids, B, T)
        window = ckpt.integer("train_window")
        if window > data.windows_per_pass:
            raise ValueError("saved stream position is beyond the text: was the model trained on another text "
                             "or with another --holdout?")
        data.position = window
        mine = procs.share(B, "streams")
        share = mine.stop - mine.start
        state = carried_state(ckpt, model, mine)
    except (OSError, ValueError) as e:
        raise SystemExit("train_char_lm: %s" % e)

    net = procs.wrap(model)
    state = map_state(lambda s: s.to(procs.device), state)
    names = [name for name, _ in model.named_parameters()]
    optimizer = optim.make_optimizer(model.parameters(), config)
    optimizer.load_state_dict(checkpoint.optimizer_state_dict(ckpt, config["optim"], names,
                                                              optimizer.state_dict()["param_groups"]))
    log = MetricsLog(args.log if procs.main else None)

    started = time.perf_counter()
    for _ in range(args.steps):
        t0 = time.perf_counter()
        inputs, targets, new_pass = data.next()
        inputs, targets = inputs[:, mine].to(procs.device), targets[:, mine].to(procs.device)
        if new_pass or config["reset_state"]:
            state = map_state(lambda s: s.to(procs.device), model.zero_state(share))
        optimizer.zero_grad()
        logits, state = net(inputs, state)
        loss = F.cross_entropy(logits.reshape(-1, model.vocab_size), targets.reshape(-1))
        loss.backward()
        loss_value = procs.mean(float(loss))  # every process the same: DDP has averaged the gradients
        try:
            grad_norm, lr = optim.apply_update(model.parameters(), optimizer, config, loss_value, steps_taken)
        except FloatingPointError as e:
            raise SystemExit("train_char_lm: %s; nothing was written: resume the file with a lower learning rate" % e)
        steps_taken += 1
        state = map_state(torch.Tensor.detach, state)  # truncated BPTT: the next window starts from its values
        log.step(steps_taken, loss_value, grad_norm, lr, T * B / (time.perf_counter() - t0))
    seconds = time.perf_counter() - started
    log.close()

    full_state = tuple(procs.gather_rows(s, dim=1) for s in as_tuple(state))  # [L, B, H]: every stream
    if procs.main:
        print("%d steps on %d process(es) in %.2f s: %.0f characters/s" % (
            args.steps, procs.world, seconds, args.steps * T * B / seconds))
        print("final train loss %.4f" % loss_value)
        if len(held) >= 2:
            model.eval()
            print("held-out loss %.4f" % char_lm.evaluate(model.cpu(), held))
        save(args, ckpt, model.cpu(), vocab, optimizer, config["optim"], steps_taken, data.position, full_state)
    procs.finish()


def save(args, ckpt, model, vocab, optimizer, kind, steps_taken, window, state):
    params = dict(model.state_dict())
    if args.save:
        checkpoint.write(args.save, params, model.metadata(vocab))
        print("wrote %s (the model)" % args.save)
    if args.save_state:
        tensors = dict(params)
        tensors.update(checkpoint.optimizer_tensors(optimizer.state_dict(), kind, list(model.named_parameters())))
        tensors["train.state_h"] = state[0]
        if len(state) > 1:
            tensors["train.state_c"] = state[1]
        meta = dict(ckpt.meta)
        meta.update(model.metadata(vocab))
        meta["train_window"] = str(window)
        meta["optim_step"] = str(steps_taken)
        checkpoint.write(args.save_state, {k: v.cpu() for k, v in tensors.items()}, meta)
        print("wrote %s (the model and its training state)" % args.save_state)


if __name__ == "__main__":
    main()
