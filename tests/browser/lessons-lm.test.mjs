// The char LM's lessons (web/lm/lessons.js; the first, shakespeare-lstm, is tested in lessons.test.mjs): each
// is opened through the header's Lessons menu, trained for the steps it names with its own button, and its
// caption's claim is checked on what the page then shows, with a margin (training is deterministic given the
// seed; the measured values are in the comments). A new char-LM lesson adds its test here.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import {
  LONG, assertNoErrors, browserSuite, canvasStats, chartValues, freshSample, notices, openLesson, readLoss, readStep,
  readText, screenshot, setControl, tid, trainLesson, waitForPlayState,
} from './harness.mjs';

const env = browserSuite();
const TIMEOUT = { timeout: 240_000 };

// Opens a lesson and checks that its caption and link are the ones on the page.
async function open(t, id, { title, steps, controls = {} }) {
  const opened = await openLesson(env, t, id);
  assert.ok(opened.caption.includes(title), `the caption names the lesson: ${opened.caption}`);
  assert.ok(opened.caption.includes(`Train ${steps.toLocaleString('en-US')} steps`), opened.caption);
  assert.match(opened.page.url(), /[#&]mode=lm&/);
  for (const [testid, value] of Object.entries(controls)) {
    const el = opened.page.locator(tid(testid));
    const actual = (await el.getAttribute('type')) === 'checkbox' ? await el.isChecked() : await el.inputValue();
    assert.equal(actual, value, `${testid} as the lesson sets it`);
  }
  return opened;
}

// The sensitivity ||dh(t)/dx(1)|| at t (1-based) relative to its value at t = 1, as the gradients view draws it
// once the probe shows the trained model.
async function sensitivityRatio(page, steps, t) {
  const values = await chartValues(page, 'sensitivity-chart', steps);
  assert.ok(values.length >= t, `the sensitivity covers t = ${t} (it has ${values.length} characters)`);
  assert.ok(values[0] > 0, `a sensitivity at t = 1: ${values[0]}`);
  return values[t - 1] / values[0];
}

const nonfiniteNotice = async (page) => (await notices(page)).find((n) => /Training is unstable/.test(n.text));

// ---------------------------------------------------------------- the vanishing gradient

test('lesson: the vanishing gradient — a tanh RNN\'s sensitivity at t = 60 is below 1e-8 of its value at t = 1', TIMEOUT, async (t) => {
  const { page, errors } = await open(t, 'vanishing-rnn', { title: 'a tanh RNN', steps: 600, controls: { 'ctl-cell': 'rnn_tanh', 'ctl-hidden': '64' } });
  await trainLesson(page, 600);
  const ratio = await sensitivityRatio(page, 600, 60);
  t.diagnostic(`tanh RNN: ||dh(60)/dx(1)|| / ||dh(1)/dx(1)|| = ${ratio.toExponential(2)}`);  // measured 1.9e-10
  assert.ok(ratio < 1e-8, `the caption says below 1e-8: ${ratio}`);
  assert.ok((await canvasStats(page, tid('sensitivity-chart'))).coloured > 100, 'the sensitivity chart draws a curve');
  await screenshot(page.locator(tid('view-gradients')), 'lesson-vanishing-rnn');
  assertNoErrors(errors);
});

test('lesson: the vanishing gradient — an LSTM\'s sensitivity at t = 60 stays above 1e-5 of its value at t = 1', TIMEOUT, async (t) => {
  const { page, errors } = await open(t, 'vanishing-lstm', { title: 'an LSTM', steps: 600, controls: { 'ctl-cell': 'lstm', 'ctl-hidden': '64' } });
  await trainLesson(page, 600);
  const ratio = await sensitivityRatio(page, 600, 60);
  t.diagnostic(`LSTM: ||dh(60)/dx(1)|| / ||dh(1)/dx(1)|| = ${ratio.toExponential(2)}`);  // measured 4.5e-4
  assert.ok(ratio > 1e-5, `the caption says above 1e-5: ${ratio}`);
  assert.ok((await canvasStats(page, tid('sensitivity-chart'))).coloured > 100, 'the sensitivity chart draws a curve');
  await screenshot(page.locator(tid('view-gradients')), 'lesson-vanishing-lstm');
  assertNoErrors(errors);
});

