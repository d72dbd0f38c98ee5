#!/usr/bin/python3
"""Loads a classifier written by `rnn classify train --save` (or the page) into the documented PyTorch module
with strict=True and prints what `rnn classify predict` prints: the label, then each class's probability.

    /usr/bin/python3 tests/golden/classify_interop.py MODEL.safetensors "the film is not good"
"""

import json
import os
import sys

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import classify_golden  # noqa: E402
from recurrent_playground import safetensors_io  # noqa: E402


def main(path, text):
    tensors, meta = safetensors_io.read(path)
    vocab, labels = json.loads(meta["vocab"]), json.loads(meta["labels"])
    classify_golden.V, classify_golden.C = len(vocab), len(labels)
    classify_golden.H, classify_golden.L = int(meta["hidden_size"]), int(meta["num_layers"])
    model = classify_golden.Classifier(meta["cell"], meta["bidirectional"] == "true", meta["pooling"],
                                       int(meta["embedding_dim"]))
    state = {k: torch.tensor(v) for k, v in tensors.items() if not k.startswith(("optim.", "train."))}
    model.load_state_dict(state, strict=True)
    ids = torch.tensor([[vocab.index(c)] for c in text])
    with torch.no_grad():
        probs = torch.softmax(model(ids, torch.tensor([len(text)])), 1)[0]
    print(labels[int(probs.argmax())])
    for label, p in zip(labels, probs.tolist()):
        print("%s %.6f" % (label, p))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
