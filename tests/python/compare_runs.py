#!/usr/bin/python3
"""Compares two continuations of the same run, step by step and tensor by tensor.
  compare_runs.py A.jsonl B.jsonl A.safetensors B.safetensors LOSS_TOL TENSOR_TOL
The logs (`--log`) must hold the same steps, with losses within LOSS_TOL; the files the same tensors
(weights, optimizer state, carried state) within TENSOR_TOL and the same stream position and step count.
Prints the largest differences; exits 1 when one is over its tolerance or anything else differs.
"""

import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "python"))
from recurrent_playground import safetensors_io  # noqa: E402


def losses(path):
    with open(path) as f:
        rows = [json.loads(line) for line in f if line.strip()]
    return {r["step"]: r["loss"] for r in rows if "loss" in r}


def main(a_log, b_log, a_file, b_file, loss_tol, tensor_tol):
    problems = []
    la, lb = losses(a_log), losses(b_log)
    if sorted(la) != sorted(lb) or not la:
        problems.append("the logs hold different steps: %s vs %s" % (sorted(la), sorted(lb)))
    loss_diff = max((abs(la[s] - lb[s]) for s in la if s in lb), default=float("inf"))
    (ta, ma), (tb, mb) = safetensors_io.read(a_file), safetensors_io.read(b_file)
    if sorted(ta) != sorted(tb):
        problems.append("different tensors: %s" % sorted(set(ta) ^ set(tb)))
    diffs = {k: float(np.max(np.abs(ta[k] - tb[k]))) for k in ta if k in tb and ta[k].shape == tb[k].shape}
    problems += ["%s has shape %s vs %s" % (k, ta[k].shape, tb[k].shape) for k in ta if k in tb and k not in diffs]
    for key in ("train_window", "optim_step", "train_config", "vocab", "cell", "train_order", "train_cursor", "train_rng"):
        if ma.get(key) != mb.get(key):
            problems.append("metadata %s: %r vs %r" % (key, ma.get(key), mb.get(key)))
    worst = max(diffs, key=diffs.get)
    weights = [k for k in diffs if not k.startswith(("optim.", "train."))]
    print("%d steps: max |loss difference| %.3g; max |weight difference| %.3g; largest difference %.3g in %s"
          % (len(la), loss_diff, max(diffs[k] for k in weights), diffs[worst], worst))
    if loss_diff > loss_tol:
        problems.append("losses differ by %.3g > %g" % (loss_diff, loss_tol))
    if diffs[worst] > tensor_tol:
        problems.append("%s differs by %.3g > %g" % (worst, diffs[worst], tensor_tol))
    for p in problems:
        print("FAIL " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) != 7:
        sys.exit(__doc__)
    sys.exit(main(*sys.argv[1:5], float(sys.argv[5]), float(sys.argv[6])))
