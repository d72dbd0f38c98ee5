// Reset (the button or the R key) starts again from the seed without costing the run before: a notice
// offers to undo it, and the run comes back with its step and its loss curve (issue 15, item 3).
import { test } from 'node:test';
import assert from 'node:assert/strict';

import {
  LONG, SMALL, assertNoErrors, browserSuite, linkHash, openPlayground, pause, readStep, tid, waitForNotice, waitForStep,
} from './harness.mjs';

const env = browserSuite();

test('a stray R resets the run, and Undo brings it back with its loss curve', { timeout: 90_000 }, async (t) => {
  const { page, errors } = await openPlayground(env, t, { hash: await linkHash(SMALL) });
  await page.click(tid('play'));
  await waitForStep(page, 40);
  await pause(page);
  const step = await readStep(page);
  const losses = await page.evaluate(() => Array.from(window.recurrentPlayground.history.losses.view()));
  assert.equal(losses.length, step);

  await page.locator('body').press('r');
  const n = await waitForNotice(page, { levels: ['info'], pattern: /Reset to step 0/ });
  assert.match(n.text, new RegExp(`The run you had \\(step ${step.toLocaleString('en-US')}\\) is kept in the Sessions menu`));
  await page.waitForFunction(() => document.querySelector('[data-testid="readout-step"]').textContent === '0', null, { timeout: LONG });

  await page.click(tid('undo-reset'));
  await page.waitForFunction((s) => document.querySelector('[data-testid="readout-step"]').textContent.replace(/,/g, '') === String(s),
    step, { timeout: LONG });
  const back = await page.evaluate(() => Array.from(window.recurrentPlayground.history.losses.view()));
  assert.deepEqual(back, losses, 'the same loss curve');
  assertNoErrors(errors);
});
