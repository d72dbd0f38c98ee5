#!/usr/bin/python3
"""Goldens for dropout and layer normalisation (make_golden.py runs this; also runnable alone).

  char_lm_lstm_dropout.safetensors   a char LM whose rnn is nn.LSTM(E, H, 2, dropout=0.3), trained three
                                     SGD steps in train mode (PyTorch's dropout between the layers active),
                                     then in eval mode: golden.inputs [T,B], golden.logits [T,B,V] from a
                                     zero state, golden.loss (with golden.targets). Its parameters are the
                                     checkpoint: the engine loads it and must give the same eval logits.
  char_lm_<lstm|gru>_layernorm.safetensors   the engine's layer-normalised cells, written here as a PyTorch
                                     twin (LayerNormRNN below, parameters under the engine's names): one
                                     forward/backward with the tensors of make_golden.py's char-LM goldens.

The twin follows engine/layers/recurrent_options.hpp: per step and per gate block,
  a = ln_ih_weight * LN(W_ih x) + ln_hh_weight * LN(W_hh h) + b_ih + b_hh   (GRU: the two kept apart as
  its reset product needs), and for the LSTM h = o * tanh(ln_c_weight * LN(c) + ln_c_bias). LN without
  affine parameters (F.layer_norm, eps 1e-5) over each block of H values.
"""

import json
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "python"))
from recurrent_playground import safetensors_io  # noqa: E402

VOCAB = list("abcdefg")
V, H, L, B, T, E = len(VOCAB), 6, 2, 3, 5, 5
P = 0.3
SEED = 20261203


def metadata(cell, **extra):
    m = {"model": "char_lm", "cell": cell, "vocab": json.dumps(VOCAB), "hidden_size": str(H),
         "num_layers": str(L), "embedding_dim": str(E)}
    m.update(extra)
    return m


class DropoutLM(nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = nn.Embedding(V, E)
        self.rnn = nn.LSTM(E, H, L, dropout=P)
        self.head = nn.Linear(H, V)

    def forward(self, ids):
        out, _ = self.rnn(self.embed(ids))
        return self.head(out)


def make_dropout():
    torch.manual_seed(SEED)
    model = DropoutLM()
    assert model.rnn.dropout == P
    opt = torch.optim.SGD(model.parameters(), lr=0.5)
    model.train()
    for _ in range(3):
        ids, targets = torch.randint(0, V, (T, B)), torch.randint(0, V, (T, B))
        opt.zero_grad()
        F.cross_entropy(model(ids).reshape(-1, V), targets.reshape(-1)).backward()
        opt.step()
    model.eval()
    ids, targets = torch.randint(0, V, (T, B)), torch.randint(0, V, (T, B))
    with torch.no_grad():
        logits = model(ids)
        again = model(ids)
        assert torch.equal(logits, again), "eval mode must not drop"
        loss = F.cross_entropy(logits.reshape(-1, V), targets.reshape(-1))
    tensors = {k: v.detach() for k, v in model.state_dict().items()}
    tensors.update({"golden.inputs": ids.float(), "golden.targets": targets.float(), "golden.logits": logits,
                    "golden.loss": loss.reshape(1)})
    path = os.path.join(HERE, "char_lm_lstm_dropout.safetensors")
    safetensors_io.write(path, tensors, metadata("lstm"))
    return path


class LayerNormRNN(nn.Module):
    """L layers of the engine's layer-normalised LSTM or GRU, parameters named as the engine names them."""

    def __init__(self, cell, input_size):
        super().__init__()
        self.cell, G = cell, 4 if cell == "lstm" else 3
        for k in range(L):
            i = input_size if k == 0 else H
            bound = 1 / H ** 0.5
            for name, shape in [("weight_ih", (G * H, i)), ("weight_hh", (G * H, H)), ("bias_ih", (G * H,)),
                                ("bias_hh", (G * H,))]:
                setattr(self, "%s_l%d" % (name, k), nn.Parameter(torch.empty(shape).uniform_(-bound, bound)))
            # gains and shift away from their start (1 and 0), so the golden tests them
            setattr(self, "ln_ih_weight_l%d" % k, nn.Parameter(torch.empty(G * H).uniform_(0.5, 1.5)))
            setattr(self, "ln_hh_weight_l%d" % k, nn.Parameter(torch.empty(G * H).uniform_(0.5, 1.5)))
            if cell == "lstm":
                setattr(self, "ln_c_weight_l%d" % k, nn.Parameter(torch.empty(H).uniform_(0.5, 1.5)))
                setattr(self, "ln_c_bias_l%d" % k, nn.Parameter(torch.empty(H).uniform_(-0.5, 0.5)))

    @staticmethod
    def ln_blocks(x, gain):  # each gate block of H values normalised on its own
        shape = x.shape
        return F.layer_norm(x.reshape(*shape[:-1], -1, H), (H,), eps=1e-5).reshape(shape) * gain

    def forward(self, x, h0, c0):
        hn, cn = [], []
        for k in range(L):
            p = lambda name: getattr(self, "%s_l%d" % (name, k))  # noqa: E731
            h, c, outs = h0[k], (c0[k] if c0 is not None else None), []
            for t in range(x.shape[0]):
                xa = self.ln_blocks(x[t] @ p("weight_ih").t(), p("ln_ih_weight")) + p("bias_ih")
                ha = self.ln_blocks(h @ p("weight_hh").t(), p("ln_hh_weight")) + p("bias_hh")
                if self.cell == "lstm":
                    i, f, g, o = (xa + ha).chunk(4, dim=1)
                    c = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.tanh(g)
                    cl = F.layer_norm(c, (H,), eps=1e-5) * p("ln_c_weight") + p("ln_c_bias")
                    h = torch.sigmoid(o) * torch.tanh(cl)
                else:
                    xr, xz, xn = xa.chunk(3, dim=1)
                    hr, hz, hn_ = ha.chunk(3, dim=1)
                    r, z = torch.sigmoid(xr + hr), torch.sigmoid(xz + hz)
                    h = (1 - z) * torch.tanh(xn + r * hn_) + z * h
                outs.append(h)
            x = torch.stack(outs)
            hn.append(h)
            if c is not None:
                cn.append(c)
        return x, torch.stack(hn), (torch.stack(cn) if cn else None)


class LayerNormLM(nn.Module):
    def __init__(self, cell):
        super().__init__()
        self.embed = nn.Embedding(V, E)
        self.rnn = LayerNormRNN(cell, E)
        self.head = nn.Linear(H, V)

    def forward(self, ids, h0, c0):
        out, hn, cn = self.rnn(self.embed(ids), h0, c0)
        return self.head(out), hn, cn


def make_layernorm(cell, seed):
    torch.manual_seed(seed)
    model = LayerNormLM(cell)
    ids, targets = torch.randint(0, V, (T, B)), torch.randint(0, V, (T, B))
    h0 = (torch.randn(L, B, H) * 0.5).requires_grad_(True)
    c0 = (torch.randn(L, B, H) * 0.5).requires_grad_(True) if cell == "lstm" else None
    logits, hn, cn = model(ids, h0, c0)
    loss = F.cross_entropy(logits.reshape(-1, V), targets.reshape(-1))
    loss.backward()
    tensors = {k: v.detach() for k, v in model.state_dict().items()}
    tensors.update({"golden.inputs": ids.float(), "golden.targets": targets.float(), "golden.h0": h0.detach(),
                    "golden.logits": logits.detach(), "golden.loss": loss.detach().reshape(1),
                    "golden.hn": hn.detach(), "golden.grad_h0": h0.grad})
    if c0 is not None:
        tensors.update({"golden.c0": c0.detach(), "golden.cn": cn.detach(), "golden.grad_c0": c0.grad})
    for name, p in model.named_parameters():
        tensors["grad." + name] = p.grad.detach()
    path = os.path.join(HERE, "char_lm_%s_layernorm.safetensors" % cell)
    safetensors_io.write(path, tensors, metadata(cell, norm="layer"))
    return path


def main():
    written = [make_dropout()]
    for n, cell in enumerate(["lstm", "gru"]):
        written.append(make_layernorm(cell, SEED + 1 + n))
    return written


if __name__ == "__main__":
    for path in main():
        print("wrote", os.path.relpath(path))
