// The module's boundary as the page's worker uses it (guardEngine, web/worker/engine-boundary.js): no call
// throws, whatever it is handed; a refusal leaves the session working where it was and the heap bounded; a
// file too big to open is refused from its header, before the module pays for it; a failure inside the
// engine is reported once and every later call says so instead of running on suspect memory.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import { readMetadata } from '../../web/shell/safetensors.js';
import { guardEngine } from '../../web/worker/engine-boundary.js';
import { M, SMALL, TEXT, assertRefused, loadEngine, session } from './engine.mjs';

before(async () => {
  await loadEngine();
  guardEngine(M);
});

// A small deterministic generator (mulberry32), so a failing sequence can be replayed from its seed.
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Values of every JavaScript type, and the numbers and strings that sit on bounds.
function anyValue(r) {
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  switch (Math.floor(r() * 9)) {
    case 0: return pick([0, 1, -1, 2, 7, 0.5, -0.5, 1e9, -1e9, 2 ** 31, -(2 ** 31) - 1, 65537, NaN, Infinity, -Infinity, 1e-300]);
    case 1: return pick(['', 'a', 'hello', 'the quick brown fox', '{}', '{"cell":"gru","hidden":8}', '\u{1F600}\u0000é', 'x'.repeat(5000), '[1,2', 'null']);
    case 2: return pick([null, undefined]);
    case 3: return pick([true, false]);
    case 4: return pick([{}, [], [1, 2], { length: 3 }, { length: -1 }]);
    case 5: return new Uint8Array(Array.from({ length: Math.floor(r() * 64) }, () => Math.floor(r() * 256)));
    case 6: return Math.floor(r() * 200) - 20;
    case 7: return r();
    default: return pick([new Float32Array(4), new ArrayBuffer(8), () => 1, Symbol.iterator === undefined ? 0 : 'sym']);
  }
}

const LM_METHODS = {
  configure: 3, train: 1, setLearningRate: 1, heldOutLoss: 0, sample: 5, predict: 4, probe: 1, sensitivity: 1,
  gradientFlow: 0, exportCheckpoint: 1, importCheckpoint: 4,
};
const S2S_METHODS = { configure: 2, train: 1, setLearningRate: 1, evaluate: 1, translate: 3, exportCheckpoint: 1, importCheckpoint: 3 };
const S2S_EXPERIMENT = JSON.stringify({ task: 'reverse', max_len: 6, train_size: 200, held_size: 20, hidden: 16, embed: 8, batch: 4, seed: 3 });

test('wrong argument types are refused with the call and the argument named, and the session goes on', () => {
  const { s } = session();
  assertRefused(s.configure(1, TEXT, 0.1), /configure: argument 'config' must be a string/, 'a number for the config');
  assertRefused(s.train('5'), /train: argument 'steps' must be a whole number|must be a number/, 'a string for steps');
  assertRefused(s.train(1.5), /whole number/, 'a fraction for steps');
  assertRefused(s.train(null), /must be a number/, 'null for steps');
  assertRefused(s.sample(null, 5, 1, 0, false), /'prime' must be a string/, 'null for the prime');
  assertRefused(s.sample('a', 5, 1, 0, 1), /'greedy' must be true or false/, 'a number for greedy');
  assertRefused(s.importCheckpoint(null, TEXT, 0.1, '{}'), /'bytes' must be a Uint8Array/, 'null for the file');
  assertRefused(s.importCheckpoint([1, 2, 3], TEXT, 0.1, '{}'), /Uint8Array/, 'an array for the file');
  assertRefused(s.train(), /called with 0 arguments/, 'a missing argument');
  const t = new M.Seq2SeqSession();
  assertRefused(t.translate('abc', -1, 1), /beam width|no model/, 'a negative beam width');
  assertRefused(t.evaluate('all'), /'limit' must be a number/, 'a string for the limit');
  assert.equal(M.engineFailure(), '', 'none of these is a failure of the engine');
  const r = s.train(3);
  assert.equal(r.ok, true, r.error);
  assert.equal(r.step, 3, 'the session trains on from where it was');
});

test('2,000 random calls with random arguments never throw, never break the module and keep the heap bounded', () => {
  const r = rng(20261203);
  const lm = session().s;
  const s2s = new M.Seq2SeqSession();
  assert.equal(s2s.configure(S2S_EXPERIMENT, '').ok, true);
  const goodLm = lm.exportCheckpoint(true).bytes;
  const goodS2s = s2s.exportCheckpoint(true).bytes;
  const heapBefore = M.HEAP8.length;
  let refused = 0;
  for (let i = 0; i < 2000; i++) {
    const lmTurn = r() < 0.6;
    const methods = lmTurn ? LM_METHODS : S2S_METHODS;
    const name = Object.keys(methods)[Math.floor(r() * Object.keys(methods).length)];
    const arity = methods[name];
    // mostly the right number of arguments, sometimes one fewer or more
    const n = Math.max(0, arity + (r() < 0.1 ? (r() < 0.5 ? -1 : 1) : 0));
    const args = Array.from({ length: n }, () => anyValue(r));
    // keep the work of a call small: training steps and lengths drawn from the values above can be large
    if (name === 'train' && typeof args[0] === 'number' && args[0] > 20) args[0] = 20;
    if (name === 'sample' && typeof args[1] === 'number' && args[1] > 200) args[1] = 200;
    if (name === 'importCheckpoint' && r() < 0.3) args[0] = lmTurn ? goodLm : goodS2s;
    const target = lmTurn ? lm : s2s;
    let result;
    assert.doesNotThrow(() => { result = target[name](...args); }, `call ${i}: ${name}`);
    assert.equal(typeof result, 'object', `call ${i}: ${name} returns an object`);
    assert.equal(typeof result.ok, 'boolean', `call ${i}: ${name} says ok or not`);
    if (!result.ok) {
      refused++;
      assert.ok(typeof result.error === 'string' && result.error.length > 3, `call ${i}: ${name} says why`);
      assert.notEqual(result.broken, true, `call ${i}: ${name}(${args.map((a) => typeof a).join(', ')}) broke the engine: ${result.error}`);
    }
  }
  assert.ok(refused > 500, `most random calls are refused (${refused})`);
  assert.equal(M.engineFailure(), '');
  const grown = M.HEAP8.length - heapBefore;
  assert.ok(grown < 64 << 20, `the heap grew by ${(grown / 2 ** 20).toFixed(1)} MiB over 2,000 calls`);
  // both sessions still work: configure afresh, train, translate
  const fresh = session().s;
  assert.equal(fresh.train(2).ok, true);
  assert.equal(s2s.configure(S2S_EXPERIMENT, '').ok, true);
  assert.equal(s2s.train(2).ok, true);
  assert.equal(s2s.translate('abc', 2, 1).ok, true);
});

// A char-LM file of `values` zero floats under one tensor, with a real file's metadata changed by `meta`.
function craftedLmFile(meta, values) {
  const header = { __metadata__: meta, x: { dtype: 'F32', shape: [values], data_offsets: [0, values * 4] } };
  let json = JSON.stringify(header);
  json += ' '.repeat((8 - ((8 + json.length) % 8)) % 8);
  const bytes = new Uint8Array(8 + json.length + values * 4);
  new DataView(bytes.buffer).setBigUint64(0, BigInt(json.length), true);
  bytes.set(new TextEncoder().encode(json), 8);
  return bytes;
}

test('a file too big to open beside its model is refused from its header, before the module copies it twice', () => {
  const { s } = session();
  const meta = readMetadata(s.exportCheckpoint(true).bytes);
  // A 4-layer LSTM of 768 units (about 67 MB of weights) whose training settings make the session fit the
  // budget on their own, but not with the file's bytes and their parsed copy beside it.
  const model = { cell: 'lstm', hidden: 768, layers: 4, embed: 32 };
  const vocabSize = JSON.parse(meta.vocab).length;
  const costOf = (batch) => M.estimate('lm', JSON.stringify({ ...SMALL, ...model, batch }), JSON.stringify({ vocab: vocabSize, chars: TEXT.length }));
  const base = costOf(1);
  assert.equal(base.ok, true, base.error);
  const fileBytes = base.params * 4;
  let batch = 1;
  while (costOf(batch * 2).ok && costOf(batch * 2).bytes + 2 * fileBytes < base.budgetBytes) batch *= 2;
  while (costOf(batch).bytes + 2 * fileBytes < base.budgetBytes) batch += 8;
  const cost = costOf(batch);
  assert.ok(cost.bytes < base.budgetBytes && cost.bytes + 2 * fileBytes > base.budgetBytes, 'the file tips it over');
  const trainConfig = JSON.parse(meta.train_config);
  Object.assign(trainConfig, { ...model, batch });
  const crafted = craftedLmFile({
    ...meta, cell: 'lstm', hidden_size: '768', num_layers: '4', embedding_dim: '32', train_config: JSON.stringify(trainConfig),
  }, base.params);
  const heapBefore = M.HEAP8.length;
  const r = s.importCheckpoint(crafted, TEXT, 0.1, '{}');
  assertRefused(r, /opening this file needs about/, 'a file whose model and bytes exceed the budget together');
  const grown = M.HEAP8.length - heapBefore;
  assert.ok(grown < 1.5 * crafted.length, `the heap grew by ${(grown / 2 ** 20).toFixed(0)} MiB for a ${(crafted.length / 2 ** 20).toFixed(0)} MiB file`);
  assert.equal(s.train(1).ok, true, 'the session keeps its model');
});

test('a failure inside the engine is reported once, and every later call says so instead of running on', () => {
  const { s } = session();
  // A value whose prototype cannot be read fails inside the bindings' own code, as a trap would.
  const hostile = new Proxy(new Uint8Array(8), { getPrototypeOf() { throw new Error('test: the engine failed'); } });
  const r = s.importCheckpoint(hostile, TEXT, 0.1, '{}');
  assert.equal(r.ok, false);
  assert.equal(r.broken, true, 'the failure is marked as the engine\'s');
  assert.match(r.error, /the engine failed in CharLMSession\.importCheckpoint: test: the engine failed/);
  assert.match(M.engineFailure(), /test: the engine failed/);
  const after = s.train(1);
  assert.equal(after.ok, false);
  assert.equal(after.broken, true);
  assert.match(after.error, /stopped after an earlier failure/);
});
