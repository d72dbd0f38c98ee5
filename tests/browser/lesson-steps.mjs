// Opening and training a lesson (web/lessons.js) the way a learner does, for the lesson tests of every family
// (tests/browser/lessons*.test.mjs): the header's Lessons menu opens it, its notice's button trains it.
import assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import {
  LONG, ROOT, openPlayground, readStep, tid, waitForNotice, waitForPlayState, waitForStepExactly, waitReady,
} from './harness.mjs';

// The page's own registry (DOM-free), so a test finds a lesson's family, link and steps where the menu does.
export const { LESSONS } = await import(pathToFileURL(path.join(ROOT, 'web', 'lessons.js')).href);

export function lesson(id) {
  const l = LESSONS.find((x) => x.id === id);
  assert.ok(l, `web/lessons.js has a lesson '${id}'`);
  return l;
}

// Opens a lesson from the menu on a fresh page; returns the page once its model is ready at step 0, in the
// lesson's family, with the lesson's notice (its title and caption, and the button that trains it) as
// `caption`. The notice comes once the page has switched to the family and built the lesson's model.
export async function openLesson(env, t, id) {
  const { family, title } = lesson(id);
  const opened = await openPlayground(env, t);
  const { page } = opened;
  await page.click(tid('lessons-menu'));
  await page.click(tid(`lesson-${id}`));
  const notice = await waitForNotice(page, { levels: ['info'], pattern: /Train [\d,]+ steps/ });
  assert.ok(notice.text.includes(title), `the lesson's notice: ${notice.text}`);
  await page.waitForFunction((m) => document.body.dataset.mode === m && window.recurrentPlayground.mode === m, family, { timeout: LONG });
  await waitReady(page);
  assert.equal(await readStep(page), 0, 'a lesson starts from a fresh model');
  return { ...opened, caption: notice.text };
}

// Trains the lesson's steps with its button and waits until the worker has stopped there.
export async function trainLesson(page, steps) {
  await page.click(tid('lesson-train'));
  await waitForStepExactly(page, steps, 300_000);
  await waitForPlayState(page, 'paused', LONG);
  assert.equal(await readStep(page), steps, 'exactly the steps the lesson names');
}
