// The WebAssembly module's JavaScript boundary for classifiers (engine/classify/bindings.cpp), under Node:
// files with and without their training state, and refusals as values.
//   node --test tests/wasm/        (needs the module: bash scripts/build_wasm.sh)
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { M, loadEngine, assertRefused, sameBits } from './engine.mjs';

before(loadEngine);

const NAMES = { task: 'names', train_size: 60, held_size: 10, hidden: 8, embed: 4, batch: 8, seed: 3 };

function classifier(experiment = NAMES) {
  const s = new M.ClassifySession();
  const info = s.configure(JSON.stringify(experiment), '');
  assert.equal(info.ok, true, `configure: ${info.error}`);
  return s;
}

test('ClassifySession: a file with its training state resumes with bitwise the same losses; one without restarts', () => {
  const s = classifier();
  assert.equal(s.train(11).ok, true);
  const resumable = s.exportCheckpoint(true), weightsOnly = s.exportCheckpoint(false);
  assert.equal(resumable.ok, true, resumable.error);
  assert.ok(resumable.bytes.length > weightsOnly.bytes.length, 'the optimizer state makes the file larger');
  const expected = s.train(10).losses;
  const r = new M.ClassifySession();
  const info = r.importCheckpoint(resumable.bytes, '{}', '');
  assert.equal(info.ok, true, info.error);
  assert.equal(info.step, 11, 'the engine counts on from the saved step');
  assert.equal(info.notice, undefined);
  assert.ok(sameBits(r.train(10).losses, expected), 'the same batches and moments');
  const w = new M.ClassifySession();
  assert.equal(w.importCheckpoint(weightsOnly.bytes, '{}', '').step, 0);
  assert.ok(!sameBits(w.train(10).losses, expected), 'a fresh optimizer trains otherwise');
});

test('ClassifySession: exportCheckpoint and importCheckpoint refuse bad arguments as values', () => {
  const fresh = new M.ClassifySession();
  assertRefused(fresh.exportCheckpoint(false), /no model yet/, 'export before configure');
  assertRefused(fresh.exportCheckpoint('yes'), /withTrainingState/, 'a non-boolean flag');
  assertRefused(fresh.importCheckpoint(new Uint8Array([1, 2, 3]), '{}', ''), /./, 'three bytes');
});
