// The module's catalogue and estimator (wasm/bindings.cpp) under Node, and the catalogue.json the build
// writes from it (scripts/write_catalogue.mjs): the page's menus, link fields and size readout come from here.
//   node --test tests/wasm/        (needs the module: bash scripts/build_wasm.sh)
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const ENGINE = path.join(ROOT, 'web', 'engine');
let M = null;

before(async () => {
  const require = createRequire(import.meta.url);
  const createRecurrentEngine = require(path.join(ENGINE, 'recurrent_engine.js'));
  M = await createRecurrentEngine({ wasmBinary: fs.readFileSync(path.join(ENGINE, 'recurrent_engine.wasm')) });
});

test('the catalogue file is what the module says', () => {
  const file = JSON.parse(fs.readFileSync(path.join(ENGINE, 'catalogue.json'), 'utf8'));
  assert.deepEqual(file, JSON.parse(M.catalogue()));
});

test('the catalogue describes every cell, family and field the page needs', () => {
  const c = JSON.parse(M.catalogue());
  assert.deepEqual(c.cells.map((x) => x.name), ['rnn_tanh', 'rnn_relu', 'lstm', 'lstm_peephole', 'lstm_coupled', 'gru']);
  const lstm = c.cells.find((x) => x.name === 'lstm');
  assert.deepEqual(lstm.gates.map((g) => g.letter), ['i', 'f', 'g', 'o']);
  assert.equal(lstm.cellState, true);
  assert.deepEqual(c.families.map((f) => f.name), ['lm', 'seq2seq', 'classify', 'lab']);
  for (const f of c.families) {
    const names = f.fields.map((x) => x.name);
    assert.equal(new Set(names).size, names.length, `${f.name}: field names are unique`);
    for (const field of f.fields) {
      assert.ok(field.label && field.group && field.type && 'default' in field, `${f.name}.${field.name} is described`);
      if (field.type === 'choice') assert.ok(field.choices.includes(field.default), `${f.name}.${field.name}: default is a choice`);
      if (field.type === 'int' || field.type === 'number') assert.ok(field.default >= field.min && field.default <= field.max);
    }
  }
  const hidden = c.families[0].fields.find((x) => x.name === 'hidden');
  assert.deepEqual([hidden.min, hidden.max, hidden.default, hidden.flag, hidden.meta], [1, 2048, 128, '--hidden', 'hidden_size']);
  assert.ok(c.families[1].tasks.some((t) => t.name === 'reverse' && t.title === 'Reverse'));
  assert.ok(c.limits.sessionBytes > 1e9);
});

test('estimate returns the exact parameter count the session then reports', () => {
  const config = { cell: 'gru', hidden: 24, layers: 2, embed: 8, seq: 16, batch: 4 };
  const text = 'abcdefgh '.repeat(200);
  const e = M.estimate('lm', JSON.stringify(config), JSON.stringify({ vocab: new Set(text).size }));
  assert.equal(e.ok, true, e.error);
  const s = new M.CharLMSession();
  const info = s.configure(JSON.stringify(config), text, 0.1);
  assert.equal(info.ok, true, info.error);
  assert.equal(e.params, info.params);
  assert.ok(e.bytes > 0 && e.flopsPerStep > 0 && e.unitsPerStep === 64);
  s.delete();
});

test('estimate refuses bad input with a message and never throws', () => {
  for (const [family, config, data] of [['nope', '{}', '{}'], ['lm', '{"hidden":0}', '{"vocab":5}'], ['lm', '{}', '{}'],
    ['lm', 'not json', '{}'], ['seq2seq', '{"task":"pairs"}', '{"pairs":"no tab here"}']]) {
    const r = M.estimate(family, config, data);
    assert.equal(r.ok, false);
    assert.equal(typeof r.error, 'string');
  }
  const s2s = M.estimate('seq2seq', '{"task":"reverse"}', '{}');
  assert.equal(s2s.ok, true, s2s.error);
});

test('the page refuses a model over the budget in the words its session would use', async () => {
  const { FAMILIES } = await import('../../web/families.js');
  const { budgetMessage } = await import('../../web/shell/estimate.js');
  const budget = JSON.parse(M.catalogue()).limits.sessionBytes;
  const engineWords = (pageWords) => pageWords[0].toLowerCase() + pageWords.slice(1, -1);
  const lm = FAMILIES.find((f) => f.id === 'lm');
  const big = { cell: 'lstm', hidden: 2048, layers: 3, embed: 2048, seq: 16, batch: 4 };
  const text = 'abcdefghij '.repeat(500);
  const e = M.estimate('lm', JSON.stringify(big), JSON.stringify({ vocab: new Set(text).size }));
  assert.equal(e.ok, true, e.error);
  assert.ok(e.bytes > budget && e.budgetBytes === budget);
  const s = new M.CharLMSession();
  const r = s.configure(JSON.stringify(big), text, 0.1);
  s.delete();
  assert.equal(r.ok, false);
  assert.equal(engineWords(budgetMessage(e.bytes, budget, lm.sizeAdvice)), r.error);

  const seq2seq = FAMILIES.find((f) => f.id === 'seq2seq');
  const wide = { task: 'reverse', hidden: 1024, layers: 4, embed: 1024, batch: 512, bidirectional: true, attn_size: 1024 };
  const e2 = M.estimate('seq2seq', JSON.stringify(wide), '{}');
  assert.equal(e2.ok, true, e2.error);
  assert.ok(e2.bytes > budget);
  const q = new M.Seq2SeqSession();
  const r2 = q.configure(JSON.stringify(wide), '');
  q.delete();
  assert.equal(r2.ok, false);
  assert.equal(engineWords(budgetMessage(e2.bytes, budget, seq2seq.sizeAdvice)), r2.error);
});

test('estimate: the seq2seq work follows the data (the copy task\'s delay lengthens every target)', () => {
  const at = (delay) => M.estimate('seq2seq', JSON.stringify({ task: 'copy', delay, batch: 8, train_size: 500, held_size: 50 }), '{}');
  const [a, b] = [at(0), at(3)];
  assert.equal(a.ok && b.ok, true);
  assert.ok(Math.abs(b.unitsPerStep - a.unitsPerStep - 3 * 8) < 1e-6, `${a.unitsPerStep} -> ${b.unitsPerStep}`);
  assert.ok(b.flopsPerStep > a.flopsPerStep);
  const lm = M.estimate('lm', JSON.stringify({ hidden: 32 }), '{"vocab": 40}');
  assert.ok(lm.evalFlopsPerUnit > 0 && lm.probeFlopsPerUnit > 0, 'the char LM says what a held-out character and a probe cost');
});
