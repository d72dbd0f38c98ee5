"""Prints the benchmark table from the JSON lines that scripts/bench.sh collected, with the ratios the issues
name: native engine / PyTorch (one thread), browser engine / TensorFlow.js, browser engine / native engine."""
import json
import sys

rows = []
for line in open(sys.argv[1], encoding="utf-8"):
    line = line.strip()
    if line.startswith("{"):
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError:
            pass


def key(r):
    if "workload" in r:
        return r["workload"]
    layers = r.get("layers", 1)
    name = "W1 lstm L=1" if r.get("cell") == "lstm" and layers == 1 else f"{r.get('cell')} L={layers}"
    return name if r.get("cell") != "lstm" or layers == 1 else f"lstm L={layers}"


table = {}
for r in rows:
    if "chars_per_sec" in r:
        table.setdefault(key(r), {})[r.get("impl", "?")] = r["chars_per_sec"]

# tfjs-wasm-textbook: TF.js written the standard way (one projection, stock transposed-product gradients);
# tfjs-wasm: the same model rearranged around TF.js's slow paths (see bench/browser/tfjs_worker.js).
impls = ["native", "pytorch", "wasm-browser", "tfjs-wasm-textbook", "tfjs-wasm"]
heads = ["native", "pytorch", "browser", "tfjs std", "tfjs tuned"]
print(f"{'workload':26}" + "".join(f"{h:>11}" for h in heads) +
      f"{'nat/torch':>10}{'br/std':>8}{'br/tuned':>9}{'nat/br':>8}")
for name, v in table.items():
    cells = "".join(f"{v[i]:>11,.0f}" if i in v else f"{'-':>11}" for i in impls)
    ratio = lambda a, b: f"{v[a] / v[b]:.2f}x" if a in v and b in v and v[b] else "-"
    print(f"{name:26}{cells}{ratio('native', 'pytorch'):>10}{ratio('wasm-browser', 'tfjs-wasm-textbook'):>8}"
          f"{ratio('wasm-browser', 'tfjs-wasm'):>9}{ratio('native', 'wasm-browser'):>8}")
print("(characters per second, one thread each: W1 and its neighbours count input characters, seq2seq target characters)")
for r in rows:
    if "blas" in r and r.get("impl") == "pytorch":
        print(f"PyTorch BLAS: {r['blas']}")
        break
for r in rows:
    if r.get("metric") == "page_gzip_bytes" and "gzip_bytes" in r:
        print(f"page download: {r['gzip_bytes'] / 1024:.1f} KiB gzipped (gzip -9 per file; {r['bytes'] / 1024:.1f} KiB raw)"
              f" in {r.get('requests', '?')} requests")
    elif r.get("metric") == "time_to_first_sample_ms" and "ms" in r:
        print(f"opening the page to the first sample after pressing play: {r['ms'] / 1000:.2f} s")
    elif r.get("metric"):
        print(f"{r['metric']}: {r.get('error') or r.get('skipped') or r}")
