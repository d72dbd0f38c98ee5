"""Our checkpoint files (README "Checkpoints"): safetensors whose metadata names the model, with every
parameter under its PyTorch name. A resumable file adds the optimizer's state as optim.<state>.<param>,
its step count (metadata optim_step), and the family's training position (for the char LM: train_config,
train_window, train.state_h / train.state_c).

Our optimizer-state names are torch.optim's own (exp_avg, exp_avg_sq, momentum_buffer, sum, square_avg);
only the layout differs: we key them by parameter name, torch.optim's state_dict by parameter index.
"""

import json
import os

import numpy as np
import torch

from recurrent_playground import safetensors_io

TRAINING_PREFIXES = ("optim.", "train.")

# Per-parameter state of each of our optimizers, in torch.optim's names.
OPTIMIZER_STATES = {
    "sgd": (),
    "momentum": ("momentum_buffer",),
    "adagrad": ("sum",),
    "rmsprop": ("square_avg",),
    "adam": ("exp_avg", "exp_avg_sq"),
}
# The torch.optim classes that also keep a per-parameter "step" tensor.
_COUNTS_STEPS = ("adagrad", "rmsprop", "adam")


class Checkpoint:
    def __init__(self, path, tensors, meta):
        self.path, self.tensors, self.meta = path, tensors, meta

    def params(self, ignored_prefixes=()):
        """The model's tensors (a state_dict): everything but the training state and `ignored_prefixes`."""
        skip = TRAINING_PREFIXES + tuple(ignored_prefixes)
        return {k: v for k, v in self.tensors.items() if not k.startswith(skip)}

    def integer(self, key):
        try:
            return int(self.meta[key])
        except KeyError:
            raise ValueError("%s: metadata has no %r (was it saved with --save-state?)" % (self.path, key))
        except ValueError:
            raise ValueError("%s: metadata %r is not an integer: %r" % (self.path, key, self.meta[key]))

    def json(self, key, hint):
        if key not in self.meta:
            raise ValueError("%s has no %r metadata: %s" % (self.path, key, hint))
        return json.loads(self.meta[key])


def check_outputs(parser, paths):
    """Before training, a clear message for an output (flag -> path or None) that could not be written after it."""
    for flag, path in paths.items():
        folder = os.path.dirname(os.path.abspath(path)) if path else None
        if folder and not os.path.isdir(folder):
            parser.error("%s %s: the folder %s does not exist" % (flag, path, folder))


def read(path):
    tensors, meta = safetensors_io.read(path)
    return Checkpoint(path, {k: torch.from_numpy(np.asarray(v, dtype=np.float32)) for k, v in tensors.items()}, meta)


def write(path, tensors, meta):
    """Writes F32 tensors and string metadata. A non-finite tensor is refused, as the engine refuses it on load."""
    for name, t in tensors.items():
        if not torch.isfinite(t).all():
            raise ValueError("not writing %s: tensor %s holds NaN or infinity" % (path, name))
    # Written beside the target and renamed over it, so an interrupted save never leaves half a file.
    partial = path + ".partial"
    safetensors_io.write(partial, {k: v.detach().float().cpu() for k, v in tensors.items()}, meta)
    os.replace(partial, path)


def optimizer_state_dict(ckpt, kind, param_names, param_groups):
    """The file's optimizer state as torch.optim's state_dict, for optimizer.load_state_dict.

    param_groups: the fresh optimizer's own (state_dict()["param_groups"]): hyper-parameters and indices.
    After 0 steps the state stays empty (torch.optim creates it at the first step as we do), except
    Adagrad's, which torch creates at construction.
    """
    step = ckpt.integer("optim_step")
    state = {}
    if step > 0 or kind == "adagrad":
        for i, name in enumerate(param_names):
            entry = {}
            for s in OPTIMIZER_STATES[kind]:
                key = "optim.%s.%s" % (s, name)
                if key not in ckpt.tensors:
                    raise ValueError("%s: no tensor %r for the %s optimizer's state" % (ckpt.path, key, kind))
                entry[s] = ckpt.tensors[key].clone()
            if kind in _COUNTS_STEPS:
                entry["step"] = torch.tensor(float(step))
            if entry:
                state[i] = entry
    return {"state": state, "param_groups": param_groups}


def optimizer_tensors(state_dict, kind, params):
    """torch.optim's state_dict as our optim.<state>.<param> tensors; params: (name, tensor) pairs in the
    optimizer's order. State torch has not created yet (no step taken) is written as zeros, as we do."""
    out = {}
    for s in OPTIMIZER_STATES[kind]:
        for i, (name, p) in enumerate(params):
            value = state_dict["state"].get(i, {}).get(s)
            out["optim.%s.%s" % (s, name)] = torch.zeros_like(p) if value is None else value
    return out
