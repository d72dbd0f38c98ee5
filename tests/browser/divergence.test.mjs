// Training that goes wrong (issue 15 item 9, the page's side of issue 14's divergence): the first
// non-finite step pauses training with the step and the quantity named, the weights of the step before are
// kept, and one click continues at a tenth of the learning rate; a loss that explodes while staying finite
// is warned about, and the readouts never print 20-digit numbers or "Infinity".
import { test } from 'node:test';
import assert from 'node:assert/strict';

import {
  LONG, SMALL, assertNoErrors, browserSuite, linkHash, openPlayground, readStep, screenshot, tid, waitForNotice,
  waitForPlayState,
} from './harness.mjs';

const env = browserSuite();

// A ReLU RNN under plain SGD at learning rate 0.5 without clipping: its loss goes non-finite within a few
// dozen steps (the exploding-gradients lesson's model, smaller).
const EXPLODING = { ...SMALL, preset: 'shakespeare', cell: 'rnn_relu', hidden: 64, seq: 64, batch: 16, optim: 'sgd', lr: 0.5, clip_norm: 0, clip_value: 0 };

test('a non-finite step pauses training, names the step, keeps the last good weights and continues at a lower rate', { timeout: 120_000 }, async (t) => {
  const { page, errors } = await openPlayground(env, t, { hash: await linkHash(EXPLODING) });
  await page.click(tid('play'));
  const n = await waitForNotice(page, { levels: ['error'], pattern: /Training paused at step/, timeout: LONG });
  const m = /Training paused at step (\d+): the (loss|gradient norm) was (NaN|\+infinity|-infinity)/.exec(n.text);
  assert.ok(m, `names the step and the quantity: ${n.text}`);
  const failed = Number(m[1]);
  assert.match(n.text, new RegExp(`weights and optimizer state are those of step ${failed - 1}\\b`));
  await waitForPlayState(page, 'paused');
  assert.equal(await readStep(page), failed - 1, 'the step count stops at the last good step');
  const losses = await page.evaluate(() => Array.from(window.recurrentPlayground.history.losses.view()));
  assert.equal(losses.length, failed - 1, 'one loss per step taken');
  assert.ok(losses.every(Number.isFinite), 'no non-finite loss reaches the history');
  assert.doesNotMatch(await page.textContent(tid('readout-loss')), /\d{8}|Infinity|NaN/);
  assert.doesNotMatch(await page.textContent(tid('readout-perplexity')), /Infinity|NaN|\d{8}/);
  // the kept weights overflow on the probe text: the states map draws those values magenta, with a key
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="heatmap"]').dataset.nonFinite) > 0, null, { timeout: LONG });
  await screenshot(page, 'diverged');

  // continue at a tenth of the learning rate from the kept weights: the engine takes the new rate (the
  // control and the link say so); this ReLU RNN's weights are already too large, so it fails again at once,
  // and the notice now offers to start again at the rate in force
  await page.click(tid('continue-lower-lr'));
  await page.waitForFunction(() => /[#&]lr=0\.05(&|$)/.test(location.hash), null, { timeout: LONG });
  assert.equal(await page.inputValue(tid('ctl-lr')), '0.05');
  const again = await waitForNotice(page, { levels: ['error'], pattern: /learning rate \(0\.05\)/, timeout: LONG });
  assert.match(again.text, new RegExp(`Training paused at step ${failed}:`), 'the same step fails: continuing was not enough');
  assert.match(again.text, /Start again at learning rate 0\.005/);
  // starting again from the seed at a tenth of the rate trains without trouble
  await page.click(tid('restart-lower-lr'));
  await page.waitForFunction(() => /[#&]lr=0\.005(&|$)/.test(location.hash), null, { timeout: LONG });
  await page.waitForSelector(`${tid('play')}:not([disabled])`, { timeout: LONG });
  assert.equal(await readStep(page), 0, 'a fresh model');
  await page.click(tid('play'));
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="readout-step"]').textContent.replace(/,/g, '')) >= 60,
    null, { timeout: LONG });
  assert.ok(!(await page.locator(tid('notice')).filter({ hasText: 'Training paused' }).count()), 'no divergence at 0.005');
  assertNoErrors(errors);
});

test('a loss that explodes but stays finite is warned about, and its readouts stay readable', { timeout: 120_000 }, async (t) => {
  const { page, errors } = await openPlayground(env, t, { hash: await linkHash({ ...SMALL, cell: 'rnn_tanh', optim: 'adam', lr: 10, clip_norm: 0 }) });
  await page.click(tid('play'));
  // a tanh RNN's loss stays finite (its states are bounded) however far Adam at rate 10 throws it
  const n = await waitForNotice(page, { levels: ['warn'], pattern: /The loss is rising/, timeout: LONG });
  assert.match(n.text, /It is [\d.e+]+ nats now, against \d\.\d{3} at the first step: training is diverging/);
  assert.match(n.text, /Continue at learning rate 1(?![\d.]).*Start again at learning rate 1(?![\d.])/);
  await page.click(tid('play'));
  await waitForPlayState(page, 'paused');
  for (const id of ['readout-loss', 'readout-held-out-loss', 'readout-perplexity']) {
    const text = await page.textContent(tid(id));
    assert.ok(text.length <= 12 && !/Infinity|NaN/.test(text), `${id} reads "${text}"`);
  }
  await screenshot(page, 'diverging-warning');
  assertNoErrors(errors);
});
