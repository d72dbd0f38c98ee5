"""The char LM's training data, cut exactly as the engine cuts it (engine/lm/text_stream.cpp and hold_out in
engine/lm/commands.cpp).

A text of N ids feeds B parallel streams: stream b reads from b * S, S = (N - 1) // B. Window w of a pass
covers offsets [w T, w T + T) of every stream, so the state a stream ends one window with is the right
initial state for its next window. When the next window would leave the stream a new pass starts at
window 0 (and the trainer zeroes the carried state).
"""

import torch


def read_text(path):
    """The file as the engine reads it: UTF-8, one id per code point, "\\r\\n" kept as two characters."""
    with open(path, "r", encoding="utf-8", newline="") as f:
        return f.read()


def encode(text, vocab):
    index = {c: i for i, c in enumerate(vocab)}
    unknown = sorted(set(text) - set(index))
    if unknown:
        raise ValueError("the text has %d character(s) not in the model's vocabulary, e.g. %r"
                         % (len(unknown), "".join(unknown[:10])))
    return torch.tensor([index[c] for c in text], dtype=torch.long)


def hold_out(ids, fraction):
    """(training ids, held-out ids): the text's last `fraction` is kept out of training, at least 2 ids when
    used, and only when more than 2 ids are left to train on (the command line's --holdout, default 0.05)."""
    n = len(ids)
    held = max(2, int(float(n) * fraction)) if fraction > 0 else 0
    if held > 0 and held + 2 < n:
        return ids[:n - held], ids[n - held:]
    return ids, ids[:0]


class TextStreams:
    def __init__(self, ids, batch, steps):
        if batch < 1 or steps < 1:
            raise ValueError("batch and sequence length must be at least 1")
        n = len(ids)
        stride = (n - 1) // batch
        if n < 2 or stride < steps:
            raise ValueError("text too short: %d characters cannot fill %d streams of %d steps; it needs at least %d"
                             % (n, batch, steps, batch * steps + 1))
        self.batch, self.steps = batch, steps
        self.windows_per_pass = stride // steps
        self.position = 0  # windows served so far in this pass (the file's train_window)
        # starts[b] + t for every stream b: a window is one gather at an offset.
        starts = torch.arange(batch) * stride
        self._index = torch.arange(steps).unsqueeze(1) + starts.unsqueeze(0)  # [T, B]
        self._ids = ids

    def next(self):
        """(inputs [T, B], targets [T, B], new_pass): the next window of every stream."""
        if self.position >= self.windows_per_pass:
            self.position = 0
        new_pass = self.position == 0
        at = self._index + self.position * self.steps
        self.position += 1
        return self._ids[at], self._ids[at + 1], new_pass
