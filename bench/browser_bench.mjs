#!/usr/bin/env node
// In-browser benchmark, in one headless Chromium run:
//  1. training throughput of our engine (web/engine, WASM SIMD) in a dedicated worker on workload W1
//     (LSTM H=128, one layer, one-hot V=65, T=64, B=32, Adam 2e-3, clip 5, seed 1);
//  2. TensorFlow.js (tfjs-core + WASM backend, SIMD, one thread) training the same model in a dedicated worker,
//     in its fastest form we found (the headline) and in the textbook form (bench/browser/tfjs_worker.js);
//  3. the real page (web/index.html): the gzipped size of everything its first load downloads, and the time from
//     navigation start to the first generated sample text after pressing play.
//
//   node bench/browser_bench.mjs [--steps N] [--tfjs-steps N] [--json-only] [--no-page | --page-only]
//        [--no-tfjs-textbook] [--page web/index.html] [--play-testid ID] [--sample-testid ID]
//
// --steps / --tfjs-steps fix the timed steps (default: aimed at 4 s, at least 3 s, after >= 1.5 s of warm-up).
// Prints one JSON line per result, then (unless --json-only) a human-readable summary. A benchmark, not a test:
// problems are reported in the output; the exit status is 1 only when nothing could be measured.
// Serves the repository root read-only on 127.0.0.1 (random free port) with its own static server; no network.
// This file reads the options and runs the parts in bench/browser_bench/: server.mjs (the static server),
// workers.mjs (1 and 2), page_metrics.mjs (3), summary.mjs (the human-readable summary).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { pageMetrics } from './browser_bench/page_metrics.mjs';
import { startServer } from './browser_bench/server.mjs';
import { summary } from './browser_bench/summary.mjs';
import { firstLine, round, withTimeout } from './browser_bench/util.mjs';
import { runWorkloads } from './browser_bench/workers.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const GLOBAL_TIMEOUT_MS = 170_000;  // last resort: the whole run ends on its own
const USAGE = 'usage: node bench/browser_bench.mjs [--steps N] [--tfjs-steps N] [--json-only] ' +
  '[--no-page | --page-only] [--no-tfjs-textbook] [--page web/index.html] [--play-testid ID] [--sample-testid ID]';

// ---------------------------------------------------------------- options
function parseArgs(argv) {
  const o = { steps: 0, tfjsSteps: 0, jsonOnly: false, noPage: false, pageOnly: false, noTfjsTextbook: false,
    page: 'web/index.html', playTestid: '', sampleTestid: '' };
  const count = (name, v) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1 || n > 100000) throw new Error(`${name} needs a positive integer, got ${v}`);
    return n;
  };
  for (let i = 2; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--steps') o.steps = count(a, val());
    else if (a === '--tfjs-steps') o.tfjsSteps = count(a, val());
    else if (a === '--json-only') o.jsonOnly = true;
    else if (a === '--no-page') o.noPage = true;
    else if (a === '--page-only') o.pageOnly = true;
    else if (a === '--no-tfjs-textbook') o.noTfjsTextbook = true;
    else if (a === '--page') o.page = val();
    else if (a === '--play-testid') o.playTestid = val();
    else if (a === '--sample-testid') o.sampleTestid = val();
    else if (a === '-h' || a === '--help') {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown option ${a}\n${USAGE}`);
  }
  if (o.noPage && o.pageOnly) throw new Error('--no-page and --page-only exclude each other');
  return o;
}

// ---------------------------------------------------------------- main
async function main() {
  const opts = parseArgs(process.argv);
  const progress = opts.jsonOnly ? () => {} : (m) => process.stderr.write(`  ${m}\n`);
  const emit = (obj) => process.stdout.write(JSON.stringify(obj) + '\n');
  const results = {};
  const cores = os.cpus().length;
  const loadBefore = os.loadavg()[0];
  let server = null, browser = null;
  const watchdog = setTimeout(async () => {
    process.stderr.write(`browser_bench: giving up after ${GLOBAL_TIMEOUT_MS / 1000} s\n`);
    await Promise.race([browser?.close().catch(() => {}), new Promise((r) => setTimeout(r, 3000))]);
    await Promise.race([server?.close(), new Promise((r) => setTimeout(r, 1000))]);
    process.exit(2);
  }, GLOBAL_TIMEOUT_MS);
  watchdog.unref();

  try {
    for (const f of ['web/engine/recurrent_engine.js', 'web/engine/recurrent_engine.wasm']) {
      if (!fs.existsSync(path.join(ROOT, f))) throw new Error(`${f} is missing: run bash scripts/build_wasm.sh`);
    }
    server = await startServer(ROOT);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true,
      timeout: 30_000 });
    const chromiumVersion = browser.version();
    progress(`Chromium ${chromiumVersion}, serving ${ROOT} at ${server.origin}`);

    if (!opts.pageOnly) await runWorkloads(browser, server.origin, opts, chromiumVersion, { progress, emit, results });

    if (!opts.noPage) {
      progress(`page metrics (${opts.page})...`);
      let m;
      try {
        m = await withTimeout(pageMetrics(ROOT, browser, server, opts, progress), 100_000, 'page metrics');
      } catch (e) {
        m = { error: firstLine(e) };
      }
      results.page = m;
      const base = { page: opts.page };
      if (m.skipped || m.error) {
        const why = m.skipped ? { skipped: m.skipped } : { error: m.error };
        emit({ metric: 'page_gzip_bytes', ...base, ...why });
        emit({ metric: 'time_to_first_sample_ms', ...base, ...why });
      } else {
        emit({ metric: 'page_gzip_bytes', ...base, ...m.size });
        const f = m.first_sample;
        emit(f.ms === undefined ? { metric: 'time_to_first_sample_ms', ...base, ...f } : {
          metric: 'time_to_first_sample_ms', ...base, ms: round(f.ms, 0), play_clicked_ms: round(f.click_ms, 0),
          play_testid: f.play_testid, sample_testid: f.sample_testid, sample_preview: f.sample_preview,
          page_errors: f.page_errors });
      }
    }
  } finally {
    await browser?.close().catch(() => {});
    await server?.close();
    clearTimeout(watchdog);
  }

  const loadAfter = os.loadavg()[0];
  if (!opts.jsonOnly) summary(opts, results, { cores, loadBefore, loadAfter });
  const pageOk = results.page && !results.page.skipped && !results.page.error;
  return results.engine || results.tfjs || results.tfjsTextbook || (opts.pageOnly && pageOk) ? 0 : 1;
}

main().then((code) => process.exit(code), (err) => {
  process.stderr.write(`browser_bench: ${firstLine(err)}\n`);
  process.exit(1);
});
