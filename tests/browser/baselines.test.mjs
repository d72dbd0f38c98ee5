// The char LM's memoryless baselines in the page (web/lm/baseline-panel.js, the loss view's lines): turned on
// from the panel they go on the chart at once and follow training; the link and a reload keep them; off
// takes a line away.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import {
  LONG, SMALL, assertNoErrors, browserSuite, linkHash, newContext, openPlayground, pause, screenshot, tid, waitForPlayState,
  waitForStep, waitReady,
} from './harness.mjs';
import { waitForSave } from './sessions-db.mjs';

const env = browserSuite();

const lines = (page) => page.evaluate(() => {
  const el = document.querySelector('[data-testid="loss-chart"]');
  return { held: el.dataset.held, ngram: el.dataset.ngram, window: el.dataset.window };
});

test('baselines turned on go on the loss chart, follow training, and come back after a reload', { timeout: 180_000 }, async (t) => {
  const context = await newContext(env);
  t.after(() => context.close().catch(() => {}));
  const { page, errors } = await openPlayground(env, t, { context, hash: await linkHash({ ...SMALL, seed: 5 }) });
  assert.deepEqual(await lines(page).then((l) => [l.ngram, l.window]), ['', ''], 'off by default');
  await page.check(tid('ctl-ngram-on'));
  await page.selectOption(tid('ctl-ngram'), '3');
  await page.check(tid('ctl-window-on'));
  await page.waitForFunction(() => location.hash.includes('ngram=3') && location.hash.includes('window=8'), null, { timeout: LONG });
  await page.waitForFunction(() => {
    const d = document.querySelector('[data-testid="loss-chart"]').dataset;
    return d.ngram && d.window;
  }, null, { timeout: LONG });
  const before = await lines(page);
  await page.click(tid('play'));
  await waitForPlayState(page, 'running');
  await waitForStep(page, 120);
  const paused = await pause(page);
  await page.waitForFunction((w) => document.querySelector('[data-testid="loss-chart"]').dataset.window !== w, before.window, { timeout: LONG });
  const after = await lines(page);
  t.diagnostic(`held-out after ~120 steps: RNN ${after.held}, 3-gram ${after.ngram}, window 8 ${after.window}`);
  assert.equal(after.ngram, before.ngram, 'the n-gram does not train: its loss stays');
  assert.ok(Number(after.window) < Number(before.window), `the window network learns: ${before.window} -> ${after.window}`);
  await screenshot(page.locator(tid('view-loss')), 'baselines-after-training');

  await waitForSave(page, paused);
  await page.reload();
  await waitReady(page);
  assert.equal(await page.isChecked(tid('ctl-ngram-on')), true);
  assert.equal(await page.inputValue(tid('ctl-ngram')), '3');
  await page.waitForFunction((n) => document.querySelector('[data-testid="loss-chart"]').dataset.ngram === n, after.ngram, { timeout: LONG });
  await page.waitForFunction(() => document.querySelector('[data-testid="loss-chart"]').dataset.window !== '', null, { timeout: LONG });

  await page.uncheck(tid('ctl-window-on'));
  await page.waitForFunction(() => document.querySelector('[data-testid="loss-chart"]').dataset.window === '' && location.hash.includes('window=0'), null, { timeout: LONG });
  assertNoErrors(errors);
});
