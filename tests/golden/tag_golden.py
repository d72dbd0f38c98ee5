#!/usr/bin/python3
"""Golden files for the tagger (run by make_golden.py, or alone: /usr/bin/python3 tests/golden/tag_golden.py).

Writes tagger_<case>.safetensors: a PyTorch module in the tagger's contract

    class Tagger(nn.Module):
        embed = nn.Embedding(V, E)              # absent for one-hot input
        rnn   = nn.LSTM / nn.GRU / nn.RNN(E or V, H, L, bidirectional=...)
        head  = nn.Linear(H * directions, C)    # at every position

plus one forward/backward pass over a ragged batch (B=3, lengths 5, 3, 1) run as PyTorch users run it
(pack_padded_sequence, so padding never reaches a real position): golden.inputs [S,B], golden.lengths [B],
golden.tags [S,B] (-1 at padding; all as floats), golden.logits [S,B,C], golden.loss [1] (mean cross-entropy
over the real positions, ignore_index=-1), grad.<param> for every parameter.
"""

import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "python"))
from recurrent_playground import safetensors_io  # noqa: E402

V, C, H, L, S, B, E = 7, 4, 4, 2, 5, 3, 3
LENGTHS = [5, 3, 1]
CASES = [  # name, cell, bidirectional, embedding size
    ("lstm_bi", "lstm", True, E),
    ("gru_uni_onehot", "gru", False, 0),
    ("rnn_tanh_bi_onehot", "rnn_tanh", True, 0),
]


class Tagger(nn.Module):
    def __init__(self, cell, bidirectional, embedding_dim):
        super().__init__()
        self.embedding_dim = embedding_dim
        if embedding_dim:
            self.embed = nn.Embedding(V, embedding_dim)
        kind = {"lstm": nn.LSTM, "gru": nn.GRU, "rnn_tanh": nn.RNN, "rnn_relu": nn.RNN}[cell]
        extra = {"nonlinearity": cell[4:]} if cell.startswith("rnn_") else {}
        self.rnn = kind(embedding_dim or V, H, L, bidirectional=bidirectional, **extra)
        self.head = nn.Linear(H * (2 if bidirectional else 1), C)

    def forward(self, ids, lengths):  # ids [S, B], lengths [B] -> logits [S, B, C]
        x = self.embed(ids) if self.embedding_dim else F.one_hot(ids, V).float()
        out, _ = self.rnn(pack_padded_sequence(x, lengths, enforce_sorted=False))
        out, _ = pad_packed_sequence(out, total_length=ids.shape[0])
        return self.head(out)


def make(name, cell, bidirectional, embedding_dim, seed):
    torch.manual_seed(seed)
    model = Tagger(cell, bidirectional, embedding_dim)
    lengths = torch.tensor(LENGTHS)
    ids = torch.randint(0, V, (S, B))
    tags = torch.randint(0, C, (S, B))
    for b, n in enumerate(LENGTHS):
        ids[n:, b] = 0
        tags[n:, b] = -1
    logits = model(ids, lengths)
    loss = F.cross_entropy(logits.reshape(-1, C), tags.reshape(-1), ignore_index=-1)
    loss.backward()
    tensors = {k: v.detach() for k, v in model.state_dict().items()}
    tensors["golden.inputs"] = ids.float()
    tensors["golden.lengths"] = lengths.float()
    tensors["golden.tags"] = tags.float()
    tensors["golden.logits"] = logits.detach()
    tensors["golden.loss"] = loss.detach().reshape(1)
    for k, p in model.named_parameters():
        tensors["grad." + k] = p.grad.detach()
    metadata = {"model": "tagger_golden", "cell": cell, "embedding_dim": str(embedding_dim), "hidden_size": str(H),
                "num_layers": str(L), "bidirectional": "true" if bidirectional else "false"}
    path = os.path.join(HERE, "tagger_%s.safetensors" % name)
    safetensors_io.write(path, tensors, metadata)
    return path, float(loss)


def main():
    torch.use_deterministic_algorithms(True)
    written = []
    for i, case in enumerate(CASES):
        path, loss = make(*case, seed=20261204 + i)
        written.append(path)
        print("%-44s loss=%.6f" % (os.path.basename(path), loss))
    return written


if __name__ == "__main__":
    main()
