#!/usr/bin/python3
"""Golden files for the classifier (run by make_golden.py, or alone: /usr/bin/python3 tests/golden/classify_golden.py).

Writes classifier_<case>.safetensors: a PyTorch module in the classifier's checkpoint contract

    class Classifier(nn.Module):
        embed = nn.Embedding(V, E)              # absent for one-hot input
        rnn   = nn.LSTM / nn.GRU / nn.RNN(E or V, H, L, bidirectional=...)
        head  = nn.Linear(H * directions, C)

with its metadata, plus one forward/backward pass over a ragged batch (B=3, lengths 5, 3, 1):
golden.inputs [S,B] and golden.lengths [B] (as floats), golden.labels [B], golden.logits [B,C],
golden.loss [1] (mean cross-entropy), grad.<param> for every parameter. Pooling follows PyTorch usage:
last = h_n of the packed sequence (both directions' final states), max / mean over the real positions.
"""

import json
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "python"))
from recurrent_playground import safetensors_io  # noqa: E402

VOCAB = list("abcdef")
LABELS = ["neg", "neu", "pos"]
V, C, H, L, S, B, E = len(VOCAB), len(LABELS), 4, 2, 5, 3, 4
LENGTHS = [5, 3, 1]
CASES = [  # name, cell, bidirectional, pooling, embedding size
    ("lstm_bi_max", "lstm", True, "max", E),
    ("gru_uni_last_onehot", "gru", False, "last", 0),
    ("rnn_tanh_bi_last", "rnn_tanh", True, "last", E),
    ("rnn_relu_uni_mean", "rnn_relu", False, "mean", E),
    ("lstm_bi_mean_onehot", "lstm", True, "mean", 0),
]


class Classifier(nn.Module):
    def __init__(self, cell, bidirectional, pooling, embedding_dim):
        super().__init__()
        self.pooling, self.embedding_dim, self.bidirectional = pooling, embedding_dim, bidirectional
        if embedding_dim:
            self.embed = nn.Embedding(V, embedding_dim)
        kind = {"lstm": nn.LSTM, "gru": nn.GRU, "rnn_tanh": nn.RNN, "rnn_relu": nn.RNN}[cell]
        extra = {"nonlinearity": cell[4:]} if cell.startswith("rnn_") else {}
        self.rnn = kind(embedding_dim or V, H, L, bidirectional=bidirectional, **extra)
        self.head = nn.Linear(H * (2 if bidirectional else 1), C)

    def forward(self, ids, lengths):  # ids [S, B], lengths [B]
        x = self.embed(ids) if self.embedding_dim else F.one_hot(ids, V).float()
        out, h_n = self.rnn(pack_padded_sequence(x, lengths, enforce_sorted=False))
        if self.pooling == "last":
            h_n = h_n[0] if isinstance(h_n, tuple) else h_n
            pooled = torch.cat([h_n[-2], h_n[-1]], 1) if self.bidirectional else h_n[-1]
        else:
            out, _ = pad_packed_sequence(out, total_length=ids.shape[0])  # [S, B, D]
            real = (torch.arange(ids.shape[0])[:, None] < lengths[None, :])[:, :, None]
            if self.pooling == "max":
                pooled = out.masked_fill(~real, float("-inf")).max(0).values
            else:
                pooled = (out * real).sum(0) / lengths[:, None].float()
        return self.head(pooled)


def make(name, cell, bidirectional, pooling, embedding_dim, seed):
    torch.manual_seed(seed)
    model = Classifier(cell, bidirectional, pooling, embedding_dim)
    lengths = torch.tensor(LENGTHS)
    ids = torch.randint(0, V, (S, B))
    for b, n in enumerate(LENGTHS):
        ids[n:, b] = 0  # padding
    labels = torch.tensor([0, 2, 1])
    logits = model(ids, lengths)
    loss = F.cross_entropy(logits, labels)
    loss.backward()
    tensors = {k: v.detach() for k, v in model.state_dict().items()}
    tensors["golden.inputs"] = ids.float()
    tensors["golden.lengths"] = lengths.float()
    tensors["golden.labels"] = labels.float()
    tensors["golden.logits"] = logits.detach()
    tensors["golden.loss"] = loss.detach().reshape(1)
    for k, p in model.named_parameters():
        tensors["grad." + k] = p.grad.detach()
    metadata = {
        "model": "classifier", "vocab": json.dumps(VOCAB), "labels": json.dumps(LABELS), "cell": cell,
        "embedding_dim": str(embedding_dim), "hidden_size": str(H), "num_layers": str(L),
        "bidirectional": "true" if bidirectional else "false", "pooling": pooling,
    }
    path = os.path.join(HERE, "classifier_%s.safetensors" % name)
    safetensors_io.write(path, tensors, metadata)
    return path, float(loss)


def main():
    torch.use_deterministic_algorithms(True)
    written = []
    for i, case in enumerate(CASES):
        path, loss = make(*case, seed=20261203 + i)
        written.append(path)
        print("%-44s loss=%.6f" % (os.path.basename(path), loss))
    return written


if __name__ == "__main__":
    main()
