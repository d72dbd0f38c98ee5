"""The encoder-decoder with attention as an nn.Module whose state_dict is exactly a seq2seq checkpoint's
tensors (engine/seq2seq/seq2seq.hpp, engine/layers/attention.hpp):
  encoder   embedding -> L recurrent layers, optionally bidirectional (each sequence reversed within its
            length, as a packed sequence runs it); keys h(j) = [fwd; bwd], Hd = H or 2H
  bridge    the decoder's initial state of layer l: tanh(bridge([final fwd; final bwd]))[l]; c0 = 0
  decoder   at step t: context c(t) = attention(query s(t-1), keys h) over the real source positions,
            input [embed(y(t-1)); c(t)] -> L recurrent layers -> s(t); logits = out([s(t); c(t)])
Token ids: 0 PAD, 1 BOS, 2 EOS, then the vocabulary's characters from 3. Sources end with EOS.
"""

import json

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

PAD, BOS, EOS, FIRST_CHAR = 0, 1, 2, 3
CELLS = {"lstm": nn.LSTM, "gru": nn.GRU, "rnn_tanh": nn.RNN, "rnn_relu": nn.RNN}
ATTENTIONS = ("none", "bahdanau", "dot", "general", "concat")


def _rnn(cell, input_size, hidden, layers, bidirectional=False):
    if cell not in CELLS:
        raise ValueError("cell %r has no PyTorch twin (these do: %s)" % (cell, ", ".join(CELLS)))
    extra = {"nonlinearity": cell[4:]} if cell.startswith("rnn_") else {}
    return CELLS[cell](input_size, hidden, layers, bidirectional=bidirectional, **extra)


class Attention(nn.Module):
    """Scores e(j) of the keys h(j) [S, B, Hd] for the query q [B, H]; no biases, as the engine's."""

    def __init__(self, kind, query_size, key_size, attn_size):
        super().__init__()
        self.kind = kind
        if kind == "bahdanau":  # v . tanh(W q + U h)
            self.query = nn.Linear(query_size, attn_size, bias=False)
            self.key = nn.Linear(key_size, attn_size, bias=False)
            self.v = nn.Linear(attn_size, 1, bias=False)
        elif kind == "general":  # q . (W h)
            self.key = nn.Linear(key_size, query_size, bias=False)
        elif kind == "concat":  # v . tanh(W [q; h])
            self.proj = nn.Linear(query_size + key_size, attn_size, bias=False)
            self.v = nn.Linear(attn_size, 1, bias=False)

    def forward(self, q, keys, mask):
        """Context [B, Hd] and weights [B, S]; mask [S, B] is True at padding."""
        if self.kind == "bahdanau":
            e = self.v(torch.tanh(self.query(q).unsqueeze(0) + self.key(keys))).squeeze(2)
        elif self.kind == "general":
            e = (self.key(keys) * q.unsqueeze(0)).sum(2)
        elif self.kind == "concat":
            qs = q.unsqueeze(0).expand(keys.shape[0], -1, -1)
            e = self.v(torch.tanh(self.proj(torch.cat([qs, keys], 2)))).squeeze(2)
        else:  # dot
            e = (keys * q.unsqueeze(0)).sum(2)
        alpha = torch.softmax(e.masked_fill(mask, float("-inf")), dim=0)  # [S, B]
        return (alpha.unsqueeze(2) * keys).sum(0), alpha.t()


class Encoder(nn.Module):
    def __init__(self, cell, vocab, embed, hidden, layers, bidirectional):
        super().__init__()
        self.embed = nn.Embedding(vocab, embed)
        self.rnn = _rnn(cell, embed, hidden, layers, bidirectional)

    def forward(self, src, lengths):
        """src [S, B] -> keys [S, B, Hd] (zero at padding) and the summary [B, Hd] (final states, top layer)."""
        packed = pack_padded_sequence(self.embed(src), lengths.cpu(), enforce_sorted=False)
        out, state = self.rnn(packed)
        keys, _ = pad_packed_sequence(out, total_length=src.shape[0])
        h_n = state[0] if isinstance(state, tuple) else state  # [L * directions, B, H]
        directions = 2 if self.rnn.bidirectional else 1
        summary = torch.cat(list(h_n[-directions:]), dim=1)
        return keys, summary


class Decoder(nn.Module):
    def __init__(self, cell, vocab, embed, hidden, layers, key_size):
        super().__init__()
        self.embed = nn.Embedding(vocab, embed)
        self.rnn = _rnn(cell, embed + key_size, hidden, layers)


class Seq2Seq(nn.Module):
    def __init__(self, vocab, embed, hidden, layers, encoder_cell, decoder_cell, bidirectional, attention, attn_size):
        super().__init__()
        if attention not in ATTENTIONS:
            raise ValueError("unknown attention %r (ours: %s)" % (attention, ", ".join(ATTENTIONS)))
        key_size = 2 * hidden if bidirectional else hidden
        self.hidden, self.layers, self.vocab_size = hidden, layers, vocab
        self.decoder_is_lstm = decoder_cell == "lstm"
        self.encoder = Encoder(encoder_cell, vocab, embed, hidden, layers, bidirectional)
        self.bridge = nn.Linear(key_size, layers * hidden)
        self.decoder = Decoder(decoder_cell, vocab, embed, hidden, layers, key_size)
        if attention != "none":
            self.attn = Attention(attention, hidden, key_size, attn_size)
        self.out = nn.Linear(hidden + key_size, vocab)

    def forward(self, src, lengths, tgt_in, sampled=None):
        """Teacher-forced logits [T, B, V]. Where sampled [T, B] is True, step t's input is the model's own
        argmax at step t - 1 instead (scheduled sampling)."""
        keys, summary = self.encoder(src, lengths)
        mask = torch.arange(src.shape[0], device=src.device).unsqueeze(1) >= lengths.unsqueeze(0)  # [S, B]
        B = src.shape[1]
        h = torch.tanh(self.bridge(summary)).view(B, self.layers, self.hidden).transpose(0, 1).contiguous()
        state = (h, torch.zeros_like(h)) if self.decoder_is_lstm else h
        logits = []
        for t in range(tgt_in.shape[0]):
            inputs = tgt_in[t]
            if t > 0 and sampled is not None:
                inputs = torch.where(sampled[t], logits[-1].argmax(1), inputs)
            query = (state[0] if self.decoder_is_lstm else state)[-1]  # s(t-1), top layer
            context = self.attn(query, keys, mask)[0] if hasattr(self, "attn") else summary
            x = torch.cat([self.decoder.embed(inputs), context], 1).unsqueeze(0)
            top, state = self.decoder.rnn(x, state)
            logits.append(self.out(torch.cat([top[0], context], 1)))
        return torch.stack(logits)

    def metadata(self, meta):
        """The file's model metadata, unchanged (the shape cannot change while training)."""
        keys = ("model", "vocab", "encoder_cell", "decoder_cell", "embedding_dim", "hidden_size", "num_layers",
                "bidirectional", "attention", "attention_size")
        return {k: meta[k] for k in keys if k in meta}


def from_checkpoint(ckpt):
    """(model, vocab) from a seq2seq checkpoint; weights loaded with strict=True."""
    meta, path = ckpt.meta, ckpt.path
    if meta.get("model") != "seq2seq":
        raise ValueError("%s: metadata model=%r, expected 'seq2seq'" % (path, meta.get("model")))
    try:
        vocab = json.loads(meta["vocab"])
        model = Seq2Seq(len(vocab) + FIRST_CHAR, int(meta["embedding_dim"]), int(meta["hidden_size"]),
                        int(meta["num_layers"]), meta["encoder_cell"], meta["decoder_cell"],
                        meta["bidirectional"] == "true", meta["attention"], int(meta.get("attention_size", "1")))
    except KeyError as e:
        raise ValueError("%s: metadata has no %s" % (path, e))
    model.load_state_dict(ckpt.params(), strict=True)
    return model, vocab


def loss(logits, tgt_out, count):
    """Cross-entropy summed over the real target tokens (padding ignored), divided by `count`: the batch's
    count of real tokens gives the engine's mean."""
    return F.cross_entropy(logits.reshape(-1, logits.shape[2]), tgt_out.reshape(-1), ignore_index=PAD,
                           reduction="sum") / count
