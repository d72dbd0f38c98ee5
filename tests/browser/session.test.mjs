// The session survives a reload: weights, optimizer state, step and loss history come back from IndexedDB.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import {
  SMALL, assertNoErrors, browserSuite, linkHash, newContext, openPlayground, pause, readStep, readText,
  screenshot, stepOnce, tid, waitForNotice, waitForPlayState, waitForStep, waitReady, watchErrors,
} from './harness.mjs';
import { waitForSave, writeOldLayout } from './sessions-db.mjs';

const env = browserSuite();

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

// The saved session of the char LM as the first page wrote it: under the slot `current`, record version 1,
// its family id `charlm` (also as the family used last) and its keys temp/topk/slen.
function makeFirstPageSession(page) {
  return writeOldLayout(page, 'current', (r) => {
    const { temperature, top_k: topK, sample_len: length, ...rest } = r.state;
    return { ...r, version: 1, kind: 'charlm', state: { ...rest, temp: temperature, topk: topK, slen: length } };
  }, 'charlm');
}

test('a session saved by the first page (its old names) is restored, settings and all', { timeout: 120_000 }, async (t) => {
  const context = await newContext(env);
  t.after(() => context.close().catch(() => {}));
  const first = await openPlayground(env, t, { context, hash: await linkHash({ ...SMALL, temperature: 1.3, top_k: 7, sample_len: 120 }) });
  await waitForSave(first.page, 0);
  for (let i = 1; i <= 3; i++) await stepOnce(first.page, i);
  await waitForSave(first.page, 3);
  await first.page.close();

  // rewritten from a page of the same origin that is not the playground (so nothing saves over it)
  const page = await context.newPage();
  await page.goto(`${env.url}style/base.css`);
  const old = await makeFirstPageSession(page);
  assert.deepEqual([old.version, old.kind, old.state.temp, 'temperature' in old.state], [1, 'charlm', 1.3, false]);
  const errors = watchErrors(page);  // (a stylesheet has no icon: its 404 is not the playground's)
  await page.goto(env.url);
  await waitReady(page);
  await waitForNotice(page, { levels: ['info'], pattern: /Restored your session/ });
  assert.equal(await readStep(page), 3);
  assert.equal(await page.evaluate(() => document.body.dataset.mode), 'lm');
  assert.deepEqual([await page.inputValue(tid('temperature')), await page.inputValue(tid('top-k')), await page.inputValue(tid('sample-length'))], ['1.3', '7', '120']);
  await page.waitForFunction(() => /[#&]temperature=1\.3&top_k=7&/.test(location.hash) && /^#v=2&mode=lm&/.test(location.hash));
  assert.equal(await page.evaluate(() => window.recurrentPlayground.charlm === window.recurrentPlayground.lm), true, 'the old console name still works');
  await stepOnce(page, 4);
  assertNoErrors(errors);
});
