"""The char LM as an nn.Module whose state_dict is exactly a char_lm checkpoint's tensors:
embed (optional) -> rnn (time-major, [T, B, ...]) -> head, names as README "Checkpoints" lists them.
Loss: mean cross-entropy over the T * B predictions of a window, as the engine's.
"""

import json

import torch
import torch.nn as nn
import torch.nn.functional as F


# Our cells that have a PyTorch twin (lstm_peephole and lstm_coupled have none).
CELLS = ("rnn_tanh", "rnn_relu", "lstm", "gru")
CHUNK = 4096  # characters per forward call when evaluating a long text (state carried: exact)


class CharLM(nn.Module):
    def __init__(self, cell, vocab_size, hidden, layers, embedding_dim, bias=True):
        super().__init__()
        if cell not in CELLS:
            raise ValueError("cell %r has no PyTorch twin (these do: %s)" % (cell, ", ".join(CELLS)))
        self.cell, self.vocab_size, self.hidden, self.layers, self.embedding_dim, self.bias = (
            cell, vocab_size, hidden, layers, embedding_dim, bias)
        if embedding_dim > 0:
            self.embed = nn.Embedding(vocab_size, embedding_dim)
        in_size = embedding_dim if embedding_dim > 0 else vocab_size
        if cell == "lstm":
            self.rnn = nn.LSTM(in_size, hidden, layers, bias=bias)
        elif cell == "gru":
            self.rnn = nn.GRU(in_size, hidden, layers, bias=bias)
        else:
            self.rnn = nn.RNN(in_size, hidden, layers, nonlinearity=cell[4:], bias=bias)
        self.head = nn.Linear(hidden, vocab_size)

    def zero_state(self, batch):
        h = torch.zeros(self.layers, batch, self.hidden)
        return (h, torch.zeros_like(h)) if self.cell == "lstm" else h

    def forward(self, ids, state):
        """ids [T, B] -> logits [T, B, V] and the state after the last step."""
        x = self.embed(ids) if self.embedding_dim > 0 else F.one_hot(ids, self.vocab_size).float()
        out, state = self.rnn(x, state)
        return self.head(out), state

    def metadata(self, vocab):
        """The file's model metadata (what export_char_lm writes)."""
        meta = {"model": "char_lm", "cell": self.cell, "hidden_size": str(self.hidden),
                "num_layers": str(self.layers), "embedding_dim": str(self.embedding_dim),
                "vocab": json.dumps(vocab, ensure_ascii=False, separators=(",", ":"))}
        if not self.bias:
            meta["bias"] = "false"
        return meta


def _int(meta, key, path):
    if key not in meta:
        raise ValueError("%s: metadata has no %r" % (path, key))
    try:
        return int(meta[key])
    except ValueError:
        raise ValueError("%s: metadata %r is not an integer: %r" % (path, key, meta[key]))


def vocab_of(meta, path):
    if "vocab" not in meta:
        raise ValueError("%s: metadata has no 'vocab'" % path)
    vocab = json.loads(meta["vocab"])
    if not isinstance(vocab, list) or not all(isinstance(c, str) and len(c) == 1 for c in vocab):
        raise ValueError("%s: vocab must be a JSON array of single characters" % path)
    if len(set(vocab)) != len(vocab):
        raise ValueError("%s: vocab has duplicate characters" % path)
    return vocab


def from_checkpoint(ckpt):
    """(model, vocab) from a checkpoint.read() result; the weights loaded with strict=True, so a missing,
    extra or misshapen tensor is refused by name."""
    meta, path = ckpt.meta, ckpt.path
    if meta.get("model") != "char_lm":
        raise ValueError("%s: metadata model=%r, expected 'char_lm'" % (path, meta.get("model")))
    vocab = vocab_of(meta, path)
    if meta.get("norm", "none") != "none":
        raise ValueError("%s: a layer-normalised model (norm=%s) has no nn.LSTM/GRU/RNN twin" % (path, meta["norm"]))
    model = CharLM(meta.get("cell"), len(vocab), _int(meta, "hidden_size", path), _int(meta, "num_layers", path),
                   _int(meta, "embedding_dim", path), bias=meta.get("bias", "true") != "false")
    model.load_state_dict(ckpt.params(), strict=True)
    return model, vocab


@torch.no_grad()
def evaluate(model, ids):
    """Mean nats per predicted character of `ids` [N] run as one stream from a zero state (`rnn lm eval`)."""
    if len(ids) < 2:
        raise ValueError("evaluation text needs at least 2 characters")
    state = model.zero_state(1)
    total, count = 0.0, len(ids) - 1
    for begin in range(0, count, CHUNK):
        end = min(begin + CHUNK, count)
        logits, state = model(ids[begin:end].unsqueeze(1), state)
        total += float(F.cross_entropy(logits.squeeze(1).double(), ids[begin + 1:end + 1], reduction="sum"))
    return total / count
