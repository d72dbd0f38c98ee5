// Shared setup for the browser tests: the project's own static server (scripts/serve.js) on a free port,
// one headless Chromium per test file, a fresh browser context per test (so IndexedDB starts empty unless a
// test reuses its context on purpose), error collection, and small helpers that poll the page's
// data-testid hooks (web/TESTIDS.md) instead of sleeping.
//
// Used by tests/browser/*.test.mjs; run with: node --test --test-concurrency=1 tests/browser/
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

// The checkout whose page is tested: this repository, or PLAYGROUND_ROOT (another checkout with web/ and
// scripts/serve.js, e.g. to try the tests on a snapshot while the page is being edited).
const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const ROOT = process.env.PLAYGROUND_ROOT ? path.resolve(process.env.PLAYGROUND_ROOT) : REPO;
// The page's own link codec (DOM-free), so the tests write links exactly as the page does.
const { defaultState } = await import(pathToFileURL(path.join(ROOT, 'web', 'lm', 'fields.js')).href);
const { encodeState } = await import(pathToFileURL(path.join(ROOT, 'web', 'lm', 'family.js')).href);
export const ARTIFACTS = path.join(REPO, 'test-artifacts', 'browser');
export const DESKTOP = { width: 1280, height: 1000 };
export const PHONE = { width: 390, height: 844 };

// Generous: a loaded 2-core CI machine can be slow, and every wait polls a condition.
export const LONG = 120_000;
export const MEDIUM = 60_000;

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

// A small, fast model: every test that does not need a particular size uses it.
export const SMALL = Object.freeze({ preset: 'names', cell: 'lstm', hidden: 32, seq: 32, batch: 8 });

// ---------------------------------------------------------------- server and browser

export async function startServer() {
  const port = 18000 + Math.floor(Math.random() * 2000);  // serve.js tries the next ports when this one is busy
  const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'serve.js'), String(port)], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`scripts/serve.js printed no URL within 20 s: ${out} ${err}`)), 20_000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/http:\/\/[0-9.]+:\d+\//);
      if (m) {
        clearTimeout(timer);
        resolve(m[0]);
      }
    });
    child.stderr.on('data', (d) => { err += d; });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`scripts/serve.js exited (${code}) before serving: ${err}`));
    });
  });
  const stop = () => new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
  return { url, stop };
}

export function launchBrowser() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}

// Installs before/after hooks for one test file: a server and a browser shared by its tests.
export function browserSuite() {
  const env = { url: null, browser: null };
  let server = null;
  before(async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    assert.ok(fs.existsSync(path.join(ROOT, 'web', 'engine', 'recurrent_engine.wasm')),
      'web/engine/recurrent_engine.wasm is missing: build it with bash scripts/build_wasm.sh');
    server = await startServer();
    env.url = server.url;
    env.browser = await launchBrowser();
  });
  after(async () => {
    if (env.browser) await env.browser.close().catch(() => {});
    if (server) await server.stop();
  });
  return env;
}

// ---------------------------------------------------------------- pages

// A link hash the page itself would write (every field present, so no "missing fields" notice), from the
// defaults with `overrides`.
export async function linkHash(overrides = {}) {
  const { hash } = await encodeState({ ...defaultState(), ...overrides });
  return hash;
}

// Collects uncaught page errors and console errors (the page's and its worker's).
export function watchErrors(page) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console.error: ${m.text()}`);
  });
  page.on('crash', () => errors.push('the page crashed'));
  return errors;
}

export function assertNoErrors(errors, what = 'the page') {
  assert.deepEqual(errors, [], `${what} reported errors:\n${errors.join('\n')}`);
}

// colorScheme: 'light' (the default) or 'dark', as the system setting prefers-color-scheme reports it.
export async function newContext(env, { viewport = DESKTOP, deviceScaleFactor = 1, colorScheme = 'light' } = {}) {
  return env.browser.newContext({ viewport, deviceScaleFactor, colorScheme, acceptDownloads: true });
}

// Opens the page (in `context`, or in a fresh context closed when the test ends) and waits until a model is
// ready. Returns { context, page, errors }.
export async function openPlayground(env, t, { hash = '', context = null, viewport, deviceScaleFactor, colorScheme, ready = true } = {}) {
  let ctx = context;
  if (!ctx) {
    ctx = await newContext(env, { viewport, deviceScaleFactor, colorScheme });
    t.after(() => ctx.close().catch(() => {}));
  }
  const page = await ctx.newPage();
  const errors = watchErrors(page);
  await page.goto(env.url + (hash ? `#${hash}` : ''));
  if (ready) await waitReady(page);
  return { context: ctx, page, errors };
}

export const tid = (id) => `[data-testid="${id}"]`;

// A model is built (or restored) and the training buttons are enabled.
export async function waitReady(page, timeout = LONG) {
  await page.waitForFunction(() => {
    const play = document.querySelector('[data-testid="play"]');
    const step = document.querySelector('[data-testid="readout-step"]');
    return play && !play.disabled && step && /^[\d,]+$/.test(step.textContent.trim());
  }, null, { timeout, polling: 100 });
}

export async function readText(page, id) {
  return (await page.locator(tid(id)).first().textContent()).trim();
}

export async function readStep(page) {
  const s = await readText(page, 'readout-step');
  assert.match(s, /^[\d,]+$/, `readout-step shows '${s}'`);
  return Number(s.replace(/,/g, ''));
}

export async function readLoss(page) {
  const s = await readText(page, 'readout-loss');
  return Number(s);
}

// Waits until the step readout satisfies `pred` (a number means ">= n").
export async function waitForStep(page, n, timeout = LONG) {
  await page.waitForFunction((target) => {
    const el = document.querySelector('[data-testid="readout-step"]');
    const s = el ? el.textContent.trim().replace(/,/g, '') : '';
    return /^\d+$/.test(s) && Number(s) >= target;
  }, n, { timeout, polling: 50 });
  return readStep(page);
}

export async function waitForStepExactly(page, n, timeout = LONG) {
  await page.waitForFunction((target) => {
    const el = document.querySelector('[data-testid="readout-step"]');
    return el && el.textContent.trim().replace(/,/g, '') === String(target);
  }, n, { timeout, polling: 50 });
}

// Presses the Step button once and waits for the readout to reach `expected`; returns the loss readout then.
export async function stepOnce(page, expected) {
  await page.click(tid('step'));
  await waitForStepExactly(page, expected);
  // the readouts are written together, once per frame; the loss shows a number from the first step on
  await page.waitForFunction(() => /^\d/.test(document.querySelector('[data-testid="readout-loss"]').textContent.trim()));
  return readText(page, 'readout-loss');
}

export async function playState(page) {
  return page.getAttribute(tid('play'), 'data-state');
}

export async function waitForPlayState(page, state, timeout = MEDIUM) {
  await page.waitForFunction((s) => document.querySelector('[data-testid="play"]').dataset.state === s, state, { timeout, polling: 50 });
}

// Pauses (if running) and waits until the worker has stopped. The button flips at once, but the worker
// finishes its current chunk first (a few more steps arrive after the click), so this also waits for the
// worker's own "stopped" report (the controller's bridge.running, the only place it is visible) and for the
// status line and the step readout to agree on the final step.
export async function pause(page) {
  if ((await playState(page)) === 'running') await page.click(tid('play'));
  await waitForPlayState(page, 'paused');
  await page.waitForFunction(() => {
    const app = window.recurrentPlayground;
    const status = document.querySelector('[data-testid="engine-status"]').textContent;
    const step = document.querySelector('[data-testid="readout-step"]').textContent.trim();
    const m = status.match(/Paused at step ([\d,]+)/);
    return app && !app.bridge.running && m && m[1] === step && String(app.step.toLocaleString('en-US')) === step;
  }, null, { timeout: MEDIUM, polling: 50 });
  return readStep(page);
}

// Waits until the page has rebuilt the model and written `pairs` (['key=value', ...]) into the hash.
export async function waitForHash(page, pairs, timeout = LONG) {
  await page.waitForFunction((want) => {
    const parts = new Set(location.hash.slice(1).split('&'));
    return want.every((p) => parts.has(p));
  }, pairs, { timeout, polling: 100 });
  await waitReady(page, timeout);
}

// ---------------------------------------------------------------- notices

export async function notices(page) {
  return page.$$eval('[data-testid="notice"]', (els) => els.map((el) => ({ level: el.dataset.level, text: el.textContent })));
}

// Waits for a notice whose level is one of `levels` and whose text matches `pattern`; returns it.
export async function waitForNotice(page, { levels = ['info', 'warn', 'error'], pattern = /./, timeout = MEDIUM } = {}) {
  const handle = await page.waitForFunction(({ levels, source, flags }) => {
    const re = new RegExp(source, flags);
    for (const el of document.querySelectorAll('[data-testid="notice"]')) {
      if (levels.includes(el.dataset.level) && re.test(el.textContent)) return { level: el.dataset.level, text: el.textContent };
    }
    return null;
  }, { levels, source: pattern.source, flags: pattern.flags }, { timeout, polling: 100 });
  return handle.jsonValue();
}

// ---------------------------------------------------------------- controls

export async function controlValues(page, ids) {
  const out = {};
  for (const id of ids) {
    const el = page.locator(tid(id)).first();
    const type = await el.getAttribute('type');
    out[id] = type === 'checkbox' ? await el.isChecked() : await el.inputValue();
  }
  return out;
}

// Switches the page to a family through the header's mode menu and waits until its model is ready.
export async function switchFamily(page, id) {
  await page.click(tid('mode-menu'));
  await page.click(tid(`mode-${id}`));
  await page.waitForFunction((m) => document.body.dataset.mode === m, id);
  await page.waitForSelector(`${tid('play')}:not([disabled])`, { timeout: LONG });
}

// Commits a value to a number/text control the way a user does (type, then Enter fires `change`).
export async function setControl(page, id, value) {
  const el = page.locator(tid(id));
  await el.fill(String(value));
  await el.press('Enter');
}

// ---------------------------------------------------------------- what lessons read (opening one: lesson-steps.mjs)

// A sample generated now, in full: presses "Sample now" and waits for a new block that has finished
// streaming and was drawn at `step` (the samples auto-started while training are older blocks).
export async function freshSample(page, step) {
  const old = await page.evaluateHandle(() => document.querySelector('[data-testid="sample"]'));
  await page.click(tid('sample-button'));
  await page.waitForFunction(({ old, step }) => {
    const block = document.querySelector('[data-testid="sample"]');
    return block && block !== old && !block.classList.contains('streaming') && block.textContent.includes(`step ${step}`);
  }, { old, step: step.toLocaleString('en-US') }, { timeout: LONG, polling: 100 });
  await old.dispose();
  return {
    meta: (await page.locator(`${tid('sample')} .sample-meta`).first().textContent()).trim(),
    text: await page.locator(`${tid('sample')} .sample-text`).first().textContent(),
  };
}

// The values a gradients-view chart (`gradient-flow-chart` or `sensitivity-chart`) draws for the top layer,
// t = 1 first, once it shows the model at `step` (its data-step and data-values, web/TESTIDS.md).
export async function chartValues(page, testid, step, timeout = LONG) {
  await page.waitForFunction(({ testid, step }) => {
    const el = document.querySelector(`[data-testid="${testid}"]`);
    return el && el.dataset.step === String(step) && !!el.dataset.values;
  }, { testid, step }, { timeout, polling: 100 });
  const text = await page.getAttribute(tid(testid), 'data-values');
  return text.split(' ').map(Number);
}

// ---------------------------------------------------------------- canvases and artifacts

// Pixel statistics of a canvas: how many pixels are drawn at all (alpha > 0), and how many are clearly
// coloured (max - min channel > 30: data lines, bars and heatmap cells; the axes and text are grey). Only
// rows from `top` (CSS pixels) down are counted, to leave out a legend drawn along the top.
export async function canvasStats(page, selector, { top = 0, nth = 0 } = {}) {
  return page.evaluate(({ selector, top, nth }) => {
    const canvas = document.querySelectorAll(selector)[nth];
    if (!canvas) return null;
    const dpr = window.devicePixelRatio || 1;
    const { width, height } = canvas;
    if (!width || !height) return { width, height, drawn: 0, coloured: 0 };
    const y0 = Math.min(height, Math.round(top * dpr));
    const data = canvas.getContext('2d').getImageData(0, y0, width, height - y0).data;
    let drawn = 0, coloured = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] === 0) continue;
      drawn++;
      const r = data[i], g = data[i + 1], b = data[i + 2];
      if (data[i + 3] > 128 && Math.max(r, g, b) - Math.min(r, g, b) > 30) coloured++;
    }
    return { width, height, drawn, coloured };
  }, { selector, top, nth });
}

export async function screenshot(target, name, options = {}) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await target.screenshot({ path: file, ...options });
  return file;
}

// A cheap deterministic byte generator (xorshift32), for reproducible "random" files.
export function pseudoRandomBytes(n, seed = 0x9e3779b9) {
  const out = new Uint8Array(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    out[i] = x & 255;
  }
  return out;
}

// Reads a safetensors header: { length, header } (throws when it is not one).
export function safetensorsHeader(bytes) {
  const buf = Buffer.from(bytes);
  assert.ok(buf.length >= 8, `file is ${buf.length} bytes, too short for a safetensors header`);
  const n = buf.readBigUInt64LE(0);
  assert.ok(n > 1n && n <= BigInt(buf.length - 8), `header length ${n} does not fit a ${buf.length}-byte file`);
  const json = buf.subarray(8, 8 + Number(n)).toString('utf8');
  return { length: Number(n), header: JSON.parse(json) };
}
