// The WebAssembly module's JavaScript boundary (wasm/bindings.cpp) for the character language model, under
// Node without a browser: CharLMSession returns plain objects ({ok: true, ...} or {ok: false, error}),
// typed-array copies of the documented sizes, and never aborts on bad input.
//   node --test tests/wasm/        (needs the module: bash scripts/build_wasm.sh)
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { M, loadEngine, TEXT, SMALL, session, assertRefused, sameBits, mean } from './engine.mjs';

before(loadEngine);

const GATES = { rnn_tanh: 1, rnn_relu: 1, lstm: 4, lstm_peephole: 4, lstm_coupled: 3, gru: 3 };
const HAS_CELL_STATE = { rnn_tanh: false, rnn_relu: false, lstm: true, lstm_peephole: true, lstm_coupled: true, gru: false };

const codePoints = (s) => Array.from(s);

// Parameter count of the char LM as the README's PyTorch module has it.
function charLmParams({ cell, hidden: H, layers: L = 1, embed: E = 0 }, V) {
  const G = GATES[cell];
  let n = E > 0 ? V * E : 0;
  for (let l = 0; l < L; l++) {
    const input = l === 0 ? (E > 0 ? E : V) : H;
    n += G * H * (input + H) + 2 * G * H + (cell === 'lstm_peephole' ? 3 * H : 0);
  }
  return n + H * V + V;
}

test('CharLMSession.configure accepts a valid config and describes the session', () => {
  const config = { ...SMALL, layers: 2, embed: 8, optim: 'rmsprop', lr: 0.01 };
  const { info } = session(config, TEXT, 0.1);
  assert.equal(info.ok, true);
  const cfg = JSON.parse(info.config);
  for (const [k, v] of Object.entries(config)) assert.equal(cfg[k], v, `config.${k} in force`);
  assert.equal(cfg.clip_norm, 5, 'defaults are filled in');
  const vocab = JSON.parse(info.vocab);
  assert.deepEqual(vocab, [...new Set(TEXT)].sort((a, b) => a.codePointAt(0) - b.codePointAt(0)), 'vocab: distinct characters by code point');
  assert.equal(info.vocabSize, vocab.length);
  assert.equal(info.trainChars + info.heldChars, TEXT.length);
  assert.equal(info.heldChars, Math.floor(TEXT.length * 0.1));
  assert.equal(info.params, charLmParams(config, vocab.length));
  assert.equal(info.step, 0);
  assert.equal(info.notice, undefined);
});

test('CharLMSession.configure refuses every invalid config with a message and keeps the previous session', () => {
  const { s } = session();
  assert.equal(s.train(3).step, 3);
  const cases = [
    [{ cell: 'transformer' }, TEXT, 0.1, /cell/],
    [{ hidden: 0 }, TEXT, 0.1, /hidden/],
    [{ hidden: -5 }, TEXT, 0.1, /hidden/],
    [{ hidden: 5000 }, TEXT, 0.1, /hidden/],
    [{ hidden: 8.5 }, TEXT, 0.1, /hidden/],
    [{ hidden: '8' }, TEXT, 0.1, /hidden/],
    [{ layers: 5 }, TEXT, 0.1, /layers/],
    [{ embed: -1 }, TEXT, 0.1, /embedding/],
    [{ seq: 0 }, TEXT, 0.1, /sequence length/],
    [{ batch: 0 }, TEXT, 0.1, /batch/],
    [{ optim: 'lbfgs' }, TEXT, 0.1, /optim/],
    [{ lr: 0 }, TEXT, 0.1, /learning rate/],
    [{ lr: -1 }, TEXT, 0.1, /learning rate/],
    [{ momentum: 2 }, TEXT, 0.1, /momentum/],
    [{ weight_decay: -1 }, TEXT, 0.1, /weight decay/],
    [{ lr_gamma: 0 }, TEXT, 0.1, /decay factor/],
    [{ lr_every: 0 }, TEXT, 0.1, /decay period/],
    [{ clip_norm: -1 }, TEXT, 0.1, /clip/],
    [{ seed: -1 }, TEXT, 0.1, /seed/],
    [{ nesterov: 'yes' }, TEXT, 0.1, /nesterov/],
    [{ bogus: 1 }, TEXT, 0.1, /unknown field 'bogus'/],
    [{ seq: 64, batch: 64 }, TEXT, 0.1, /too short/],
    [{ hidden: 2048, seq: 1024, batch: 1024 }, TEXT, 0.1, /too large|too short/],
    [SMALL, '', 0.1, /empty/],
    [SMALL, 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 0.1, /one distinct character/],
    [SMALL, TEXT, 0.7, /held-out/],
    [SMALL, TEXT, -0.1, /held-out/],
    [SMALL, TEXT, NaN, /held-out/],
  ];
  for (const [config, text, held, pattern] of cases) {
    assertRefused(s.configure(JSON.stringify(config), text, held), pattern, `configure(${JSON.stringify(config)}, ${text.length} chars, ${held})`);
  }
  for (const raw of ['', '{', '[]', 'null', '"lstm"', '{"hidden":1e400}', '{"hidden":16,}']) {
    assertRefused(s.configure(raw, TEXT, 0.1), /config|JSON/, `configure('${raw}')`);
  }
  // still the same session: three steps taken, the fourth comes next
  const r = s.train(1);
  assert.equal(r.ok, true, r.error);
  assert.equal(r.step, 4, 'a refused configure leaves the previous session in place');
});

test('CharLMSession.train returns per-step Float32Array losses that fall on a repeated text', () => {
  const { s } = session({ cell: 'lstm', hidden: 32, seq: 16, batch: 4, seed: 3, lr: 0.01 }, 'hello world. '.repeat(100), 0);
  const r = s.train(100);
  assert.equal(r.ok, true, r.error);
  assert.ok(r.losses instanceof Float32Array, 'losses is a Float32Array');
  assert.ok(r.gradNorms instanceof Float32Array, 'gradNorms is a Float32Array');
  assert.equal(r.losses.length, 100);
  assert.equal(r.gradNorms.length, 100);
  assert.equal(r.step, 100);
  assert.equal(r.diverged, undefined, "no step diverged");
  assert.ok(r.losses.every(Number.isFinite) && r.gradNorms.every((g) => Number.isFinite(g) && g >= 0));
  assert.equal(Math.fround(r.loss), r.losses[99], 'loss is the last step\'s');
  assert.ok(r.seconds >= 0);
  const V = 9;  // "hello world. " has 9 distinct characters
  assert.ok(Math.abs(r.losses[0] - Math.log(V)) < 0.5, `first loss ${r.losses[0]} is near ln(V) = ${Math.log(V).toFixed(3)}`);
  const first = mean(r.losses.slice(0, 10)), last = mean(r.losses.slice(90));
  assert.ok(last < 0.5 * first, `the loss falls: first ten ${first.toFixed(3)}, last ten ${last.toFixed(3)}`);
  // chunks continue the count
  const r2 = s.train(7);
  assert.equal(r2.step, 107);
  assert.equal(r2.losses.length, 7);
  for (const n of [0, -1, 100001]) assertRefused(s.train(n), /steps per chunk/, `train(${n})`);
  assert.equal(s.train(1).step, 108, 'refused chunks take no step');
});

test('CharLMSession: the same seed gives bitwise the same losses and samples', () => {
  const a = session().s, b = session().s;
  assert.ok(sameBits(a.train(20).losses, b.train(20).losses), 'identical losses');
  assert.equal(a.sample('the ', 60, 1, 0, false).text, b.sample('the ', 60, 1, 0, false).text, 'identical samples');
  const c = session({ ...SMALL, seed: 8 }).s;
  assert.ok(!sameBits(session().s.train(5).losses, c.train(5).losses), 'another seed, other losses');
});

test('CharLMSession: sample, predict, probe, sensitivity and gradientFlow have the documented shapes', () => {
  const T = 23;
  const probeText = TEXT.slice(0, T);
  for (const cell of Object.keys(GATES)) {
    const L = 2, H = 12;
    const { s, info } = session({ cell, hidden: H, layers: L, seq: 16, batch: 4, seed: 1 });
    const V = info.vocabSize;
    const vocab = new Set(JSON.parse(info.vocab));
    const before = s.gradientFlow();
    assert.equal(before.ok, true, before.error);
    assert.ok(before.values instanceof Float32Array);
    assert.equal(s.train(2).ok, true);

    const sm = s.sample('the ', 50, 0.8, 5, false);
    assert.equal(sm.ok, true, sm.error);
    assert.equal(codePoints(sm.text).length, 50, `${cell}: sample has the asked length`);
    assert.ok(codePoints(sm.text).every((c) => vocab.has(c)), `${cell}: sample characters are in the vocabulary`);
    assert.equal(s.sample('', 0, 1, 0, true).text, '', 'length 0 samples nothing');

    const pr = s.predict('the qu', 1, 0, false);
    assert.equal(pr.ok, true, pr.error);
    assert.ok(pr.probs instanceof Float32Array);
    assert.equal(pr.probs.length, V, `${cell}: predict gives [V]`);
    assert.ok(pr.probs.every((p) => p >= 0 && p <= 1));
    assert.ok(Math.abs(pr.probs.reduce((a, b) => a + b, 0) - 1) < 1e-4, 'probabilities sum to 1');
    const greedy = s.predict('the qu', 1, 0, true).probs;
    assert.equal(greedy.filter((p) => p === 1).length, 1, 'greedy puts all mass on one character');
    const topk = s.predict('the qu', 1, 3, false).probs;
    assert.equal(topk.filter((p) => p > 0).length, 3, 'top-3 keeps three characters');
    assert.equal(s.predict('', 1, 0, false).probs.length, V, 'empty text: the distribution after the start character');

    const p = s.probe(probeText);
    assert.equal(p.ok, true, p.error);
    const G = GATES[cell];
    assert.deepEqual([p.steps, p.layers, p.hidden, p.gates], [T, L, H, G], `${cell}: probe dimensions`);
    for (const k of ['hiddenStates', 'cellStates', 'gateValues', 'charLoss']) assert.ok(p[k] instanceof Float32Array, `${k} is a Float32Array`);
    assert.equal(p.hiddenStates.length, L * T * H, `${cell}: hiddenStates [L, T, H]`);
    assert.equal(p.cellStates.length, HAS_CELL_STATE[cell] ? L * T * H : 0, `${cell}: cellStates [L, T, H] or empty`);
    assert.equal(p.gateValues.length, L * T * G * H, `${cell}: gateValues [L, T, G*H]`);
    assert.equal(p.charLoss.length, T - 1, `${cell}: charLoss [T-1]`);
    assert.ok(p.charLoss.every((x) => Number.isFinite(x) && x >= 0));
    if (cell === 'rnn_tanh') assert.ok(p.hiddenStates.every((h) => h >= -1 && h <= 1), 'tanh states in [-1, 1]');
    if (cell === 'rnn_relu') assert.ok(p.hiddenStates.every((h) => h >= 0), 'relu states are >= 0');

    const sens = s.sensitivity(probeText);
    assert.equal(sens.ok, true, sens.error);
    assert.ok(sens.values instanceof Float32Array);
    assert.equal(sens.values.length, L * T, `${cell}: sensitivity [L, T]`);
    assert.ok(sens.values.every((x) => Number.isFinite(x) && x >= 0));
    assert.ok(sens.values[0] > 0, 'the first state depends on the first input');
    assert.equal(s.sensitivity('t'.repeat(600)).values.length, L * 512, 'sensitivity covers at most 512 characters');

    const g = s.gradientFlow();
    assert.equal(g.ok, true, g.error);
    assert.ok(g.values instanceof Float32Array);
    assert.equal(g.values.length, L * 16, `${cell}: gradientFlow [L, seq]`);
    assert.ok(g.values.every((x) => Number.isFinite(x) && x >= 0) && g.values.some((x) => x > 0));
  }
});

test('CharLMSession: bad sampling, prediction and probe input is refused', () => {
  const { s } = session();
  s.train(1);
  const bad = [
    [() => s.sample('', -1, 1, 0, false), /length/, 'sample length -1'],
    [() => s.sample('', 100001, 1, 0, false), /length/, 'sample length 100001'],
    [() => s.sample('', 5, 0, 0, false), /temperature/, 'temperature 0'],
    [() => s.sample('', 5, NaN, 0, false), /temperature/, 'temperature NaN'],
    [() => s.sample('', 5, 1, -1, false), /top-k/, 'top-k -1'],
    [() => s.sample('Zebra', 5, 1, 0, false), /vocabulary/, 'sample prime outside the vocabulary'],
    [() => s.predict('QQ', 1, 0, false), /vocabulary/, 'predict text outside the vocabulary'],
    [() => s.predict('the', 1000, 0, false), /temperature/, 'predict temperature 1000'],
    [() => s.probe(''), /empty/, 'empty probe'],
    [() => s.probe('the Z'), /vocabulary/, 'probe outside the vocabulary'],
    [() => s.probe('t'.repeat(4097)), /longer than 4096/, 'probe over 4096 characters'],
    [() => s.sensitivity(''), /empty/, 'empty sensitivity text'],
  ];
  for (const [call, pattern, what] of bad) assertRefused(call(), pattern, what);
  const fresh = new M.CharLMSession();
  for (const [name, call] of Object.entries({
    train: () => fresh.train(1), heldOutLoss: () => fresh.heldOutLoss(), sample: () => fresh.sample('', 5, 1, 0, false),
    predict: () => fresh.predict('', 1, 0, false), probe: () => fresh.probe('a'), sensitivity: () => fresh.sensitivity('a'),
    gradientFlow: () => fresh.gradientFlow(), exportCheckpoint: () => fresh.exportCheckpoint(true),
  })) assertRefused(call(), /no model yet/, `${name} before configure`);
  assert.equal(s.train(1).step, 2, 'the module still works');
});

test('CharLMSession.heldOutLoss is the loss on the held-out end, and refused without one', () => {
  const { s } = session();
  const h = s.heldOutLoss();
  assert.equal(h.ok, true, h.error);
  assert.ok(Number.isFinite(h.loss) && h.loss > 0);
  const none = session(SMALL, TEXT, 0).s;
  assertRefused(none.heldOutLoss(), /held-out/, 'heldOutLoss with nothing held out');
});

function safetensorsMeta(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = Number(view.getBigUint64(0, true));
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n)));
  return header;
}

test('CharLMSession: exportCheckpoint -> importCheckpoint with training state resumes with identical losses', () => {
  const config = { cell: 'gru', hidden: 24, layers: 2, embed: 6, seq: 12, batch: 3, seed: 11, optim: 'adam' };
  const { s: a } = session(config);
  a.train(20);
  const exp = a.exportCheckpoint(true);
  assert.equal(exp.ok, true, exp.error);
  assert.ok(exp.bytes instanceof Uint8Array);
  const header = safetensorsMeta(exp.bytes);
  assert.equal(header.__metadata__.model, 'char_lm');
  assert.equal(header.__metadata__.cell, 'gru');
  assert.ok(Object.keys(header).some((k) => k.startsWith('optim.')), 'with training state: optimizer tensors');
  const continued = a.train(10).losses;

  const b = new M.CharLMSession();
  const info = b.importCheckpoint(exp.bytes, TEXT, 0.1, JSON.stringify(SMALL));
  assert.equal(info.ok, true, info.error);
  assert.equal(info.step, 20, 'the optimizer step comes along');
  const cfg = JSON.parse(info.config);
  for (const [k, v] of Object.entries(config)) assert.equal(cfg[k], v, `config.${k} comes from the file, not the fallback`);
  const resumed = b.train(10);
  assert.equal(resumed.step, 30);
  assert.ok(sameBits(resumed.losses, continued), `resumed losses ${Array.from(resumed.losses).slice(0, 3)} equal the original's ${Array.from(continued).slice(0, 3)}`);
});

test('CharLMSession: a weights-only export loads with the fallback training settings and the same predictions', () => {
  const { s: a } = session({ cell: 'lstm', hidden: 20, seq: 16, batch: 4, seed: 5, lr: 0.01 });
  a.train(15);
  const exp = a.exportCheckpoint(false);
  assert.equal(exp.ok, true, exp.error);
  const header = safetensorsMeta(exp.bytes);
  assert.ok(!Object.keys(header).some((k) => k.startsWith('optim.') || k.startsWith('train.')), 'no training state');
  assert.deepEqual(Object.keys(header).filter((k) => k !== '__metadata__').sort(),
    ['head.bias', 'head.weight', 'rnn.bias_hh_l0', 'rnn.bias_ih_l0', 'rnn.weight_hh_l0', 'rnn.weight_ih_l0'], 'PyTorch names');
  const b = new M.CharLMSession();
  const info = b.importCheckpoint(exp.bytes, TEXT, 0.1, JSON.stringify({ ...SMALL, optim: 'sgd', lr: 0.5, seq: 8 }));
  assert.equal(info.ok, true, info.error);
  assert.equal(info.step, 0, 'weights only: a fresh optimizer');
  const cfg = JSON.parse(info.config);
  assert.equal(cfg.hidden, 20, 'the model shape comes from the file');
  assert.equal(cfg.optim, 'sgd', 'training settings come from the fallback config');
  assert.equal(cfg.seq, 8);
  assert.ok(sameBits(a.predict('the quick', 1, 0, false).probs, b.predict('the quick', 1, 0, false).probs), 'same weights, same predictions');
  assert.equal(b.train(2).step, 2);
});

test('CharLMSession.importCheckpoint refuses corrupt bytes and keeps the session', () => {
  const { s } = session();
  s.train(5);
  const good = s.exportCheckpoint(true).bytes;
  const headerLen = Number(new DataView(good.buffer, good.byteOffset).getBigUint64(0, true));
  const random = new Uint8Array(4096);
  let x = 12345;
  for (let i = 0; i < random.length; i++) random[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
  const lyingLength = good.slice();
  new DataView(lyingLength.buffer).setBigUint64(0, BigInt(good.length), true);
  const badJson = good.slice();
  badJson[8] = 0x5b;  // '[' instead of '{'
  const header = (obj) => {
    const json = new TextEncoder().encode(JSON.stringify(obj));
    const out = new Uint8Array(8 + json.length);
    new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
    out.set(json, 8);
    return out;
  };
  const cases = {
    empty: new Uint8Array(0),
    'seven bytes': good.slice(0, 7),
    'header length only': good.slice(0, 8),
    random,
    'lying header length': lyingLength,
    'header is not an object': badJson,
    'metadata only': header({ __metadata__: { model: 'char_lm' } }),
    'cut in the header': good.slice(0, 8 + Math.floor(headerLen / 2)),
  };
  for (const frac of [0.2, 0.5, 0.9, 0.999]) cases[`cut at ${frac * 100}%`] = good.slice(0, 8 + headerLen + Math.floor((good.length - 8 - headerLen) * frac));
  for (const [what, bytes] of Object.entries(cases)) {
    assertRefused(s.importCheckpoint(bytes, TEXT, 0.1, JSON.stringify(SMALL)), null, `import ${what}`);
  }
  // a text the model cannot read
  assertRefused(s.importCheckpoint(good, 'ZZZZ YYYY XXXX '.repeat(100), 0.1, JSON.stringify(SMALL)), /vocabulary|character/, 'a text outside the model\'s vocabulary');
  // a bad fallback config for a weights-only file
  assertRefused(s.importCheckpoint(s.exportCheckpoint(false).bytes, TEXT, 0.1, '{"optim":"nope"}'), /optim/, 'a bad fallback config');
  assert.equal(s.train(1).step, 6, 'the session is untouched after every refusal');
});
