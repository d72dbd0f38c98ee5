"""--log FILE.jsonl: one JSON line per step, as `rnn ... train --log` writes it (a resumed run appends)."""

import json
import math


class MetricsLog:
    def __init__(self, path):
        self.file = open(path, "a") if path else None

    def step(self, step, loss, grad_norm, lr, chars_per_s):
        if not self.file:
            return
        row = {"step": step, "loss": loss, "grad_norm": grad_norm, "lr": lr, "chars_per_s": chars_per_s}
        row = {k: (v if isinstance(v, int) or math.isfinite(v) else None) for k, v in row.items()}  # JSON has no NaN
        self.file.write(json.dumps(row, separators=(",", ":")) + "\n")
        self.file.flush()

    def close(self):
        if self.file:
            self.file.close()
