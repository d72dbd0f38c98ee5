// The session survives a reload: weights, optimizer state, step and loss history come back from IndexedDB.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import {
  LONG, SMALL, assertNoErrors, browserSuite, linkHash, newContext, openPlayground, pause, readStep, readText,
  screenshot, stepOnce, tid, waitForNotice, waitForPlayState, waitForStep, waitReady, watchErrors,
} from './harness.mjs';

const env = browserSuite();

// The step of the session the page saved in IndexedDB (null when there is none yet).
function savedStep(page) {
  return page.evaluate(() => new Promise((resolve) => {
    const req = indexedDB.open('recurrent-playground');
    req.onerror = () => resolve(null);
    req.onsuccess = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains('session')) {
        db.close();
        return resolve(null);
      }
      const get = db.transaction('session', 'readonly').objectStore('session').get('current');
      get.onsuccess = () => {
        db.close();
        resolve(get.result ? get.result.step : null);
      };
      get.onerror = () => {
        db.close();
        resolve(null);
      };
    };
  }));
}

async function waitForSave(page, step) {
  const deadline = Date.now() + LONG;
  for (;;) {
    const saved = await savedStep(page);
    if (saved === step) return;
    assert.ok(Date.now() < deadline, `the session was not saved at step ${step} (saved: ${saved})`);
    await page.waitForTimeout(250);  // polling IndexedDB, which cannot be watched
  }
}

test('a reload restores the session and training continues from the saved step', { timeout: 180_000 }, async (t) => {
  const context = await newContext(env);
  t.after(() => context.close().catch(() => {}));
  const first = await openPlayground(env, t, { context, hash: await linkHash({ ...SMALL, cell: 'gru', seed: 99 }) });
  let page = first.page;
  await page.click(tid('play'));
  await waitForPlayState(page, 'running');
  await waitForStep(page, 40);
  const paused = await pause(page);
  const lossShown = await readText(page, 'readout-loss');
  const history = await page.evaluate(() => Array.from(window.recurrentPlayground.history.losses.view()));
  assert.equal(history.length, paused);
  await waitForSave(page, paused);
  assertNoErrors(first.errors, 'before the reload');

  // the same context (same IndexedDB): reload (the error watcher stays on the page)
  await page.reload();
  await waitReady(page);
  const notice = await waitForNotice(page, { levels: ['info'], pattern: /Restored your session/ });
  assert.match(notice.text, new RegExp(`Step ${paused.toLocaleString('en-US')}, saved`), notice.text);
  await screenshot(page, 'session-restored');
  assert.equal(await readStep(page), paused, 'the step readout continues from the saved step');
  assert.equal(await readText(page, 'readout-loss'), lossShown, 'the loss history came back too');
  const restored = await page.evaluate(() => Array.from(window.recurrentPlayground.history.losses.view()));
  assert.deepEqual(restored, history);
  assert.equal(await page.inputValue(tid('ctl-cell')), 'gru');
  assert.equal(await page.inputValue(tid('ctl-seed')), '99');
  await stepOnce(page, paused + 1);
  assert.equal(await readStep(page), paused + 1);

  assertNoErrors(first.errors, 'after the reload');

  // a new tab without the link restores it too
  page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(env.url);
  await waitReady(page);
  await waitForNotice(page, { levels: ['info'], pattern: /Restored your session/ });
  assert.ok(await readStep(page) >= paused, 'the restored step is at least the paused one');
  assert.equal(await page.inputValue(tid('ctl-cell')), 'gru');
  assertNoErrors(errors, 'in the new tab');
});

// Known page bug (reported, not fixed here): web/experiment.js marks the session dirty only while playing
// (background(): `if (this.running) this.dirty = true`) or on pause/build/open, never after a single step, so
// steps taken with the Step button or the S key are neither saved periodically nor flushed on pagehide.
test('steps taken one at a time are saved too', { timeout: 120_000 }, async (t) => {
  const context = await newContext(env);
  t.after(() => context.close().catch(() => {}));
  const { page, errors } = await openPlayground(env, t, { context, hash: await linkHash(SMALL) });
  await waitForSave(page, 0);  // the fresh model's first save
  for (let i = 1; i <= 3; i++) await stepOnce(page, i);
  await page.reload();
  await waitReady(page);
  await waitForNotice(page, { levels: ['info'], pattern: /Restored your session/ });
  assert.equal(await readStep(page), 3, 'the reload restores step 3, not the step-0 save');
  assertNoErrors(errors);
});
