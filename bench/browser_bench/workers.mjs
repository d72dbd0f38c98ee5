// The training-throughput workloads, each in a dedicated worker of bench/browser/bench.html: our engine on W1 and
// on a seq2seq model, and TensorFlow.js on W1 in its fastest and its textbook form.
import { firstLine, round, withTimeout } from './util.mjs';

export const WORKLOAD = 'W1 lstm L=1';

// Runs one worker benchmark from bench/browser/bench.html in a fresh browser context; returns its result.
async function runWorkerBench(browser, origin, script, workerOpts, timeoutMs, progress) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    page.on('console', (m) => { if (m.text().startsWith('[bench] ')) progress(m.text().slice(8)); });
    page.on('pageerror', (e) => progress(`page error: ${e.message}`));
    await page.goto(`${origin}/bench/browser/bench.html`, { waitUntil: 'load', timeout: 20_000 });
    return await withTimeout(page.evaluate(([s, o]) => window.runWorker(s, o), [script, workerOpts]),
      timeoutMs, script);
  } finally {
    await context.close().catch(() => {});
  }
}

// Runs every worker workload in turn, emitting one JSON result line each; fills `results` (engine, seq2seq, tfjs,
// tfjsTextbook, or the matching ...Error message) for the summary.
export async function runWorkloads(browser, origin, opts, chromiumVersion, { progress, emit, results }) {
  const common = { textChars: 300_000, warmupSeconds: 1.5, targetSeconds: 4, minSeconds: 3, chunkSeconds: 0.25 };

  try {
    progress('our engine (dedicated worker)...');
    const r = await runWorkerBench(browser, origin, '/bench/browser/engine_worker.js',
      { ...common, steps: opts.steps, minWarmupSteps: 6, maxWarmupSeconds: 8 }, 60_000, progress);
    results.engine = r;
    emit({ impl: 'wasm-browser', workload: WORKLOAD, chars_per_sec: round(r.chars_per_sec), steps: r.steps,
      seconds: round(r.seconds, 3), best_chunk_chars_per_sec: round(r.best_chunk_chars_per_sec),
      chunk_steps: r.chunk_steps, engine_chars_per_sec: round(r.engine_chars_per_sec),
      first_loss: round(r.first_loss, 4), last_loss: round(r.last_loss, 4),
      warmup: { text: r.warmup.text, steps: r.warmup.steps, seconds: round(r.warmup.seconds, 2),
        first_loss: round(r.warmup.first_loss, 4), last_loss: round(r.warmup.last_loss, 4) },
      params: r.params, wasm: r.wasm_files, chromium: chromiumVersion });
  } catch (e) {
    results.engineError = firstLine(e);
    emit({ impl: 'wasm-browser', workload: WORKLOAD, error: results.engineError });
  }

  try {
    progress('our engine, seq2seq workload (dedicated worker)...');
    const r = await runWorkerBench(browser, origin, '/bench/browser/seq2seq_worker.js',
      { warmupSeconds: 1.5, minSeconds: 3, chunkSeconds: 0.25 }, 60_000, progress);
    results.seq2seq = r;
    emit({ impl: 'wasm-browser', workload: 'seq2seq bilstm-bahdanau', chars_per_sec: round(r.chars_per_sec),
      steps: r.steps, seconds: round(r.seconds, 3), best_chunk_chars_per_sec: round(r.best_chunk_chars_per_sec),
      first_loss: round(r.first_loss, 4), last_loss: round(r.last_loss, 4) });
  } catch (e) {
    emit({ impl: 'wasm-browser', workload: 'seq2seq bilstm-bahdanau', error: firstLine(e) });
  }

  // TF.js twice. The headline is the fastest form we found: per-step input projection and head, MatMul
  // gradients with explicit transposes. Then the textbook form: one batched input projection split into T
  // steps, one head product over the concatenated states, MatMul gradients with transpose flags as TF.js's
  // own gradient registry writes them; it hits slow paths of tfjs-backend-wasm (see bench/browser/).
  const variants = [
    { key: 'tfjs', impl: 'tfjs-wasm', formulation: 'per-step', matMulGrads: 'transpose',
      minWarmupSteps: 30, maxWarmupSeconds: 10 },
    { key: 'tfjsTextbook', impl: 'tfjs-wasm-textbook', formulation: 'batched', matMulGrads: 'stock',
      minWarmupSteps: 3, maxWarmupSeconds: 6 },
  ].slice(0, opts.noTfjsTextbook ? 1 : 2);
  for (const v of variants) {
    try {
      progress(`TensorFlow.js, ${v.formulation} form, ${v.matMulGrads} matMul gradients (dedicated worker)...`);
      const r = await runWorkerBench(browser, origin, '/bench/browser/tfjs_worker.js',
        { ...common, steps: opts.tfjsSteps, formulation: v.formulation, matMulGrads: v.matMulGrads,
          minWarmupSteps: v.minWarmupSteps, maxWarmupSeconds: v.maxWarmupSeconds }, 60_000, progress);
      results[v.key] = r;
      emit({ impl: v.impl, workload: WORKLOAD, chars_per_sec: round(r.chars_per_sec), steps: r.steps,
        seconds: round(r.seconds, 3), best_chunk_chars_per_sec: round(r.best_chunk_chars_per_sec),
        chunk_steps: r.chunk_steps, first_loss: round(r.first_loss, 4), last_loss: round(r.last_loss, 4),
        learn_steps: r.learn_steps, timed_first_loss: round(r.timed_first_loss, 4),
        timed_last_loss: round(r.timed_last_loss, 4), tensors_before: r.tensors_before,
        tensors_after: r.tensors_after, formulation: r.formulation, matmul_grads: r.matmul_grads,
        grad_check_max_rel_err: Number(r.grad_check.max_rel_err.toPrecision(3)), backend: r.backend,
        simd: r.simd, multithread: r.multithread, wasm: r.wasm_files, tfjs: r.tfjs_version,
        chromium: chromiumVersion });
    } catch (e) {
      results[v.key + 'Error'] = firstLine(e);
      emit({ impl: v.impl, workload: WORKLOAD, error: results[v.key + 'Error'] });
    }
  }
}
