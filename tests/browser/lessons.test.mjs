// The lessons (web/lessons.js): each is opened through the header's Lessons menu, trained for the steps it
// names with its own button, and its caption's claim is checked on what the page then shows. This file has the
// first lesson's test; each family's other lessons are tested in lessons-<family>.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { assertNoErrors, browserSuite, freshSample, readLoss, screenshot, tid } from './harness.mjs';
import { openLesson, trainLesson } from './lesson-steps.mjs';

const env = browserSuite();

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

  const { text: sample } = await freshSample(page, 1000);
  const words = sample.split(/\s+/).filter((w) => /^[a-z]{2,8}[,.;:!?']?$/i.test(w));
  assert.ok(sample.includes(' ') && sample.includes('\n'), `spaces and line breaks: ${JSON.stringify(sample)}`);
  assert.ok(words.length >= 15, `word-like chunks (${words.length}): ${JSON.stringify(sample)}`);
  assert.ok(words.some((w) => /^(the|and)\W?$/i.test(w)), `"the" or "and" among them: ${JSON.stringify(sample)}`);
  await screenshot(page, 'lesson-shakespeare-lstm');
  assertNoErrors(errors);
});
