// The WebAssembly module's JavaScript boundary (wasm/bindings.cpp) for sequence-to-sequence models, under
// Node without a browser: Seq2SeqSession returns plain objects ({ok: true, ...} or {ok: false, error}),
// typed-array copies of the documented sizes, and never aborts on bad input.
//   node --test tests/wasm/        (needs the module: bash scripts/build_wasm.sh)
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { M, loadEngine, session, assertRefused, sameBits, mean } from './engine.mjs';

before(loadEngine);

const REVERSE = { task: 'reverse', max_len: 6, train_size: 500, held_size: 20, hidden: 32, embed: 16, bidirectional: true, batch: 16 };
const reverse = (s) => Array.from(s).reverse().join('');

function seq2seq(experiment = REVERSE, pairs = '') {
  const q = new M.Seq2SeqSession();
  const info = q.configure(JSON.stringify(experiment), pairs);
  assert.equal(info.ok, true, `configure: ${info.error}`);
  return { q, info };
}

function assertAttention(d, sourceLen, what) {
  assert.equal(typeof d.text, 'string');
  assert.ok(Number.isFinite(d.logProb) && d.logProb <= 0, `${what}: log-probability ${d.logProb}`);
  assert.ok(Number.isFinite(d.score));
  assert.equal(typeof d.finished, 'boolean');
  assert.ok(Number.isInteger(d.steps) && d.steps >= 1, `${what}: steps ${d.steps}`);
  assert.ok(d.attention instanceof Float32Array, `${what}: attention is a Float32Array`);
  assert.equal(d.attention.length, d.steps * sourceLen, `${what}: attention is [steps, sourceLen]`);
  if (d.finished) assert.equal(d.steps, Array.from(d.text).length + 1, `${what}: one attention row per output character and EOS`);
  for (let t = 0; t < d.steps; t++) {
    const row = d.attention.subarray(t * sourceLen, (t + 1) * sourceLen);
    assert.ok(row.every((w) => w >= 0 && w <= 1));
    assert.ok(Math.abs(row.reduce((a, b) => a + b, 0) - 1) < 1e-4, `${what}: attention row ${t} sums to 1`);
  }
}

test('Seq2SeqSession: configure, train, evaluate and translate the reverse task', () => {
  const { q, info } = seq2seq();
  assert.equal(info.ok, true);
  assert.equal(info.vocabSize, 10, 'alphabet of 10 letters');
  assert.deepEqual(JSON.parse(info.vocab), 'abcdefghij'.split(''));
  assert.equal(info.trainExamples, 500);
  assert.equal(info.heldExamples, 20);
  assert.ok(info.params > 0);
  assert.equal(info.step, 0);
  const cfg = JSON.parse(info.config);
  assert.equal(cfg.task, 'reverse');
  assert.equal(cfg.bidirectional, true);
  assert.equal(cfg.hidden, 32);
  assert.ok(Array.isArray(info.samples) && info.samples.length > 0);
  for (const e of info.samples) {
    assert.equal(e.target, reverse(e.source), `sample pair ${e.source} -> ${e.target}`);
    assert.ok(e.source.length >= 3 && e.source.length <= 6);
  }

  const r = q.train(50);
  assert.equal(r.ok, true, r.error);
  assert.ok(r.losses instanceof Float32Array);
  assert.equal(r.losses.length, 50);
  assert.equal(r.step, 50);
  assert.ok(r.losses.every(Number.isFinite));
  assert.ok(mean(r.losses.slice(40)) < mean(r.losses.slice(0, 10)), 'the loss falls over 50 steps');

  const ev = q.evaluate(5);
  assert.equal(ev.ok, true, ev.error);
  assert.equal(ev.count, 5);
  assert.ok(ev.exact >= 0 && ev.exact <= 1 && ev.perChar >= 0 && ev.perChar <= 1);
  assert.equal(ev.examples.length, 5);
  for (const e of ev.examples) {
    for (const k of ['source', 'target', 'prediction']) assert.equal(typeof e[k], 'string', `example.${k}`);
    assert.equal(e.target, reverse(e.source));
    assert.equal(e.exact, e.prediction === e.target);
    assert.ok(e.charAccuracy >= 0 && e.charAccuracy <= 1);
    assert.equal(e.sourceLen, Array.from(e.source).length);
  }
  assert.equal(q.evaluate(0).examples.length, 20, 'limit 0: every held-out example');

  const tr = q.translate('abcd', 3, 1);
  assert.equal(tr.ok, true, tr.error);
  assert.equal(tr.sourceLen, 5, 'four characters and EOS');
  assertAttention(tr.greedy, tr.sourceLen, 'greedy');
  assert.ok(Array.isArray(tr.beams) && tr.beams.length >= 1 && tr.beams.length <= 3, `${tr.beams.length} beams`);
  tr.beams.forEach((b, i) => assertAttention(b, tr.sourceLen, `beam ${i}`));
  for (let i = 1; i < tr.beams.length; i++) assert.ok(tr.beams[i - 1].score >= tr.beams[i].score, 'beams are sorted by score');
  assert.deepEqual(q.translate('abcd', 0, 1).beams, [], 'beam width 0: greedy only');
  const one = q.translate('abcd', 1, 1);
  assert.equal(one.beams[0].text, one.greedy.text, 'beam width 1 is greedy decoding');
  assert.ok(Math.abs(one.beams[0].logProb - one.greedy.logProb) < 1e-4);
  // out-of-range arguments are refused before anything is sized from them (the heap does not grow)
  const heap = M.HEAP8.length;
  for (const [w, a] of [[-1, 1], [17, 1], [65537, 1], [4, -1], [4, NaN]]) {
    const r = q.translate('abcd', w, a);
    assert.equal(r.ok, false, `width ${w}, alpha ${a}`);
    assert.match(r.error, w < 0 || w > 16 ? /beam width must be between 0 \(greedy only\) and 16/ : /alpha must be between 0 and 2/);
  }
  assert.equal(M.HEAP8.length, heap, 'no memory was grown for a refused width');
  const long = q.translate('abcdefghij', 2, 0.6);
  assert.equal(long.ok, true, 'inputs longer than training are allowed');
  assertAttention(long.greedy, 11, 'long greedy');
});

test('Seq2SeqSession: training gets the reverse task partly right and export/import keeps the model', () => {
  const { q } = seq2seq({ ...REVERSE, seed: 3 });
  q.train(300);
  const ev = q.evaluate(0);
  assert.ok(ev.perChar > 0.6, `per-character accuracy after 300 steps: ${ev.perChar}`);
  const exp = q.exportCheckpoint(false);
  assert.equal(exp.ok, true, exp.error);
  assert.ok(exp.bytes instanceof Uint8Array);
  const b = new M.Seq2SeqSession();
  const info = b.importCheckpoint(exp.bytes, '{}', '');
  assert.equal(info.ok, true, info.error);
  assert.equal(JSON.parse(info.config).task, 'reverse', 'the experiment comes from the file');
  const x = q.translate('hgfe', 2, 1), y = b.translate('hgfe', 2, 1);
  assert.equal(y.greedy.text, x.greedy.text);
  assert.ok(sameBits(y.greedy.attention, x.greedy.attention), 'same weights, same attention');
  assert.equal(b.evaluate(0).exact, ev.exact);
});

test('Seq2SeqSession refuses invalid input with a message and keeps working', () => {
  const fresh = new M.Seq2SeqSession();
  assertRefused(fresh.train(1), /no model yet/, 'train before configure');
  assertRefused(fresh.evaluate(1), /no model yet/, 'evaluate before configure');
  assertRefused(fresh.translate('abc', 1, 1), /no model yet/, 'translate before configure');
  assertRefused(fresh.exportCheckpoint(false), /no model yet/, 'export before configure');
  const { q } = seq2seq();
  q.train(2);
  const configs = [
    ['{"task":"nope"}', '', /task/],
    ['{"hidden":0}', '', /hidden/],
    ['{"attention":"magic"}', '', /attention/],
    ['{"encoder_cell":"transformer"}', '', /cell/],
    ['{"bogus":1}', '', /bogus/],
    ['{"task":"pairs"}', '', /pairs/],
    ['{"task":"pairs"}', 'abc\tcba\n', /at least 2 pairs/],
    ['not json', '', /JSON|config/],
    ['[]', '', /object/],
  ];
  for (const [json, pairs, pattern] of configs) assertRefused(q.configure(json, pairs), pattern, `configure(${json})`);
  assertRefused(q.translate('', 1, 1), /empty/, 'empty input');
  assertRefused(q.translate('abz', 1, 1), /vocabulary/, 'a character outside the vocabulary');
  assertRefused(q.translate('a'.repeat(300), 1, 1), /longer than 255/, 'a 300-character input');
  assertRefused(q.translate('abc', 17, 1), /beam width/, 'beam width 17');
  for (const n of [0, -5, 100001]) assertRefused(q.train(n), /steps per chunk/, `train(${n})`);
  for (const bytes of [new Uint8Array(0), new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9]), q.exportCheckpoint(false).bytes.slice(0, 200)])
    assertRefused(q.importCheckpoint(bytes, '{}', ''), null, `import of ${bytes.length} bad bytes`);
  // a char-LM file is not a seq2seq model
  const lm = session().s.exportCheckpoint(false).bytes;
  assertRefused(q.importCheckpoint(lm, '{}', ''), null, 'import of a char-LM checkpoint');
  const r = q.train(1);
  assert.equal(r.ok, true, r.error);
  assert.equal(r.step, 3, 'the session survived every refusal');
});

test('Seq2SeqSession trains on user pairs', () => {
  const pairs = Array.from({ length: 40 }, (_, i) => `${i}\t${'x'.repeat((i % 5) + 1)}`).join('\n');
  const { q, info } = seq2seq({ task: 'pairs', hidden: 16, embed: 8, batch: 8, seed: 2 }, pairs);
  assert.equal(info.trainExamples + info.heldExamples, 40);
  assert.ok(info.heldExamples >= 1);
  assert.equal(q.train(5).step, 5);
  const ev = q.evaluate(0);
  assert.equal(ev.count, info.heldExamples);
});

test('Seq2SeqSession: a file with its training state resumes with bitwise the same losses', () => {
  const { q } = seq2seq({ ...REVERSE, seed: 4, sampling_rate: 0.2 });
  assert.equal(q.train(13).ok, true);
  const saved = q.exportCheckpoint(true);
  assert.equal(saved.ok, true, saved.error);
  const expected = q.train(10).losses;
  const r = new M.Seq2SeqSession();
  const info = r.importCheckpoint(saved.bytes, '{}', '');
  assert.equal(info.ok, true, info.error);
  assert.equal(info.step, 13, 'the engine counts on from the saved step');
  assert.ok(sameBits(r.train(10).losses, expected), 'the same batches, moments and sampling draws');
});
