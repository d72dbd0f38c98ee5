// What the WebAssembly boundary tests (lm_session.test.mjs, seq2seq_session.test.mjs) share: the module from
// web/engine/, loaded by each test file's before() hook, and the helpers both families' tests use.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const ENGINE_JS = path.join(ROOT, 'web', 'engine', 'recurrent_engine.js');
const ENGINE_WASM = path.join(ROOT, 'web', 'engine', 'recurrent_engine.wasm');

// The module, once loadEngine() has run.
export let M = null;

export async function loadEngine() {
  assert.ok(fs.existsSync(ENGINE_JS) && fs.existsSync(ENGINE_WASM), 'web/engine/ is missing: bash scripts/build_wasm.sh');
  const require = createRequire(import.meta.url);
  const createRecurrentEngine = require(ENGINE_JS);
  // Emscripten 3.1.6's loader would fetch() a file path under Node 20, which fails: hand it the bytes.
  M = await createRecurrentEngine({ wasmBinary: fs.readFileSync(ENGINE_WASM) });
  assert.equal(typeof M.CharLMSession, 'function', 'the module exports CharLMSession');
  assert.equal(typeof M.Seq2SeqSession, 'function', 'the module exports Seq2SeqSession (rebuild web/engine if it is stale)');
}

export const TEXT = 'the quick brown fox jumps over the lazy dog. '.repeat(60);   // 2,700 characters, 28 distinct
export const SMALL = { cell: 'lstm', hidden: 16, seq: 16, batch: 4, seed: 7 };

export function session(config = SMALL, text = TEXT, heldOut = 0.1) {
  const s = new M.CharLMSession();
  const info = s.configure(JSON.stringify(config), text, heldOut);
  assert.equal(info.ok, true, `configure ${JSON.stringify(config)}: ${info.error}`);
  return { s, info };
}

export function assertRefused(r, pattern, what) {
  assert.equal(typeof r, 'object', `${what}: returns an object`);
  assert.equal(r.ok, false, `${what}: should be refused, got ${JSON.stringify(r).slice(0, 200)}`);
  assert.equal(typeof r.error, 'string', `${what}: has an error message`);
  assert.ok(r.error.length > 5, `${what}: the message says something ('${r.error}')`);
  if (pattern) assert.match(r.error, pattern, `${what}: the message names the problem`);
}

// Bitwise equality of two float arrays (NaN-safe, -0 distinct).
export function sameBits(a, b) {
  if (a.length !== b.length) return false;
  const x = new Uint32Array(Float32Array.from(a).buffer), y = new Uint32Array(Float32Array.from(b).buffer);
  return x.every((v, i) => v === y[i]);
}

export const mean = (a) => a.reduce((s, x) => s + x, 0) / a.length;
