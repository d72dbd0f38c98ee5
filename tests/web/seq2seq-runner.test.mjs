// The worker's seq2seq half (web/seq2seq/runner.js) on the real engine under Node: the twin trains in lockstep,
// a twin started late catches up to the same weights as one started with the model, chunks stop at the
// accuracy schedule, and exported files carry the step the page counts. Skipped when the engine is not built
// (web/engine/ is made by scripts/build_wasm.sh, which `npm test` runs first).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';

import * as P from '../../web/seq2seq/accuracy-schedule.js';
import { Seq2SeqRunner } from '../../web/seq2seq/runner.js';
import { readMetadata as SafetensorsMeta } from '../../web/shell/safetensors.js';

const require = createRequire(import.meta.url);
const ENGINE = new URL('../../web/engine/', import.meta.url);
const built = fs.existsSync(new URL('recurrent_engine.wasm', ENGINE)) && fs.existsSync(new URL('recurrent_engine.js', ENGINE));

let Module = null;
async function engine() {
  if (!Module) {
    const create = require(new URL('recurrent_engine.js', ENGINE).pathname);
    Module = await create({ wasmBinary: fs.readFileSync(new URL('recurrent_engine.wasm', ENGINE)) });
  }
  if (typeof Module.Seq2SeqSession !== 'function') return null;
  return Module;
}

const SMALL = JSON.stringify({ task: 'reverse', min_len: 3, max_len: 6, alphabet: 5, train_size: 300, held_size: 40, hidden: 16, embed: 8, attn_size: 16, batch: 8, seed: 3 });

async function runner(t) {
  if (!built) {
    t.skip('the engine is not built (bash scripts/build_wasm.sh)');
    return null;
  }
  const M = await engine();
  if (!M) {
    t.skip('this engine build has no Seq2SeqSession');
    return null;
  }
  const r = new Seq2SeqRunner(M);
  const c = r.configure(SMALL, '');
  assert.equal(c.ok, true, c.error);
  return r;
}

// Trains until the model reaches `step` (or, while catching up, until the twin is level). Collects everything.
function trainTo(r, step, chunk) {
  const out = { losses: [], twinLosses: [], evals: [], chunks: [] };
  while (r.step < step || r.catchingUp) {
    const c = r.train(Math.min(chunk, Math.max(1, step - r.step)));
    assert.equal(c.ok, true, c.error);
    out.chunks.push([c.steps, c.twinSteps, r.step, r.twinStep]);
    if (c.losses) out.losses.push(...c.losses);
    if (c.twinLosses) out.twinLosses.push(...c.twinLosses);
    out.evals.push(...c.evals);
  }
  return out;
}

test('the accuracy schedule: every 25 steps to 250, every 50 to 2,000, then every 200', () => {
  const steps = [];
  for (let s = 0; s < 2500; s = P.s2sNextEval(s)) steps.push(s);
  assert.deepEqual(steps.slice(0, 12), [0, 25, 50, 75, 100, 125, 150, 175, 200, 225, 250, 300]);
  assert.ok(steps.includes(2000) && steps.includes(2200) && !steps.includes(2050));
  assert.equal(P.s2sNextEval(249), 250);
});

test('the twin trains in lockstep and both are measured at the scheduled steps', async (t) => {
  const r = await runner(t);
  if (!r) return;
  assert.equal(JSON.parse(r.twinConfig()).attention, 'none');
  const s = r.startTwin(null);
  assert.equal(s.ok, true, s.error);
  const got = trainTo(r, 60, 7);
  for (const [steps, twinSteps, step, twinStep] of got.chunks) {
    assert.equal(steps, twinSteps, 'every chunk trains both the same number of steps');
    assert.equal(step, twinStep);
  }
  assert.ok(got.chunks.every(([steps]) => steps <= 7));
  assert.deepEqual(got.evals.map(([st, who]) => `${st}/${who}`), ['25/0', '25/1', '50/0', '50/1']);
  assert.equal(got.losses.length, 60);
  assert.equal(got.twinLosses.length, 60);
  for (const [, , exact, perChar] of got.evals) assert.ok(exact >= 0 && exact <= 1 && perChar >= 0 && perChar <= 1);
  r.stopTwin();
  assert.equal(r.twin, null);
});

test('a twin started late catches up, while the model waits, to exactly the twin started with it', async (t) => {
  const a = await runner(t);
  if (!a) return;
  a.startTwin(null);
  const early = trainTo(a, 60, 16);

  const b = await runner(t);
  const alone = trainTo(b, 60, 16);
  assert.deepEqual(alone.losses, early.losses, 'the model trains the same with or without a twin');
  b.startTwin(null);
  assert.equal(b.catchingUp, true);
  const first = b.train(1000);
  assert.equal(first.steps, 0, 'the model waits');
  assert.equal(first.twinSteps, 25, 'a catch-up chunk stops at the next scheduled measurement');
  const rest = trainTo(b, 60, 1000);
  assert.equal(b.catchingUp, false);
  assert.equal(b.step, 60);
  assert.equal(b.twinStep, 60);
  assert.deepEqual([...first.twinLosses, ...rest.twinLosses], early.twinLosses, 'the same twin losses, step for step');
  const twinEvals = [...first.evals, ...rest.evals].filter(([, who]) => who === 1).map(([st]) => st);
  assert.deepEqual(twinEvals, [25, 50]);
});

test('exported files carry the page\'s step, and a restored model counts on from it', async (t) => {
  const r = await runner(t);
  if (!r) return;
  trainTo(r, 30, 30);
  const e = r.exportModel(false);
  assert.equal(e.ok, true, e.error);
  const meta = SafetensorsMeta(e.bytes);
  assert.equal(meta.model, 'seq2seq');
  assert.equal(meta.optim_step, '30');
  assert.ok(JSON.parse(meta.experiment).task === 'reverse');

  const back = await runner(t);
  const i = back.importModel(e.bytes, SMALL, '', 30);
  assert.equal(i.ok, true, i.error);
  assert.equal(back.step, 30);
  assert.equal(back.info.step, 30);
  trainTo(back, 35, 5);
  const again = SafetensorsMeta(back.exportModel(false).bytes);
  assert.equal(again.optim_step, '35', 'the engine counts from the import; the file says 35');
  // the header rewrite keeps the file valid for the engine
  const third = await runner(t);
  assert.equal(third.importModel(back.exportModel(false).bytes, SMALL, '', 35).ok, true);
});

test('a file with the training state resumes the run exactly, and the page counts its steps once', async (t) => {
  const r = await runner(t);
  if (!r) return;
  trainTo(r, 30, 30);
  const e = r.exportModel(false, true);
  assert.equal(e.ok, true, e.error);
  assert.equal(SafetensorsMeta(e.bytes).optim_step, '30');
  const expected = trainTo(r, 40, 10).losses;
  const back = await runner(t);
  assert.equal(back.importModel(e.bytes, SMALL, '', 30).ok, true);
  assert.equal(back.step, 30, 'not 60: the engine brings its own count');
  assert.deepEqual(trainTo(back, 40, 10).losses, expected, 'the same losses as the run that went on');
});

test('a twin restored from its own file is level with the model (no catch-up)', async (t) => {
  const r = await runner(t);
  if (!r) return;
  r.startTwin(null);
  trainTo(r, 25, 25);
  const e = r.exportModel(true);
  assert.ok(e.twinBytes, 'the twin is saved when level with the model');
  const back = await runner(t);
  back.importModel(e.bytes, SMALL, '', 25);
  const s = back.startTwin(e.twinBytes);
  assert.equal(s.ok, true, s.error);
  assert.equal(back.twinStep, 25);
  assert.equal(back.catchingUp, false);
  assert.equal(SafetensorsMeta(e.twinBytes).optim_step, '25');
});

test('translate and evaluate return what the views draw', async (t) => {
  const r = await runner(t);
  if (!r) return;
  trainTo(r, 25, 25);
  const tr = r.translate('abcde', 3, 1, false);
  assert.equal(tr.ok, true, tr.error);
  assert.equal(tr.sourceLen, 6, 'five characters and EOS');
  assert.equal(tr.greedy.attention.length, tr.greedy.steps * tr.sourceLen);
  assert.ok(tr.beams.length >= 1 && tr.beams.length <= 3);
  for (let row = 0; row < tr.greedy.steps; row++) {
    let sum = 0;
    for (let c = 0; c < tr.sourceLen; c++) sum += tr.greedy.attention[row * tr.sourceLen + c];
    assert.ok(Math.abs(sum - 1) < 1e-3, `attention row ${row} sums to 1 (${sum})`);
  }
  const ev = r.evaluate(0, false);
  assert.equal(ev.ok, true);
  assert.equal(ev.main.count, 40);
  assert.equal(ev.twin, null);
  assert.ok(ev.main.examples.every((x) => typeof x.sourceLen === 'number' && typeof x.exact === 'boolean'));
  assert.equal(r.translate('abcz', 3, 1, false).ok, false, 'a character outside the vocabulary is an error, not a crash');
});
