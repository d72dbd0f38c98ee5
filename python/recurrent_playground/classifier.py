"""The sequence classifier as an nn.Module whose state_dict is exactly a classifier checkpoint's tensors
(engine/classify/classifier.hpp): characters -> embed (or one-hot when embedding_dim is 0) -> rnn, L layers,
optionally bidirectional (each text reversed within its length, as a packed sequence runs it) -> pooling over
the real steps (last: the forward half at the last character, the backward half at the first, as h_n; max;
mean) -> head -> one label per text. Loss: mean cross-entropy over the batch's texts, as the engine's.
"""

import json

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

from recurrent_playground.seq2seq import CELLS, _rnn

POOLINGS = ("last", "max", "mean")
META_KEYS = ("model", "vocab", "labels", "cell", "embedding_dim", "hidden_size", "num_layers", "bidirectional",
             "pooling")


class Classifier(nn.Module):
    def __init__(self, cell, vocab, classes, embed, hidden, layers, bidirectional, pooling):
        super().__init__()
        if pooling not in POOLINGS:
            raise ValueError("unknown pooling %r (ours: %s)" % (pooling, ", ".join(POOLINGS)))
        self.vocab_size, self.pooling = vocab, pooling
        if embed > 0:
            self.embed = nn.Embedding(vocab, embed)
        self.rnn = _rnn(cell, embed if embed > 0 else vocab, hidden, layers, bidirectional)
        self.head = nn.Linear(2 * hidden if bidirectional else hidden, classes)

    def forward(self, ids, lengths):
        """ids [S, B] (any valid id past a text's length), lengths [B] -> logits [B, C]."""
        x = self.embed(ids) if hasattr(self, "embed") else F.one_hot(ids, self.vocab_size).float()
        out, state = self.rnn(pack_padded_sequence(x, lengths.cpu(), enforce_sorted=False))
        if self.pooling == "last":
            h_n = state[0] if isinstance(state, tuple) else state  # [L * directions, B, H]
            directions = 2 if self.rnn.bidirectional else 1
            pooled = torch.cat(list(h_n[-directions:]), dim=1)
        else:
            out, _ = pad_packed_sequence(out, total_length=ids.shape[0])  # [S, B, D], zero past each length
            if self.pooling == "max":
                real = torch.arange(ids.shape[0], device=ids.device).unsqueeze(1) < lengths.to(ids.device).unsqueeze(0)
                pooled = out.masked_fill(~real.unsqueeze(2), float("-inf")).max(0)[0]
            else:
                pooled = out.sum(0) / lengths.to(out.device, out.dtype).unsqueeze(1)
        return self.head(pooled)

    def metadata(self, meta):
        """The file's model metadata, unchanged (the shape cannot change while training)."""
        return {k: meta[k] for k in META_KEYS if k in meta}


def from_checkpoint(ckpt):
    """(model, vocab, labels) from a classifier checkpoint; weights loaded with strict=True."""
    meta, path = ckpt.meta, ckpt.path
    if meta.get("model") != "classifier":
        raise ValueError("%s: metadata model=%r, expected 'classifier'" % (path, meta.get("model")))
    if meta.get("cell") not in CELLS:
        raise ValueError("%s: cell %r has no PyTorch twin (these do: %s)" % (path, meta.get("cell"), ", ".join(CELLS)))
    try:
        vocab, labels = json.loads(meta["vocab"]), json.loads(meta["labels"])
        model = Classifier(meta["cell"], len(vocab), len(labels), int(meta["embedding_dim"]), int(meta["hidden_size"]),
                           int(meta["num_layers"]), meta["bidirectional"] == "true", meta["pooling"])
    except KeyError as e:
        raise ValueError("%s: metadata has no %s" % (path, e))
    model.load_state_dict(ckpt.params(), strict=True)
    return model, vocab, labels


def loss(logits, labels, count):
    """Cross-entropy summed over the rows, divided by `count`: the batch's size gives the engine's mean."""
    return F.cross_entropy(logits, labels, reduction="sum") / count
