#!/usr/bin/python3
"""PyTorch side of the char-RNN training benchmark (single thread, CPU).

One step is what a char-RNN trainer does for one window of truncated BPTT:
  one-hot (or embed) the input ids [T,B] -> forward from the carried hidden state (detached from
  the previous window) -> head logits -> mean cross-entropy over T*B -> backward ->
  clip_grad_norm_(5) -> Adam(lr=2e-3) step -> zero_grad.
Reports characters per second = B*T*steps / seconds, timed over `steps` steps after `warmup`.

  /usr/bin/python3 bench/torch_bench.py --cell lstm --hidden 128 --layers 1 --json
"""

import os

# Must be set before torch (and the BLAS it loads) is imported.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import ctypes  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

import torch  # noqa: E402
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402


def parse_args():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cell", choices=["lstm", "gru", "rnn_tanh", "rnn_relu"], default="lstm")
    ap.add_argument("--hidden", type=int, default=128)
    ap.add_argument("--layers", type=int, default=1)
    ap.add_argument("--seq", type=int, default=64)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--vocab", type=int, default=65)
    ap.add_argument("--embed", type=int, default=0, help="embedding dim; 0 = one-hot input")
    ap.add_argument("--steps", type=int, default=30)
    ap.add_argument("--warmup", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--json", action="store_true", help="print one JSON line")
    return ap.parse_args()


class CharLM(nn.Module):
    def __init__(self, cell, vocab, hidden, layers, embed):
        super().__init__()
        self.vocab = vocab
        self.embed = nn.Embedding(vocab, embed) if embed > 0 else None
        in_size = embed if embed > 0 else vocab
        if cell == "lstm":
            self.rnn = nn.LSTM(in_size, hidden, layers)
        elif cell == "gru":
            self.rnn = nn.GRU(in_size, hidden, layers)
        else:
            self.rnn = nn.RNN(in_size, hidden, layers, nonlinearity=cell[4:])
        self.head = nn.Linear(hidden, vocab)

    def forward(self, ids, state):
        x = self.embed(ids) if self.embed is not None else F.one_hot(ids, self.vocab).float()
        out, state = self.rnn(x, state)
        return self.head(out), state


def detect_blas():
    """Which BLAS library is really mapped into this process (call after a matmul has run)."""
    a = torch.randn(96, 96)
    (a @ a).sum().item()  # make sure the GEMM path (and lazily loaded libs) has been exercised
    paths = set()
    try:
        with open("/proc/self/maps") as f:
            for line in f:
                parts = line.split()
                if len(parts) >= 6 and parts[5].startswith("/"):
                    paths.add(parts[5])
    except OSError:
        return "unknown", {}
    blas_like = sorted(p for p in paths if any(s in os.path.basename(p) for s in ("blas", "lapack", "mkl", "blis")))
    detail = {"mapped": blas_like}
    openblas = [p for p in blas_like if "openblas" in os.path.basename(p)]
    if openblas:
        kind = "openblas"
        # Ask the already-loaded library for its build config and thread count.
        try:
            lib = ctypes.CDLL(openblas[0], mode=os.RTLD_NOLOAD | os.RTLD_LAZY)
            lib.openblas_get_config.restype = ctypes.c_char_p
            detail["config"] = lib.openblas_get_config().decode()
            detail["threads"] = int(lib.openblas_get_num_threads())
        except (OSError, AttributeError):
            pass
    elif any(os.path.basename(p).startswith("libblas.so") for p in blas_like):
        kind = "reference"
    else:
        kind = "unknown"
    return kind, detail


def main():
    args = parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(args.seed)
    T, B, V = args.seq, args.batch, args.vocab

    model = CharLM(args.cell, V, args.hidden, args.layers, args.embed)
    opt = torch.optim.Adam(model.parameters(), lr=2e-3)
    params = list(model.parameters())

    # The "corpus": a random id stream per batch lane; each step consumes the next window.
    total_steps = args.warmup + args.steps
    stream = torch.randint(0, V, (total_steps * T + 1, B))

    def zero_state():
        h = torch.zeros(args.layers, B, args.hidden)
        return (h, torch.zeros_like(h)) if args.cell == "lstm" else h

    state = zero_state()

    def step(i, state):
        window = stream[i * T:(i + 1) * T + 1]
        inputs, targets = window[:-1], window[1:]
        # truncated BPTT: carry the values, cut the graph
        state = tuple(s.detach() for s in state) if isinstance(state, tuple) else state.detach()
        logits, state = model(inputs, state)
        loss = F.cross_entropy(logits.reshape(T * B, V), targets.reshape(T * B))
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 5.0)
        opt.step()
        opt.zero_grad(set_to_none=True)
        return state, loss

    for i in range(args.warmup):
        state, loss = step(i, state)
    t0 = time.perf_counter()
    for i in range(args.warmup, total_steps):
        state, loss = step(i, state)
    final_loss = float(loss)  # forces nothing extra on CPU, but keeps the work observable
    seconds = time.perf_counter() - t0
    cps = B * T * args.steps / seconds

    blas, detail = detect_blas()
    if blas != "openblas":
        print("warning: PyTorch is not using OpenBLAS (detected: %s; mapped: %s)"
              % (blas, ", ".join(detail.get("mapped", [])) or "none"), file=sys.stderr)
    elif detail.get("threads", 1) != 1:
        print("warning: OpenBLAS reports %d threads, expected 1" % detail["threads"], file=sys.stderr)

    if args.json:
        print(json.dumps({
            "impl": "pytorch", "cell": args.cell, "hidden": args.hidden, "layers": args.layers,
            "seq": T, "batch": B, "vocab": V, "embed": args.embed, "steps": args.steps,
            "seconds": round(seconds, 4), "chars_per_sec": round(cps, 1), "blas": blas,
            "blas_config": detail.get("config", ""), "torch": torch.__version__, "threads": torch.get_num_threads(), "loss": round(final_loss, 4),
        }))
    else:
        print("pytorch %s %s: cell=%s H=%d L=%d T=%d B=%d V=%d E=%d steps=%d  %.3fs  %.0f chars/s  (blas: %s%s)"
              % (torch.__version__, "1 thread" if torch.get_num_threads() == 1 else "%d threads" % torch.get_num_threads(),
                 args.cell, args.hidden, args.layers, T, B, V, args.embed, args.steps, seconds, cps, blas,
                 (", " + detail["config"]) if "config" in detail else ""))


if __name__ == "__main__":
    main()
