"""What the scripts that continue a run on your own examples share (train_seq2seq, train_classifier; the
tagger's and the forecaster's next): the command line (--resume, --pairs, --steps, --save, --save-state, --log),
the refusal of generated tasks, the optimizer restored from the file, the loop of optimizer steps over the
file's data order, and the files written back. A script brings its model, its batches and its loss."""

import argparse
import time

from recurrent_playground import checkpoint, optim
from recurrent_playground.metrics_log import MetricsLog


def parse_args(argv, doc, family, lines):
    """family: the `rnn` family's name ("seq2seq"); lines: what --pairs holds ("pairs", "label<TAB>text lines")."""
    ap = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--resume", required=True, metavar="FILE.safetensors", help="a --save-state file")
    ap.add_argument("--pairs", required=True, metavar="FILE.tsv", help="the %s the run trained on" % lines)
    ap.add_argument("--steps", required=True, type=int, metavar="N", help="optimizer steps to take")
    ap.add_argument("--save", metavar="OUT", help="write the model alone (for `rnn %s eval`)" % family)
    ap.add_argument("--save-state", metavar="OUT", help="write the model with its training state (for --resume)")
    ap.add_argument("--log", metavar="FILE.jsonl", help="append one JSON line per step (as `rnn %s train --log`)" % family)
    args = ap.parse_args(argv)
    if args.steps < 1:
        ap.error("--steps must be at least 1")
    checkpoint.check_outputs(ap, {"--save": args.save, "--save-state": args.save_state, "--log": args.log})
    return args


def experiment(ckpt, family, what):
    """The file's experiment; a run on a generated task is refused (its examples come from the engine's
    generators). what: the user's own examples, as the message names them."""
    e = ckpt.json("experiment", "write it with `rnn %s train --save-state`" % family)
    if e.get("task") != "pairs":
        raise ValueError("the run trained on the generated task %r: PyTorch continues runs on your own %s "
                         "(rnn %s train --pairs FILE.tsv)" % (e.get("task"), what, family))
    return e


def train(script, args, procs, ckpt, model, config, data, step_loss, units):
    """Takes args.steps optimizer steps from the file's position and writes the files. step_loss(net, rows) ->
    (this process's loss tensor, the batch's units trained on); units: what they are ("target characters")."""
    net = procs.wrap(model)
    names = [name for name, _ in model.named_parameters()]
    optimizer = optim.make_optimizer(model.parameters(), config)
    optimizer.load_state_dict(checkpoint.optimizer_state_dict(ckpt, config["optim"], names,
                                                              optimizer.state_dict()["param_groups"]))
    steps_taken = ckpt.integer("optim_step")
    log = MetricsLog(args.log if procs.main else None)
    started, total = time.perf_counter(), 0
    for _ in range(args.steps):
        t0 = time.perf_counter()
        rows = data.take(config["batch"])
        optimizer.zero_grad()
        loss, count = step_loss(net, rows)
        loss.backward()
        loss_value = procs.mean(float(loss))  # the batch's mean: every process the same
        try:
            grad_norm, lr = optim.apply_update(model.parameters(), optimizer, config, loss_value, steps_taken)
        except FloatingPointError as e:
            raise SystemExit("%s: %s; nothing was written: resume the file with a lower learning rate" % (script, e))
        steps_taken += 1
        total += count
        log.step(steps_taken, loss_value, grad_norm, lr, count / (time.perf_counter() - t0))
    log.close()
    if procs.main:
        seconds = time.perf_counter() - started
        print("%d steps on %d process(es) in %.2f s: %.0f %s/s" % (args.steps, procs.world, seconds, total / seconds, units))
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
