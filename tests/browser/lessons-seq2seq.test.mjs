// The seq2seq lessons (web/seq2seq/lessons.js): each is opened through the header's Lessons menu, trained for
// the steps it names with its own button (lesson-steps.mjs), and its caption's claim is checked on what the
// page then shows: the beam view's outputs and log-probabilities, the length view's points, the attention
// map's weights as hovering reads them, and the held-out exact-match readout. A new seq2seq lesson adds its
// test here.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { LONG, assertNoErrors, browserSuite, readText, screenshot, tid } from './harness.mjs';
import { lesson, openLesson, trainLesson } from './lesson-steps.mjs';

const env = browserSuite();

// ---------------------------------------------------------------- what the seq2seq views show

// Waits until the views have decoded the trained model: the translation of the attention view's input (the
// attention and beam views) and, when asked, the held-out evaluation (the examples and length views), both
// at `step`.
async function waitForDecoding(page, step, { translation = false, evaluation = false } = {}) {
  await page.waitForFunction(({ step, translation, evaluation }) => {
    const app = window.recurrentPlayground;
    return (!translation || (app.translation && app.translation.step === step))
      && (!evaluation || (app.evaluation && app.evaluation.step === step));
  }, { step, translation, evaluation }, { timeout: LONG, polling: 100 });
}

// The beam view: the greedy output and the beam's hypotheses (best first), each {text, logProb, right},
// read from their text: "log P -2.006 (13%) ✗" (✓/✗ when the page knows the answer).
async function readBeamView(page) {
  const meta = (s) => {
    const m = /log P (-?\d+\.\d+) \(([^)]+)\)/.exec(s);
    assert.ok(m, `a log-probability in '${s}'`);
    return { logProb: Number(m[1]), percent: m[2], right: s.includes('✓') ? true : s.includes('✗') ? false : null };
  };
  const greedy = { text: await readText(page, 'greedy-output'), ...meta(await readText(page, 'greedy-logprob')) };
  const beams = await page.$$eval(tid('beam-hypothesis'), (els) => els.map((el) => ({
    text: el.querySelector('.hyp-text').textContent, meta: el.querySelector('.hyp-meta').textContent,
  })));
  return { greedy, beams: beams.map((b) => ({ text: b.text, ...meta(b.meta) })), expected: await readText(page, 'beam-expected') };
}

// The length view's points (data-main / data-twin of length-chart): [{length, right, count}].
async function readLengthChart(page) {
  const parse = (s) => (s || '').split(' ').filter(Boolean).map((p) => {
    const m = /^(\d+):(\d+)\/(\d+)$/.exec(p);
    assert.ok(m, `a point 'length:right/count': '${p}'`);
    return { length: Number(m[1]), right: Number(m[2]), count: Number(m[3]) };
  });
  const el = page.locator(tid('length-chart'));
  return { main: parse(await el.getAttribute('data-main')), twin: parse(await el.getAttribute('data-twin')) };
}

const pct = (x) => `${(100 * x).toFixed(1)}%`;

// The attention map's weights as a learner reads them, hovering each cell: for output row r and input column
// c, the readout "output r+1 'x' ← input c+1 'y': 97.3% of the attention". The map lays its cells out from
// LEFT, TOP (ui/charts/attention-map.js), `cell` pixels square; the readout names the cell, so a change of
// layout fails here rather than reading the wrong one.
const MAP_LEFT = 52, MAP_TOP = 40;
async function hoverAttention(page, row, col) {
  const { cell } = await page.evaluate(() => window.recurrentPlayground.views.attention.map.geometry());
  const canvas = page.locator(tid('attention-map'));
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  await page.mouse.move(box.x + MAP_LEFT + (col + 0.5) * cell, box.y + MAP_TOP + (row + 0.5) * cell);
  const text = await page.waitForFunction(({ row, col }) => {
    const s = document.querySelector('[data-testid="attention-readout"]').textContent;
    return new RegExp(`^output ${row + 1} .* ← input ${col + 1} `).test(s) ? s : null;
  }, { row, col }, { timeout: 5000, polling: 50 });
  const s = await text.jsonValue();
  const m = /: (\d+\.\d)% of the attention$/.exec(s);
  assert.ok(m, `a weight in the readout '${s}'`);
  return Number(m[1]);
}

// The weight each output letter gives its mirror input letter (reversal: output i reads input n-1-i), for
// the n letters of the input drawn.
async function mirrorWeights(page, n) {
  const out = [];
  for (let i = 0; i < n; i++) out.push(await hoverAttention(page, i, n - 1 - i));
  await page.mouse.move(0, 0);
  return out;
}

const exactReadout = async (page) => parseFloat(await readText(page, 'readout-exact'));

// ---------------------------------------------------------------- the lessons

test('lesson: greedy against beam search — beam search finds the reversal greedy decoding misses', { timeout: 240_000 }, async (t) => {
  const { steps } = lesson('reverse-greedy-beam');
  const { page, errors, caption } = await openLesson(env, t, 'reverse-greedy-beam');
  assert.match(caption, /After 250 steps/);
  assert.equal(await page.inputValue(tid('s2s-task')), 'reverse');
  assert.equal(await page.inputValue(tid('beam-width')), '4');
  assert.equal(await page.inputValue(tid('beam-alpha')), '0');
  assert.equal(await page.inputValue(tid('attention-input')), 'hgahchjfhihg');

  const t0 = Date.now();
  await trainLesson(page, steps);
  await waitForDecoding(page, steps, { translation: true });
  const { greedy, beams, expected } = await readBeamView(page);
  t.diagnostic(`trained ${steps} steps in ${((Date.now() - t0) / 1000).toFixed(1)} s; greedy ${JSON.stringify(greedy)}; beam ${JSON.stringify(beams)}`);
  assert.equal(expected, 'Right answer: ghihfjhchagh');
  // the caption: greedy is wrong at log P -2.006 (13%), the beam's best is right at -1.044 (35%)
  assert.equal(greedy.right, false, `greedy gets it wrong: ${greedy.text}`);
  assert.ok(greedy.logProb > -2.3 && greedy.logProb < -1.7, `greedy's log P near -2.006: ${greedy.logProb}`);
  assert.equal(beams.length, 4, 'width 4: four hypotheses');
  assert.equal(beams[0].text, 'ghihfjhchagh');
  assert.equal(beams[0].right, true, 'the beam\'s best is the right answer');
  assert.ok(beams[0].logProb > -1.3 && beams[0].logProb < -0.8, `the beam's best log P near -1.044: ${beams[0].logProb}`);
  assert.ok(beams[0].logProb > greedy.logProb + 0.6, 'well above greedy\'s');
  assert.ok(beams.some((b) => b.text === greedy.text), 'greedy\'s output is among the beam\'s hypotheses, ranked lower');
  await screenshot(page.locator(tid('view-beam')), 'lesson-reverse-greedy-beam-view');
  await screenshot(page, 'lesson-reverse-greedy-beam');
  assertNoErrors(errors);
});

test('lesson: attention against none — the twin without attention fails on long inputs, the model does not', { timeout: 240_000 }, async (t) => {
  const { steps } = lesson('reverse-attention-length');
  const { page, errors, caption } = await openLesson(env, t, 'reverse-attention-length');
  assert.match(caption, /After 350 steps/);
  assert.equal(await page.isChecked(tid('compare-toggle')), true, 'the comparison is on');

  const t0 = Date.now();
  await trainLesson(page, steps);
  await waitForDecoding(page, steps, { evaluation: true });
  await page.waitForFunction(() => window.recurrentPlayground.evaluation.twin && window.recurrentPlayground.evaluation.twinStep === window.recurrentPlayground.evaluation.step);
  await page.waitForFunction((sel) => (document.querySelector(sel)?.dataset.twin || '') !== '', tid('length-chart'));
  const { main, twin } = await readLengthChart(page);
  const at = (points, n) => points.find((p) => p.length === n);
  const rate = (p) => p.right / p.count;
  const longTwin = twin.filter((p) => p.length >= 10);
  const worstMain = Math.min(...main.map(rate));
  t.diagnostic(`trained ${steps} steps in ${((Date.now() - t0) / 1000).toFixed(1)} s; with attention ${main.map((p) => `${p.length}:${Math.round(100 * rate(p))}`).join(' ')}; twin ${twin.map((p) => `${p.length}:${Math.round(100 * rate(p))}`).join(' ')}`);
  assert.deepEqual(main.map((p) => p.length), Array.from({ length: 18 }, (_, i) => i + 3), 'every length from 3 to 20');
  assert.deepEqual(twin.map((p) => p.length), main.map((p) => p.length), 'the twin on the same examples');
  assert.match(await readText(page, 'length-summary'), /twin at the same step/);
  // the caption: the twin gets most 3-letter inputs right and none of 10 letters or more; with attention every
  // length stays above 50%
  assert.ok(rate(at(twin, 3)) > 0.5, `the twin, 3 letters: ${pct(rate(at(twin, 3)))}`);
  assert.deepEqual(longTwin.filter((p) => p.right > 0), [], 'the twin gets no input of 10 letters or more right');
  assert.ok(worstMain > 0.5, `with attention, every length above 50%: the lowest is ${pct(worstMain)}`);
  await screenshot(page.locator(tid('view-length')), 'lesson-reverse-attention-length-view');
  await screenshot(page, 'lesson-reverse-attention-length');
  assertNoErrors(errors);
});

// Trains an attention lesson and reads what its caption names: the held-out exact match and the weights on the
// anti-diagonal of the example input's attention map (12 letters).
async function attentionLesson(t, id) {
  const { steps } = lesson(id);
  const { page, errors, caption } = await openLesson(env, t, id);
  assert.match(caption, /After 300 steps/);
  const t0 = Date.now();
  await trainLesson(page, steps);
  await waitForDecoding(page, steps, { translation: true });
  const exact = await exactReadout(page);
  const input = await page.evaluate(() => window.recurrentPlayground.translation.input);
  assert.equal(input, 'dbhacgfjeidb', 'the example input');
  assert.match(await readText(page, 'attention-caption'), /greedy output: “bdiejfgcahbd”/, 'the model reverses it');
  const weights = await mirrorWeights(page, 12);
  const attention = await page.evaluate(() => window.recurrentPlayground.applied.attention);
  t.diagnostic(`${attention}: trained ${steps} steps in ${((Date.now() - t0) / 1000).toFixed(1)} s; exact ${exact}%; mirror weights ${weights.join(', ')}`);
  await screenshot(page.locator(tid('view-attention')), `lesson-${id}-view`);
  await screenshot(page, `lesson-${id}`);
  return { page, errors, exact, weights };
}

test('lesson: Bahdanau attention — it learns to reverse, with a soft anti-diagonal', { timeout: 240_000 }, async (t) => {
  const { errors, exact, weights } = await attentionLesson(t, 'reverse-bahdanau-attention');
  assert.ok(exact > 90, `over 90% of held-out inputs: ${exact}%`);
  assert.equal(weights.filter((w) => w > 90).length, 1, `only 1 of 12 above 90%: ${weights}`);
  assertNoErrors(errors);
});

test('lesson: Luong attention — as accurate as Bahdanau after the same steps, with a sharper anti-diagonal', { timeout: 240_000 }, async (t) => {
  const { errors, exact, weights } = await attentionLesson(t, 'reverse-luong-attention');
  assert.ok(exact > 90, `over 90% of held-out inputs: ${exact}%`);
  assert.equal(weights.filter((w) => w > 90).length, 5, `5 of 12 above 90%: ${weights}`);
  assert.ok(Math.min(...weights) >= 60, `none under 60%: ${weights}`);
  assertNoErrors(errors);
});
