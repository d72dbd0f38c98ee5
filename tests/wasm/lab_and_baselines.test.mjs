// The WebAssembly boundary of the worked-example lab (LabSession.run, engine/lab/bindings.cpp) and of
// the char LM's memoryless baselines (CharLMSession.setBaselines / baselineLosses), under Node.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { M, loadEngine, TEXT, SMALL, session } from './engine.mjs';

before(loadEngine);

const lab = (experiment) => {
  const s = new M.LabSession();
  const r = s.run(experiment);
  s.delete();
  return r;
};

test('the lab gives the lectures\' worked example exactly, in both orders', () => {
  const a = lab('{}');
  assert.equal(a.ok, true, a.error);
  assert.deepEqual([a.I, a.H, a.O, a.T], [2, 2, 2, 3]);
  assert.ok(a.y instanceof Float64Array);
  assert.deepEqual(Array.from(a.y), [4, 4, 12, 12, 32, 32]);
  assert.deepEqual(Array.from(a.h), [0, 0, 2, 2, 6, 6, 16, 16]);
  const b = lab(JSON.stringify({ inputs: '2,2;1,1;1,1' }));
  assert.deepEqual(Array.from(b.y), [8, 8, 20, 20, 44, 44]);
});

test('the lab refuses bad sizes and numbers with the field at fault, and never aborts', () => {
  const r = lab(JSON.stringify({ hidden: 3 }));
  assert.equal(r.ok, false);
  assert.equal(r.field, 'w_in');
  assert.match(r.error, /W_in needs 3 rows/);
  assert.equal(lab(JSON.stringify({ output_size: 7 })).field, 'output_size');
  assert.equal(lab('not json').ok, false);
  const wrongType = lab(42);
  assert.equal(wrongType.ok, false);
  assert.match(wrongType.error, /run: argument 'experiment' must be a string/);
  assert.equal(lab(JSON.stringify({ inputs: '1,1;'.repeat(17) + '1,1' })).field, 'inputs');
});

test('the baselines train beside the model and report held-out losses; off is null', () => {
  const { s } = session(SMALL, TEXT, 0.1);
  let b = s.baselineLosses();
  assert.equal(b.ok, true, b.error);
  assert.equal(b.ngram, null);
  assert.equal(b.window, null);
  assert.equal(s.setBaselines(3, 4).ok, true);
  const r = s.train(5);
  assert.equal(r.ok, true, r.error);
  b = s.baselineLosses();
  assert.ok(b.ngram > 0 && Number.isFinite(b.ngram), `n-gram ${b.ngram}`);
  assert.ok(b.window > 0 && Number.isFinite(b.window), `window ${b.window}`);
  assert.equal(b.windowSteps, 5);
  const refused = s.setBaselines(9, 0);
  assert.equal(refused.ok, false);
  assert.match(refused.error, /n-gram order/);
  assert.match(s.setBaselines('5', 0).error, /setBaselines: argument 'ngram' must be a number/);
  s.delete();
});
