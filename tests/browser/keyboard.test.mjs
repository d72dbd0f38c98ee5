// Keyboard shortcuts: Space plays and pauses, S steps, R resets; typing in a text field never triggers them.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import {
  SMALL, assertNoErrors, browserSuite, linkHash, openPlayground, pause, playState, readStep, readText, tid,
  waitForPlayState, waitForStep, waitForStepExactly, waitReady,
} from './harness.mjs';

const env = browserSuite();

// A negative check: `state` must stay the play button's state for `ms` (nothing to poll for instead).
async function staysPaused(page, ms = 400) {
  const flipped = await page.waitForFunction(() => document.querySelector('[data-testid="play"]').dataset.state !== 'paused', null, { timeout: ms, polling: 20 })
    .then(() => true, () => false);
  assert.equal(flipped, false, 'the play button must stay paused');
}

test('Space toggles play, S steps once, R resets; typing a space or s in a text field does not', { timeout: 120_000 }, async (t) => {
  const { page, errors } = await openPlayground(env, t, { hash: await linkHash(SMALL) });
  await page.click('h1');  // focus on the page, not on a control
  const firstLoss = () => page.evaluate(() => window.recurrentPlayground.history.losses.view()[0]);

  await page.keyboard.press('s');
  await waitForStepExactly(page, 1);
  const first = await firstLoss();
  assert.ok(Number.isFinite(first));

  await page.keyboard.press('Space');
  await waitForPlayState(page, 'running');
  assert.equal(await page.getAttribute(tid('play'), 'aria-pressed'), 'true');
  await waitForStep(page, 20);
  await page.keyboard.press('Space');
  await waitForPlayState(page, 'paused');
  const paused = await pause(page);
  assert.ok(paused >= 20);

  await page.keyboard.press('s');
  await waitForStepExactly(page, paused + 1);
  await page.keyboard.press('S');
  await waitForStepExactly(page, paused + 2);
  await page.keyboard.press('ArrowRight');
  await waitForStepExactly(page, paused + 3);
  assert.equal(await playState(page), 'paused', 'stepping does not start playing');

  await page.keyboard.press('r');
  await waitForStepExactly(page, 0);
  await waitReady(page);
  assert.equal(await readText(page, 'readout-loss'), '–', 'reset clears the loss history');
  await page.keyboard.press('s');
  await waitForStepExactly(page, 1);
  assert.equal(await firstLoss(), first, 'after a reset the first step has bitwise the first loss again (same initial weights)');

  // typing in the priming text: the characters land in the field and nothing else happens
  await page.click(tid('prime'));
  await page.keyboard.type(' s r ');
  await staysPaused(page);
  assert.equal(await page.inputValue(tid('prime')), ' s r ');
  assert.equal(await readStep(page), 1, 's and r typed into the prime field do not step or reset');

  // the same in the custom-text box (inside "Use your own text")
  await page.click('summary:has-text("Use your own text")');
  await page.click(tid('text-input'));
  await page.keyboard.type('a b s');
  await staysPaused(page);
  assert.equal(await page.inputValue(tid('text-input')), 'a b s');
  assert.equal(await readStep(page), 1);

  // and in the prediction box
  await page.click(tid('predict-input'));
  await page.keyboard.type('Ma ');
  await staysPaused(page);
  assert.equal(await page.inputValue(tid('predict-input')), 'Ma ');

  // a focused button: Space toggles play once and does not also click the button
  await page.click(tid('step'));
  await waitForStepExactly(page, 2);
  await page.keyboard.press('Space');
  await waitForPlayState(page, 'running');
  // had the key also clicked the focused Step button, that click would have paused training again
  await waitForStep(page, 30);
  assert.equal(await playState(page), 'running', 'Space on a focused button only toggles play');
  await page.keyboard.press('Space');
  await waitForPlayState(page, 'paused');
  await pause(page);
  assertNoErrors(errors);
});
