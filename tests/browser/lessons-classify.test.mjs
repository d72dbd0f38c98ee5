// The classifier's lessons (web/classify/lessons.js): opened through the header's Lessons menu, trained for
// the steps they name with their own button (lesson-steps.mjs), and their captions' claims checked on what
// the decision view then shows. A new classifier lesson adds its test here.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { LONG, assertNoErrors, browserSuite, readText, screenshot, tid } from './harness.mjs';
import { lesson, openLesson, trainLesson } from './lesson-steps.mjs';

const env = browserSuite();

// The decision over time of `text` at `step`, as the view drew it: {text, probs [n*C], labels}.
async function decisionOf(page, text, step) {
  await page.waitForFunction(({ text, step }) => {
    const d = window.recurrentPlayground.decision;
    return d && d.text === text && d.step === step;
  }, { text, step }, { timeout: LONG, polling: 100 });
  return page.evaluate(() => window.recurrentPlayground.decision);
}

test('lesson: the decision forms over time, and the word after "not" decides', { timeout: 300_000 }, async (t) => {
  const { id, steps } = lesson('sentiment-decision-over-time');
  const { page, errors, caption } = await openLesson(env, t, id);
  assert.match(caption, /ends over 90% negative/);
  await trainLesson(page, steps);

  const good = await decisionOf(page, 'the film is not good', steps);
  assert.deepEqual(good.labels, ['negative', 'positive']);
  const n = Array.from(good.text).length;
  const negative = good.probs[2 * (n - 1)];
  assert.ok(negative > 0.9, `"the film is not good" ends ${(negative * 100).toFixed(1)}% negative`);
  assert.match(await readText(page, 'cls-decision-readout'), /→ negative (9\d|100)\.\d%/);
  await screenshot(page.locator(tid('view-decision')), 'lesson-classify-not-good');

  // "Change good to bad": the learner types it in the decision view.
  await page.fill(tid('cls-decision-input'), 'the film is not bad');
  const bad = await decisionOf(page, 'the film is not bad', steps);
  const m = Array.from(bad.text).length;
  const positive = bad.probs[2 * (m - 1) + 1];
  assert.ok(positive > 0.9, `"the film is not bad" ends ${(positive * 100).toFixed(1)}% positive`);
  // The same curve up to "not ": the prefixes are the same texts, so the same probabilities.
  const shared = 'the film is not '.length;
  assert.deepEqual(bad.probs.slice(0, 2 * shared), good.probs.slice(0, 2 * shared));
  await screenshot(page.locator(tid('view-decision')), 'lesson-classify-not-bad');
  assertNoErrors(errors);
});
