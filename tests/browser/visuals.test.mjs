// Views that must not mislead (issue 15, item 8): a held-out split smaller than the setting says why, and
// the seq2seq examples table says that the exact-match readout counts only a subset. (Probability bars:
// training.test.mjs; the key to non-finite cells: divergence.test.mjs.) The exact-match readout names the step it
// was measured at, so it and the attention caption are not read as disagreeing.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import {
  LONG, SMALL, assertNoErrors, browserSuite, linkHash, openPlayground, pause, readStep, readText, switchFamily, tid,
  waitForStep,
} from './harness.mjs';

const env = browserSuite();

test('a 200K text held out at less than the 10% asked for says why', { timeout: 90_000 }, async (t) => {
  const { page, errors } = await openPlayground(env, t, { hash: await linkHash(SMALL) });
  const line = 'the quick brown fox jumps over the lazy dog, and then it rests. ';
  const text = line.repeat(Math.ceil(200_000 / line.length));
  await page.setInputFiles(tid('text-upload'), { name: 'big.txt', mimeType: 'text/plain', buffer: Buffer.from(text) });
  await page.waitForFunction(() => /capped from the 10% asked for/.test(document.querySelector('[data-testid="text-stats"]').textContent),
    null, { timeout: LONG });
  const stats = await readText(page, 'text-stats');
  const m = /([\d,]+) held out \((\d+\.\d)%; capped from the 10% asked for, so that one held-out evaluation stays around a second\)/.exec(stats);
  assert.ok(m, stats);
  assert.ok(Number(m[2]) < 10, `less than asked: ${m[2]}%`);
  assertNoErrors(errors);
});

test('the exact-match readout names its step and subset, and agrees with the attention caption after a pause', { timeout: 120_000 }, async (t) => {
  const { page, errors } = await openPlayground(env, t);
  await switchFamily(page, 'seq2seq');
  await page.click(tid('play'));
  await waitForStep(page, 30);
  await pause(page);
  // the default task holds out 500 examples; the readout measures the first 200
  await page.waitForFunction(() => /count only the first 200 of them/.test(document.querySelector('[data-testid="view-examples"]').textContent),
    null, { timeout: LONG });
  // the exact-match readout names the step it was measured at; after a pause, that is the step the attention
  // caption's output comes from (and the step readout's)
  const step = await readStep(page);
  await page.waitForFunction((s) => {
    const note = document.querySelector('[data-testid="readout-exact-note"]');
    const caption = document.querySelector('[data-testid="attention-caption"]').textContent;
    return note && note.textContent === `@${s}` && caption.startsWith(`Step ${s} ·`);
  }, step, { timeout: LONG });
  assert.match(await readText(page, 'readout-exact'), new RegExp(`^\\d+(\\.\\d)?%@${step}$`));
  assertNoErrors(errors);
});

test('a vanilla RNN\'s gate panel says it has no gates, under a title that fits', { timeout: 90_000 }, async (t) => {
  const { page, errors } = await openPlayground(env, t, { hash: await linkHash({ ...SMALL, cell: 'rnn_tanh' }) });
  await page.click(tid('step'));
  await page.waitForFunction(() => /has no gates/.test(document.querySelector('[data-testid="cell-stats"]').textContent), null, { timeout: LONG });
  assert.match(await readText(page, 'cell-stats'), /^The tanh RNN has no gates: this is its hidden state h/);
  assert.equal(await page.locator(`${tid('gates-histograms')} canvas`).count(), 1, 'one histogram, of h');
  assertNoErrors(errors);
});
