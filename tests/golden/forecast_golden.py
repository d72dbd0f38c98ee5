#!/usr/bin/python3
"""Golden files for the forecaster (run by make_golden.py, or alone: /usr/bin/python3 tests/golden/forecast_golden.py).

Writes forecaster_<case>.safetensors: a PyTorch module in the forecaster's contract

    class Forecaster(nn.Module):
        rnn  = nn.LSTM / nn.GRU / nn.RNN(C, H, L)
        head = nn.Linear(H, C)                  # at every step: the next value of each channel

plus one forward/backward pass over a batch of windows (S=6, B=3, C=2): golden.inputs and golden.targets
[S,B,C], golden.outputs [S,B,C], golden.loss [1] (F.mse_loss or F.l1_loss, mean), grad.<param> for every
parameter.
"""

import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "python"))
from recurrent_playground import safetensors_io  # noqa: E402

C, H, L, S, B = 2, 4, 2, 6, 3
CASES = [  # name, cell, loss
    ("lstm_mse", "lstm", "mse"),
    ("gru_mae", "gru", "mae"),
]


class Forecaster(nn.Module):
    def __init__(self, cell):
        super().__init__()
        kind = {"lstm": nn.LSTM, "gru": nn.GRU, "rnn_tanh": nn.RNN}[cell]
        self.rnn = kind(C, H, L)
        self.head = nn.Linear(H, C)

    def forward(self, x):  # [S, B, C] -> [S, B, C]
        out, _ = self.rnn(x)
        return self.head(out)


def make(name, cell, loss_kind, seed):
    torch.manual_seed(seed)
    model = Forecaster(cell)
    series = torch.randn(S + 1, B, C)
    inputs, targets = series[:-1], series[1:]
    outputs = model(inputs)
    loss = F.mse_loss(outputs, targets) if loss_kind == "mse" else F.l1_loss(outputs, targets)
    loss.backward()
    tensors = {k: v.detach() for k, v in model.state_dict().items()}
    tensors["golden.inputs"] = inputs
    tensors["golden.targets"] = targets
    tensors["golden.outputs"] = outputs.detach()
    tensors["golden.loss"] = loss.detach().reshape(1)
    for k, p in model.named_parameters():
        tensors["grad." + k] = p.grad.detach()
    path = os.path.join(HERE, "forecaster_%s.safetensors" % name)
    safetensors_io.write(path, tensors, {"model": "forecaster_golden", "cell": cell, "loss": loss_kind})
    return path, float(loss)


def main():
    torch.use_deterministic_algorithms(True)
    written = []
    for i, case in enumerate(CASES):
        path, loss = make(*case, seed=20261205 + i)
        written.append(path)
        print("%-44s loss=%.6f" % (os.path.basename(path), loss))
    return written


if __name__ == "__main__":
    main()
