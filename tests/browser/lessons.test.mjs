// The lessons (web/lessons.js): each is opened through the header's Lessons menu, trained for the steps it
// names with its own button, and its caption's claim is checked on what the page then shows. A new lesson
// adds its test here.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import {
  LONG, assertNoErrors, browserSuite, openPlayground, readLoss, readStep, screenshot, tid, waitForNotice,
  waitForPlayState, waitForStepExactly, waitReady,
} from './harness.mjs';

const env = browserSuite();

// Opens a lesson from the menu on a fresh page; returns the page once its model is ready at step 0.
async function openLesson(t, id) {
  const opened = await openPlayground(env, t);
  const { page } = opened;
  await page.click(tid('lessons-menu'));
  await page.click(tid(`lesson-${id}`));
  const notice = await waitForNotice(page, { levels: ['info'], pattern: /Train [\d,]+ steps/ });
  await waitReady(page);
  assert.equal(await readStep(page), 0, 'a lesson starts from a fresh model');
  return { ...opened, caption: notice.text };
}

// Trains the lesson's steps with its button and waits until the worker has stopped there.
async function trainLesson(page, steps) {
  await page.click(tid('lesson-train'));
  await waitForStepExactly(page, steps, 300_000);
  await waitForPlayState(page, 'paused', LONG);
  assert.equal(await readStep(page), steps, 'exactly the steps the lesson names');
}

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
  const { page, errors, caption } = await openLesson(t, 'shakespeare-lstm');
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
