"""The walk through a run's training examples (engine/train/example_order.hpp), shared by the families that
learn from separate examples: an epoch's shuffled order and the next position in it; a new epoch reshuffles
with the run's own generator. A --save-state file holds it as train_order, train_cursor and train_rng (4 words
of each generator's state: the shuffling's first, then the family's own, such as seq2seq's scheduled sampling)."""

import json

from recurrent_playground.rng import Rng


class ExampleOrder:
    def __init__(self, ckpt, count, generators, hint):
        """count: the training examples; generators: how many states train_rng holds; hint: how to write the
        file (for the message when it has no position)."""
        self.order = ckpt.json("train_order", hint)
        self.cursor = ckpt.integer("train_cursor")
        words = ckpt.json("train_rng", hint)
        if sorted(self.order) != list(range(count)) or not 0 <= self.cursor <= count or len(words) != 4 * generators:
            raise ValueError("the file's data position does not fit these examples (was it trained on other data?)")
        self.generators = [Rng(state=words[4 * g:4 * g + 4]) for g in range(generators)]

    def take(self, batch):
        rows = []
        for _ in range(batch):
            if self.cursor >= len(self.order):
                for i in range(len(self.order) - 1, 0, -1):
                    j = self.generators[0].next_u64() % (i + 1)
                    self.order[i], self.order[j] = self.order[j], self.order[i]
                self.cursor = 0
            rows.append(self.order[self.cursor])
            self.cursor += 1
        return rows

    def metadata(self):
        return {"train_order": json.dumps(self.order, separators=(",", ":")), "train_cursor": str(self.cursor),
                "train_rng": json.dumps([str(w) for g in self.generators for w in g.s], separators=(",", ":"))}
