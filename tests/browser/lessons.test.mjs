// The char LM's lessons (web/lm/lessons.js): each is opened through the header's Lessons menu, trained for
// the steps it names with its own button (lesson-steps.mjs), and its caption's claim is checked on what the
// page then shows. A new LM lesson adds its test here (the seq2seq ones: lessons-seq2seq.test.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { LONG, assertNoErrors, browserSuite, readLoss, screenshot, tid } from './harness.mjs';
import { openLesson, trainLesson } from './lesson-steps.mjs';

const env = browserSuite();

// The newest sample, generated now (after training), in full.
async function freshSample(page) {
  const before = await page.locator(tid('sample')).count();
  await page.click(tid('sample-button'));
  await page.waitForFunction((n) => {
    const blocks = document.querySelectorAll('[data-testid="sample"]');
    return blocks.length > 0 && (blocks.length > n || n >= 4) && !blocks[0].classList.contains('streaming')
      && /step 1,000/.test(blocks[0].textContent);
  }, before, { timeout: LONG, polling: 100 });
  return page.locator(`${tid('sample')} .sample-text`).first().textContent();
}

test('lesson: a character RNN reads Shakespeare — the loss falls below 2.2 and the samples have words', { timeout: 420_000 }, async (t) => {
  const { page, errors, caption } = await openLesson(env, t, 'shakespeare-lstm');
  assert.match(caption, /A character RNN reads Shakespeare/);
  assert.match(caption, /1,000 steps/);
  assert.equal(await page.inputValue(tid('preset-select')), 'shakespeare');
  assert.equal(await page.inputValue(tid('ctl-cell')), 'lstm');
  assert.match(page.url(), /[#&]mode=lm&/);
  const first = await readLoss(page).catch(() => NaN);

  await trainLesson(page, 1000);
  const loss = await readLoss(page);
  assert.ok(loss < 2.2, `the caption says the loss is below 2.2 nats after 1,000 steps: ${loss}`);
  assert.ok(!(first <= loss), 'the loss fell');

  const sample = await freshSample(page);
  const words = sample.split(/\s+/).filter((w) => /^[a-z]{2,8}[,.;:!?']?$/i.test(w));
  assert.ok(sample.includes(' ') && sample.includes('\n'), `spaces and line breaks: ${JSON.stringify(sample)}`);
  assert.ok(words.length >= 15, `word-like chunks (${words.length}): ${JSON.stringify(sample)}`);
  assert.ok(words.some((w) => /^(the|and)\W?$/i.test(w)), `"the" or "and" among them: ${JSON.stringify(sample)}`);
  await screenshot(page, 'lesson-shakespeare-lstm');
  assertNoErrors(errors);
});
