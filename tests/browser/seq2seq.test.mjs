// The seq2seq mode: the page trains a task, the attention view draws (an anti-diagonal for reversal), greedy
// and beam search show hypotheses, and a share link reproduces the run's losses exactly.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import {
  LONG, assertNoErrors, browserSuite, canvasStats, controlValues, notices, openPlayground, pause, readText, screenshot,
  setControl, switchFamily, tid, waitForStep,
} from './harness.mjs';

const env = browserSuite();

// A small reversal experiment that learns in a few hundred steps.
const SETTINGS = { 's2s-max-len': '6', 's2s-train-size': '1000', 's2s-held-size': '100', 's2s-hidden': '32', 's2s-embed': '16',
  's2s-seed': '77' };

async function openSeq2seq(t) {
  const opened = await openPlayground(env, t);
  const { page } = opened;
  await switchFamily(page, 'seq2seq');
  for (const [id, v] of Object.entries(SETTINGS)) await setControl(page, id, v);
  await page.waitForFunction((want) => window.recurrentPlayground.applied &&
    location.hash.includes(`seed=${want}`), SETTINGS['s2s-seed'], { timeout: LONG });
  await page.waitForSelector(`${tid('play')}:not([disabled])`, { timeout: LONG });
  return opened;
}

async function stepLosses(page, n) {
  for (let i = 1; i <= n; ++i) {
    const before = await page.evaluate(() => window.recurrentPlayground.history.losses.n);
    await page.click(tid('step'));
    await page.waitForFunction((b) => window.recurrentPlayground.history.losses.n > b, before, { timeout: LONG });
  }
  return page.evaluate(() => Array.from(window.recurrentPlayground.history.losses.view()));
}

test('the page trains reversal, draws the attention and the beam, and a share link reproduces the losses', { timeout: 300_000 }, async (t) => {
  const a = await openSeq2seq(t);
  const page = a.page;
  assert.deepEqual(await controlValues(page, Object.keys(SETTINGS)), SETTINGS, 'the controls took the settings');
  const first = await stepLosses(page, 4);
  assert.equal(first.length, 4);
  const link = page.url();
  assert.match(link, /mode=seq2seq/);

  // Train until the held-out exact match is high.
  await page.click(tid('play'));
  await waitForStep(page, 400, 240_000);
  await pause(page);
  const exact = parseFloat(await readText(page, 'readout-exact'));
  assert.ok(exact >= 80, `held-out exact match after 400 steps: ${exact}%`);

  // The attention map for the default input is drawn, and is mostly on the anti-diagonal: checked through
  // the engine's own translate output kept by the view.
  await page.fill(tid('attention-input'), 'abcdef');
  await page.press(tid('attention-input'), 'Enter');
  await page.waitForFunction((sel) => (document.querySelector(sel)?.textContent || '').includes('fedcba'),
    tid('attention-caption'), { timeout: LONG });
  const map = await canvasStats(page, `${tid('attention-map')} canvas, canvas${tid('attention-map')}`);
  assert.ok(map && map.coloured > 500, `the attention map is drawn: ${JSON.stringify(map)}`);
  const beams = await page.locator(tid('beam-hypothesis')).count();
  assert.ok(beams >= 2, `beam search lists its hypotheses (${beams})`);
  assert.match(await readText(page, 'greedy-output'), /fedcba/);
  const rows = await page.locator(tid('example-row')).count();
  assert.ok(rows > 0, 'the held-out examples table has rows');
  await screenshot(page, 'seq2seq-trained');
  assertNoErrors(a.errors, 'the seq2seq page');

  // A fresh browser context opens the link taken after the settings and reproduces the first losses.
  const b = await openPlayground(env, t, { hash: link.split('#')[1] });
  await b.page.waitForFunction(() => document.body.dataset.mode === 'seq2seq', null, { timeout: LONG });
  await b.page.waitForSelector(`${tid('play')}:not([disabled])`, { timeout: LONG });
  const warnings = (await notices(b.page)).filter((n) => n.level !== 'info');
  assert.deepEqual(warnings, [], 'the link opens without warnings');
  assert.deepEqual(await controlValues(b.page, Object.keys(SETTINGS)), SETTINGS, 'the link restores the settings');
  const again = await stepLosses(b.page, 4);
  assert.deepEqual(again, first, 'bitwise the same per-step losses');
  assertNoErrors(b.errors, 'the page opened from the link');
});
