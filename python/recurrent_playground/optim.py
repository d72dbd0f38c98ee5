"""Our optimizers, learning-rate schedule and clipping as torch.optim and torch.nn.utils
(engine/core/optimizer.*: the same formulas, PyTorch 1.13's defaults for what our settings leave fixed)."""

import math

import torch

# The engine's TrainConfig defaults, for a train_config JSON that leaves a key out.
TRAIN_DEFAULTS = {"seq": 64, "batch": 32, "optim": "adam", "lr": 2e-3, "momentum": 0.9, "nesterov": False,
                  "weight_decay": 0.0, "lr_gamma": 1.0, "lr_every": 1000, "clip_norm": 5.0, "clip_value": 0.0,
                  "reset_state": False}


def make_optimizer(params, config):
    kind, lr, wd = config["optim"], config["lr"], config["weight_decay"]
    if kind == "sgd":
        return torch.optim.SGD(params, lr=lr, weight_decay=wd)
    if kind == "momentum":
        return torch.optim.SGD(params, lr=lr, momentum=config["momentum"], nesterov=config["nesterov"], weight_decay=wd)
    if kind == "adagrad":
        return torch.optim.Adagrad(params, lr=lr, weight_decay=wd)
    if kind == "rmsprop":
        return torch.optim.RMSprop(params, lr=lr, weight_decay=wd)
    if kind == "adam":
        return torch.optim.Adam(params, lr=lr, weight_decay=wd)
    raise ValueError("unknown optimizer %r (ours: sgd, momentum, adagrad, rmsprop, adam)" % kind)


def lr_at(config, steps_taken):
    """The rate of the next step: StepLR's lr * gamma^floor(steps_taken / lr_every), in closed form so a
    resumed run needs no scheduler state."""
    return config["lr"] * config["lr_gamma"] ** (steps_taken // config["lr_every"])


def clip_gradients(params, config):
    """Clamps each gradient to clip_value (if set), then scales them to a global norm of clip_norm (if set);
    returns the norm before that scaling, as the engine does."""
    if config["clip_value"] > 0:
        torch.nn.utils.clip_grad_value_(params, config["clip_value"])
    max_norm = config["clip_norm"] if config["clip_norm"] > 0 else float("inf")
    return float(torch.nn.utils.clip_grad_norm_(params, max_norm))


def apply_update(params, optimizer, config, loss, steps_taken):
    """What every family's step shares once backward has filled the gradients (engine/train/step.hpp): clip,
    refuse a non-finite loss or gradient, set the scheduled rate and step. Returns (grad_norm, lr)."""
    params = list(params)
    grad_norm = clip_gradients(params, config)
    if not (math.isfinite(loss) and math.isfinite(grad_norm)):
        raise FloatingPointError("at step %d the %s was not finite" % (
            steps_taken + 1, "loss" if not math.isfinite(loss) else "gradient norm"))
    lr = lr_at(config, steps_taken)
    for group in optimizer.param_groups:
        group["lr"] = lr
    optimizer.step()
    return grad_norm, lr
