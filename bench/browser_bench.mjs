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
import http from 'node:http';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const WORKLOAD = 'W1 lstm L=1';
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

// ---------------------------------------------------------------- static server
const MIME = {
  '.html': 'text/html; charset=utf-8', '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8', '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg',
  '.gif': 'image/gif', '.webp': 'image/webp', '.ico': 'image/x-icon',
  '.woff': 'font/woff', '.woff2': 'font/woff2', '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8', '.md': 'text/markdown; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8', '.webmanifest': 'application/manifest+json',
};

// Maps a URL path to a regular file under ROOT, or null: no "..", no dot-files or dot-directories, no NUL or
// backslash, no symlink leading outside ROOT. A directory means its index.html.
async function resolveFile(urlPath) {
  let rel;
  try { rel = decodeURIComponent(urlPath); } catch { return null; }
  if (rel.includes('\0') || rel.includes('\\')) return null;
  const segments = rel.split('/').filter(Boolean);
  if (segments.some((s) => s === '..' || s.startsWith('.'))) return null;
  let file = path.resolve(ROOT, ...segments);
  if (file !== ROOT && !file.startsWith(ROOT + path.sep)) return null;
  try {
    let st = await fsp.stat(file);
    if (st.isDirectory()) {
      file = path.join(file, 'index.html');
      st = await fsp.stat(file);
    }
    if (!st.isFile()) return null;
    const [real, realRoot] = await Promise.all([fsp.realpath(file), fsp.realpath(ROOT)]);
    if (!real.startsWith(realRoot + path.sep)) return null;
    return real;
  } catch {
    return null;
  }
}

function startServer() {
  let recording = null;  // while an array, every response is logged with the gzip -9 size of its body
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const record = (status, body) => {
      if (recording) recording.push({ path: url.pathname, status, bytes: body.length,
        gzip: zlib.gzipSync(body, { level: 9 }).length });
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' });
      res.end();
      return;
    }
    const file = await resolveFile(url.pathname);
    let body, st;
    try {
      if (file) [body, st] = await Promise.all([fsp.readFile(file), fsp.stat(file)]);
    } catch {
      body = null;
    }
    if (!body) {
      const msg = Buffer.from('not found\n');
      record(404, msg);
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': msg.length });
      res.end(req.method === 'HEAD' ? undefined : msg);
      return;
    }
    // Validators like an ordinary static server, so a second request for a file within one page load (a module
    // worker importing what the page imported) is answered from the browser's cache or with a 304.
    const etag = `"${st.size.toString(16)}-${Math.floor(st.mtimeMs).toString(16)}"`;
    const headers = { ETag: etag, 'Last-Modified': st.mtime.toUTCString(), 'X-Content-Type-Options': 'nosniff' };
    if (req.headers['if-none-match'] === etag) {
      record(304, Buffer.alloc(0));
      res.writeHead(304, headers);
      res.end();
      return;
    }
    record(200, body);
    res.writeHead(200, { ...headers, 'Content-Length': body.length,
      'Content-Type': MIME[path.extname(file).toLowerCase()] || 'application/octet-stream' });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve({
      origin: `http://127.0.0.1:${server.address().port}`,
      startRecording() { recording = []; },
      stopRecording() { const r = recording || []; recording = null; return r; },
      close: () => new Promise((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
    }));
  });
}

// ---------------------------------------------------------------- helpers
function withTimeout(promise, ms, what) {
  let timer;
  const limit = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${Math.round(ms / 1000)} s`)), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

const round = (x, d = 1) => (typeof x === 'number' && Number.isFinite(x) ? Number(x.toFixed(d)) : x);
const firstLine = (e) => String((e && e.message) || e).split('\n')[0];

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

// ---------------------------------------------------------------- page metrics
// data-testid names: --play-testid / --sample-testid, else by name among those in web/TESTIDS.md (if present) and
// on the page. play: the play control. output: the container of the samples. item: one generated sample (the
// page's "sample" blocks: their text, not their caption, must be non-empty).
function pickTestids(mdText, domIds, opts) {
  const fromMd = mdText ? [...mdText.matchAll(/`([A-Za-z0-9_-]+)`/g)].map((m) => m[1]) : [];
  const known = [...new Set([...fromMd, ...domIds])];
  const choose = (exact, pattern, reject) => exact.find((e) => known.includes(e)) ||
    known.find((id) => pattern.test(id) && !reject.test(id)) || '';
  const play = opts.playTestid || choose(
    ['play', 'play-button', 'btn-play', 'train-play', 'play-pause', 'train-toggle'],
    /(^|[-_])play([-_]|$)/i, /display|playground/i);
  const output = choose(['sample-output', 'samples-output', 'sample-out', 'samples'],
    /sample.*out|out.*sample/i, /len|temp|prime|button|btn|auto/i);
  const item = opts.sampleTestid || (known.includes('sample') || output ? 'sample' : '');
  return { play, output, item };
}

// Runs in the page (passed to waitForFunction; no eval, the page has a CSP): the first sample's text and the
// time, or null. With item blocks present, the text part of one must be non-empty; without, the output
// container's text must differ from `prev` (its text before play).
function probeSample([item, output, prev]) {
  const items = item ? [...document.querySelectorAll(`[data-testid="${item}"]`)] : [];
  for (const el of items) {
    const body = el.querySelector('[data-testid="sample-text"]') || el.querySelector('.sample-text') ||
      el.querySelector('pre') || el;
    const text = (body.textContent || '').trim();
    if (text) return { text, at: performance.now() };
  }
  if (items.length) return null;
  const box = output ? document.querySelector(`[data-testid="${output}"]`) : null;
  if (!box) return null;
  const text = ((/^(TEXTAREA|INPUT)$/.test(box.tagName) ? box.value : box.textContent) || '').trim();
  return prev !== null && text && text !== prev ? { text, at: performance.now() } : null;
}

async function pageSize(browser, server, url) {
  const context = await browser.newContext();
  const failed = [];
  try {
    const page = await context.newPage();
    page.on('requestfailed', (r) => failed.push(r.url()));
    server.startRecording();
    await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
    let idle = true;
    await page.waitForLoadState('networkidle', { timeout: 20_000 }).catch(() => { idle = false; });
    await page.waitForTimeout(500);
    const log = server.stopRecording();
    const ok = log.filter((r) => r.status === 200);
    return {
      gzip_bytes: ok.reduce((s, r) => s + r.gzip, 0), bytes: ok.reduce((s, r) => s + r.bytes, 0),
      requests: log.length, not_modified: log.filter((r) => r.status === 304).length,
      not_found: log.filter((r) => r.status !== 200 && r.status !== 304).map((r) => r.path),
      failed_requests: failed, reached_network_idle: idle,
      files: ok.map((r) => ({ path: r.path, bytes: r.bytes, gzip: r.gzip })),
    };
  } catch (e) {
    server.stopRecording();
    return { error: firstLine(e) };
  } finally {
    await context.close().catch(() => {});
  }
}

async function timeToFirstSample(browser, url, md, opts, progress) {
  const context = await browser.newContext();
  const errors = [];
  try {
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 30_000 });
    // The page builds its controls from script: poll until the play control and the output are there.
    let ids = null, domIds = [];
    const until = Date.now() + 30_000;
    for (;;) {
      domIds = await page.evaluate(() =>
        [...document.querySelectorAll('[data-testid]')].map((e) => e.getAttribute('data-testid')));
      ids = pickTestids(md, domIds, opts);
      if ((ids.play && domIds.includes(ids.play) && (ids.output || ids.item)) || Date.now() > until) break;
      await page.waitForTimeout(25);
    }
    if (!ids.play || !domIds.includes(ids.play) || !(ids.output || ids.item)) {
      const missing = !ids.play || !domIds.includes(ids.play) ? 'play control' : 'sample output';
      return { skipped: `no ${missing} data-testid within 30 s (${md ? 'web/TESTIDS.md read' : 'no TESTIDS.md'}; ` +
        `the page has: ${[...new Set(domIds)].join(', ') || 'none'})` };
    }
    const play = page.getByTestId(ids.play).first();
    await play.waitFor({ state: 'visible', timeout: 30_000 });
    const before = await page.evaluate((output) => {
      const box = output ? document.querySelector(`[data-testid="${output}"]`) : null;
      return box ? ((/^(TEXTAREA|INPUT)$/.test(box.tagName) ? box.value : box.textContent) || '').trim() : null;
    }, ids.output);
    await play.click({ timeout: 30_000 });  // waits until enabled (the page may wait for its engine)
    const clickedAt = await page.evaluate(() => performance.now());
    progress(`page: pressed [data-testid=${ids.play}] at ${(clickedAt / 1000).toFixed(2)} s; waiting for the ` +
      `first sample ([data-testid=${ids.item || ids.output}])`);
    const handle = await page.waitForFunction(probeSample, [ids.item, ids.output, before],
      { polling: 20, timeout: 60_000 });
    const found = await handle.jsonValue();
    return { ms: found.at, click_ms: clickedAt, play_testid: ids.play, sample_testid: ids.item || ids.output,
      sample_preview: found.text.slice(0, 60), page_errors: errors };
  } catch (e) {
    const pageErrors = errors.slice(0, 3).join(' | ').replace(/\s+/g, ' ').trim();
    return { error: firstLine(e) + (pageErrors ? ` (page errors: ${pageErrors})` : '') };
  } finally {
    await context.close().catch(() => {});
  }
}

async function pageMetrics(browser, server, opts, progress) {
  const pageFile = path.resolve(ROOT, opts.page);
  const rel = path.relative(ROOT, pageFile).split(path.sep).join('/');
  if (rel.startsWith('..') || path.isAbsolute(rel)) return { skipped: `${opts.page} is outside the repository` };
  if (!fs.existsSync(pageFile)) return { skipped: `${rel} does not exist yet` };
  const url = `${server.origin}/${rel}`;
  const mdPath = path.join(path.dirname(pageFile), 'TESTIDS.md');
  const md = fs.existsSync(mdPath) ? fs.readFileSync(mdPath, 'utf8') : '';
  return {
    size: await pageSize(browser, server, url),                                  // (a)
    first_sample: await timeToFirstSample(browser, url, md, opts, progress),    // (b)
  };
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
    server = await startServer();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true,
      timeout: 30_000 });
    const chromiumVersion = browser.version();
    progress(`Chromium ${chromiumVersion}, serving ${ROOT} at ${server.origin}`);
    const common = { textChars: 300_000, warmupSeconds: 1.5, targetSeconds: 4, minSeconds: 3, chunkSeconds: 0.25 };

    if (!opts.pageOnly) {
      try {
        progress('our engine (dedicated worker)...');
        const r = await runWorkerBench(browser, server.origin, '/bench/browser/engine_worker.js',
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
        const r = await runWorkerBench(browser, server.origin, '/bench/browser/seq2seq_worker.js',
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
          const r = await runWorkerBench(browser, server.origin, '/bench/browser/tfjs_worker.js',
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

    if (!opts.noPage) {
      progress(`page metrics (${opts.page})...`);
      let m;
      try {
        m = await withTimeout(pageMetrics(browser, server, opts, progress), 100_000, 'page metrics');
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

function summary(opts, results, load) {
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

main().then((code) => process.exit(code), (err) => {
  process.stderr.write(`browser_bench: ${firstLine(err)}\n`);
  process.exit(1);
});
