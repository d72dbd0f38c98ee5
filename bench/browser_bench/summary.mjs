// The human-readable summary the benchmark prints after its JSON lines (unless --json-only).
import { WORKLOAD } from './workers.mjs';

export function summary(opts, results, load) {
  const fmt = (x) => (typeof x === 'number' ? Math.round(x).toLocaleString('en-US') : 'n/a').padStart(9);
  const e = results.engine, t = results.tfjs, tb = results.tfjsTextbook;
  const lines = [''];
  if (!opts.pageOnly) {
    lines.push(`${WORKLOAD} (one-hot V=65, H=128, T=64, B=32, Adam 2e-3, clip 5), headless Chromium, ` +
      'each in a dedicated worker on one thread:');
    lines.push(`  our engine, WASM SIMD               ${fmt(e?.chars_per_sec)} chars/s` +
      (e ? `  (${e.steps} steps in ${e.seconds.toFixed(2)} s; best chunk ${fmt(e.best_chunk_chars_per_sec).trim()})`
        : `  error: ${results.engineError}`));
    lines.push(`  TF.js ${t?.tfjs_version || ''} wasm SIMD, best form   ${fmt(t?.chars_per_sec)} chars/s` +
      (t ? `  (${t.steps} steps in ${t.seconds.toFixed(2)} s; best chunk ${fmt(t.best_chunk_chars_per_sec).trim()}; ` +
        `learns: loss ${t.first_loss.toFixed(3)} -> ` +
        `${t.last_loss.toFixed(3)} in ${t.learn_steps} steps on a repeated sentence)` : `  error: ${results.tfjsError}`));
    if (!opts.noTfjsTextbook) {
      lines.push(`  TF.js wasm SIMD, textbook form      ${fmt(tb?.chars_per_sec)} chars/s` +
        (tb ? `  (${tb.steps} steps in ${tb.seconds.toFixed(2)} s; best chunk ` +
          `${fmt(tb.best_chunk_chars_per_sec).trim()})` : `  error: ${results.tfjsTextbookError}`));
    }
    if (t) lines.push(`  TF.js binary: ${t.wasm_files.join(', ') || 'unknown'} (simd ${t.simd}, threads ${t.multithread})`);
    for (const r of [t, tb]) {
      if (r && r.tensors_after !== r.tensors_before) {
        lines.push(`  warning: TF.js live tensors went ${r.tensors_before} -> ${r.tensors_after} while timing`);
      }
    }
    if (e && t) {
      lines.push(`  ratio ours / TF.js: ${(e.chars_per_sec / t.chars_per_sec).toFixed(2)}x` +
        (tb ? ` (${(e.chars_per_sec / tb.chars_per_sec).toFixed(1)}x against the textbook form)` : '') +
        `; fastest ~0.25 s chunks: ${fmt(e.best_chunk_chars_per_sec).trim()} / ` +
        `${fmt(t.best_chunk_chars_per_sec).trim()} = ${(e.best_chunk_chars_per_sec / t.best_chunk_chars_per_sec).toFixed(2)}x`);
    }
  }
  const p = results.page;
  if (opts.noPage) lines.push('  page metrics: not measured (--no-page)');
  else if (!p || p.error) lines.push(`  page metrics: error: ${p?.error}`);
  else if (p.skipped) lines.push(`  page metrics: skipped: ${p.skipped}`);
  else {
    const s = p.size, f = p.first_sample;
    lines.push(s.error ? `  page first load: error: ${s.error}` : `  page first load (${opts.page}): ` +
      `${(s.gzip_bytes / 1024).toFixed(1)} KiB gzipped (gzip -9 per file; ${(s.bytes / 1024).toFixed(1)} KiB raw, ` +
      `${s.requests} requests${s.reached_network_idle ? '' : ', network never idle'})`);
    if (f.ms !== undefined) {
      lines.push(`  time to first sample: ${(f.ms / 1000).toFixed(2)} s from navigation start ` +
        `(play pressed at ${(f.click_ms / 1000).toFixed(2)} s)`);
    } else lines.push(`  time to first sample: ${f.skipped ? `skipped: ${f.skipped}` : `error: ${f.error}`}`);
  }
  const busy = Math.max(load.loadBefore, load.loadAfter) > 0.75 * load.cores;
  lines.push(`  load average ${load.loadBefore.toFixed(2)} before, ${load.loadAfter.toFixed(2)} after, on ${load.cores} ` +
    `cores${busy ? ': the machine was busy, so these numbers are noisy' : ''}`);
  console.log(lines.join('\n'));
}
