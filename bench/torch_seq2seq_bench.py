#!/usr/bin/python3
"""PyTorch side of the seq2seq training benchmark (single thread, CPU).

The model is built to match the engine's (engine/seq2seq.hpp, engine/attention.hpp):
  encoder  nn.Embedding(V, E) -> bidirectional nn.LSTM(E, H): h(j) = [fwd; bwd], Hd = 2H;
           summary = [fwd state after the last source position; bwd state after the first] (h_n)
  bridge   s0 = tanh(Linear(Hd, H)(summary)) is the decoder's initial h; c0 = 0
  attention (Bahdanau, no biases) at decoder step t with query s(t-1):
           e(j) = v . tanh(W_q s(t-1) + W_k h(j)); a = softmax_j(e); c(t) = sum_j a(j) h(j)
           (W_k h is computed once per batch)
  decoder  nn.Embedding(V, E); nn.LSTMCell(E + Hd, H) stepped over [embed(y(t-1)); c(t)] (teacher forcing);
           logits = Linear(H + Hd, V)([s(t); c(t)])
One step: forward -> mean cross-entropy over the T*B target tokens -> backward -> clip_grad_norm_(5)
-> Adam(lr=3e-3) step -> zero_grad.

Standard workload: V=40 (0 PAD, 1 BOS, 2 EOS, 3..39 characters), B=32, S=T=20 for every example, no padding:
sources are 19 random characters + EOS; targets 19 random characters + EOS (decoder input BOS + first 19),
E=64, H=128, A=128. Reports target characters per second = B*T*steps / seconds, timed over `steps` steps
after `warmup`.

  /usr/bin/python3 bench/torch_seq2seq_bench.py --json
  /usr/bin/python3 bench/torch_seq2seq_bench.py --check   # learns the reversal task (padded, masked)
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
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from torch_bench import detect_blas  # noqa: E402  (the same BLAS check as the char-LM bench)

PAD, BOS, EOS, FIRST_CHAR = 0, 1, 2, 3


def parse_args():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--hidden", type=int, default=128, help="H (encoder per direction and decoder)")
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--steps", type=int, default=20)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--json", action="store_true", help="print one JSON line")
    ap.add_argument("--check", action="store_true",
                    help="instead of timing: train 300 steps on the reversal task and print the loss at start and end")
    return ap.parse_args()


class Seq2Seq(nn.Module):
    def __init__(self, vocab, embed, hidden, attn):
        super().__init__()
        hd = 2 * hidden
        self.enc_embed = nn.Embedding(vocab, embed)
        self.enc_rnn = nn.LSTM(embed, hidden, 1, bidirectional=True)
        self.bridge = nn.Linear(hd, hidden)
        self.attn_query = nn.Linear(hidden, attn, bias=False)
        self.attn_key = nn.Linear(hd, attn, bias=False)
        self.attn_v = nn.Linear(attn, 1, bias=False)
        self.dec_embed = nn.Embedding(vocab, embed)
        self.dec_cell = nn.LSTMCell(embed + hd, hidden)
        self.out = nn.Linear(hidden + hd, vocab)

    def forward(self, src, tgt_in, src_len=None):
        """src [S, B], tgt_in [T, B] (time-major), src_len [B] (None: every source is S long). -> logits [T, B, V]"""
        S, B = src.shape
        x = self.enc_embed(src)
        if src_len is None:
            hs, (h_n, _) = self.enc_rnn(x)
            mask = None
        else:
            # Packing makes each direction see only the real positions, like the engine: the backward direction
            # starts at position len-1 and h_n holds fwd after len-1, bwd after 0.
            packed = pack_padded_sequence(x, src_len, enforce_sorted=False)
            out, (h_n, _) = self.enc_rnn(packed)
            hs, _ = pad_packed_sequence(out, total_length=S)
            mask = torch.arange(S).unsqueeze(0) >= src_len.unsqueeze(1)  # [B, S] padding
        summary = torch.cat([h_n[0], h_n[1]], dim=-1)  # [B, Hd]
        s = torch.tanh(self.bridge(summary))
        c = torch.zeros_like(s)

        hs_b = hs.transpose(0, 1)          # [B, S, Hd]
        keys = self.attn_key(hs_b)         # [B, S, A], once per batch
        emb = self.dec_embed(tgt_in)       # [T, B, E]
        outs = []
        for t in range(tgt_in.shape[0]):
            e = self.attn_v(torch.tanh(keys + self.attn_query(s).unsqueeze(1))).squeeze(-1)  # [B, S]
            if mask is not None:
                e = e.masked_fill(mask, float("-inf"))
            a = torch.softmax(e, dim=1)
            ctx = torch.bmm(a.unsqueeze(1), hs_b).squeeze(1)  # [B, Hd]
            s, c = self.dec_cell(torch.cat([emb[t], ctx], dim=-1), (s, c))
            outs.append(torch.cat([s, ctx], dim=-1))
        return self.out(torch.stack(outs))  # [T, B, V]


def make_train_step(model, lr=3e-3):
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    params = list(model.parameters())

    def step(src, tgt_in, tgt_out, src_len=None, ignore_pad=False):
        logits = model(src, tgt_in, src_len)
        V = logits.shape[-1]
        loss = F.cross_entropy(logits.reshape(-1, V), tgt_out.reshape(-1),
                               ignore_index=PAD if ignore_pad else -100)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 5.0)
        opt.step()
        opt.zero_grad(set_to_none=True)
        return loss

    return step


def fixed_length_batch(gen, S, T, B, V):
    """The benchmark's batch: S-1 / T-1 random characters + EOS, no padding."""
    src = torch.randint(FIRST_CHAR, V, (S, B), generator=gen)
    src[S - 1] = EOS
    tgt_out = torch.randint(FIRST_CHAR, V, (T, B), generator=gen)
    tgt_out[T - 1] = EOS
    tgt_in = torch.cat([torch.full((1, B), BOS, dtype=torch.long), tgt_out[:-1]])
    return src, tgt_in, tgt_out


def reversal_batch(gen, B, min_len=5, max_len=10, letters=10):
    """Reversal task: sources of n random letters (n in [min_len, max_len]) + EOS; targets reversed + EOS.
    Padded with PAD to S = T = max_len + 1; returns per-example lengths (n + 1)."""
    S = max_len + 1
    n = torch.randint(min_len, max_len + 1, (B,), generator=gen)
    src = torch.full((S, B), PAD, dtype=torch.long)
    tgt_in = torch.full((S, B), PAD, dtype=torch.long)
    tgt_out = torch.full((S, B), PAD, dtype=torch.long)
    for b in range(B):
        k = int(n[b])
        chars = torch.randint(FIRST_CHAR, FIRST_CHAR + letters, (k,), generator=gen)
        rev = chars.flip(0)
        src[:k, b] = chars
        src[k, b] = EOS
        tgt_out[:k, b] = rev
        tgt_out[k, b] = EOS
        tgt_in[0, b] = BOS
        tgt_in[1:k + 1, b] = rev
    return src, tgt_in, tgt_out, n + 1


def run_check(args, V, E, A):
    gen = torch.Generator().manual_seed(args.seed + 1)
    model = Seq2Seq(V, E, args.hidden, A)
    step = make_train_step(model)
    steps = 300
    losses = []
    t0 = time.perf_counter()
    for i in range(steps):
        src, tgt_in, tgt_out, lens = reversal_batch(gen, args.batch)
        losses.append(float(step(src, tgt_in, tgt_out, lens, ignore_pad=True)))
        if not args.json and (i == 0 or (i + 1) % 50 == 0):
            print("step %4d  loss %.4f" % (i + 1, losses[-1]))
    seconds = time.perf_counter() - t0

    # Held-out teacher-forced token accuracy over the real (non-PAD) target tokens.
    model.eval()
    with torch.no_grad():
        src, tgt_in, tgt_out, lens = reversal_batch(gen, 256)
        logits = model(src, tgt_in, lens)
        real = tgt_out != PAD
        eval_loss = float(F.cross_entropy(logits.reshape(-1, V), tgt_out.reshape(-1), ignore_index=PAD))
        acc = float(((logits.argmax(-1) == tgt_out) & real).sum()) / float(real.sum())

    start, end = losses[0], sum(losses[-10:]) / 10
    ok = end < 0.25 * start
    if args.json:
        print(json.dumps({"impl": "pytorch", "workload": "seq2seq reversal check", "steps": steps,
                          "loss_start": round(start, 4), "loss_end": round(end, 4), "loss_last": round(losses[-1], 4),
                          "eval_loss": round(eval_loss, 4), "eval_token_acc": round(acc, 4),
                          "seconds": round(seconds, 3), "ok": ok}))
    else:
        print("reversal check: loss %.4f at step 1 -> %.4f (mean of last 10 steps; last %.4f); held-out "
              "teacher-forced loss %.4f, token accuracy %.1f%%  [%s]"
              % (start, end, losses[-1], eval_loss, 100 * acc, "ok" if ok else "NOT LEARNING"))
    return 0 if ok else 1


def main():
    args = parse_args()
    torch.set_num_threads(1)
    try:
        torch.set_num_interop_threads(1)
    except RuntimeError:
        pass
    torch.manual_seed(args.seed)
    V, E, A = 40, 64, 128
    S = T = 20
    B = args.batch

    if args.check:
        return run_check(args, 13, E, A)  # reversal: 3 specials + 10 letters

    model = Seq2Seq(V, E, args.hidden, A)
    step = make_train_step(model)
    gen = torch.Generator().manual_seed(args.seed)
    total = args.warmup + args.steps
    batches = [fixed_length_batch(gen, S, T, B, V) for _ in range(total)]

    for i in range(args.warmup):
        loss = step(*batches[i])
    t0 = time.perf_counter()
    for i in range(args.warmup, total):
        loss = step(*batches[i])
    final_loss = float(loss)
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
            "impl": "pytorch", "workload": "seq2seq bilstm-bahdanau", "chars_per_sec": round(cps, 1),
            "seconds": round(seconds, 4), "torch": torch.__version__, "threads": torch.get_num_threads(),
            "blas": blas, "blas_config": detail.get("config", ""), "hidden": args.hidden, "batch": B,
            "src_len": S, "tgt_len": T, "vocab": V, "embed": E, "attn": A, "steps": args.steps,
            "warmup": args.warmup, "loss": round(final_loss, 4),
        }))
    else:
        print("pytorch %s %s: seq2seq bilstm-bahdanau V=%d E=%d H=%d A=%d S=%d T=%d B=%d steps=%d  %.3fs  "
              "%.0f target chars/s  (blas: %s%s)"
              % (torch.__version__, "1 thread" if torch.get_num_threads() == 1 else "%d threads" % torch.get_num_threads(),
                 V, E, args.hidden, A, S, T, B, args.steps, seconds, cps, blas,
                 (", " + detail["config"]) if "config" in detail else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
