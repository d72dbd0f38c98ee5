// Your own text stays in the editor: opened from a link, restored after a reload or in a new tab, the
// "Use your own text" box shows the text the page trains on (it used to come back empty while the page
// trained on it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import {
  ROOT, SMALL, assertNoErrors, linkHash, browserSuite, newContext, openPlayground, readStep, stepOnce, tid,
  waitForNotice, waitReady, watchErrors,
} from './harness.mjs';
import { waitForSave } from './sessions-db.mjs';

const env = browserSuite();
const NAMES = fs.readFileSync(path.join(ROOT, 'web', 'lm', 'presets', 'names.txt'), 'utf8');
// A text of its own (not a preset), with characters only it has.
const OWN = NAMES.slice(0, 2500).replace(/a/g, 'ä');

async function editor(page) {
  return page.evaluate(() => {
    const area = document.querySelector('[data-testid="text-input"]');
    return { text: area.value, open: area.closest('details').open };
  });
}

test('your own text is in the editor after a link, a reload and a new tab', { timeout: 120_000 }, async (t) => {
  const context = await newContext(env);
  t.after(() => context.close().catch(() => {}));
  const { page, errors } = await openPlayground(env, t, { context, hash: await linkHash({ ...SMALL, preset: 'custom', text: OWN }) });
  assert.equal(await page.inputValue(tid('preset-select')), 'custom');
  assert.deepEqual(await editor(page), { text: OWN, open: true }, 'a link with a text shows it in the editor');

  await stepOnce(page, 1);
  await waitForSave(page, 1);
  await page.reload();
  await waitReady(page);
  await waitForNotice(page, { levels: ['info'], pattern: /Restored your session/ });
  assert.equal(await readStep(page), 1);
  assert.deepEqual(await editor(page), { text: OWN, open: true }, 'after a reload');

  // a new tab without the link: the text comes from this browser's storage
  const tab = await context.newPage();
  const tabErrors = watchErrors(tab);
  await tab.goto(env.url);
  await waitReady(tab);
  await waitForNotice(tab, { levels: ['info'], pattern: /Restored your session/ });
  assert.equal(await tab.inputValue(tid('preset-select')), 'custom');
  assert.deepEqual(await editor(tab), { text: OWN, open: true }, 'in a new tab');

  // a draft is not overwritten while the text in use stays the same
  await tab.fill(tid('text-input'), 'a draft');
  await stepOnce(tab, 2);
  assert.equal((await editor(tab)).text, 'a draft');

  // a text too long for a text area to lay out quickly is named instead of shown
  const big = NAMES.repeat(13).slice(0, 300_000);
  await tab.setInputFiles(tid('text-upload'), { name: 'big.txt', mimeType: 'text/plain', buffer: Buffer.from(big) });
  await tab.waitForFunction(() => window.recurrentPlayground.ready && window.recurrentPlayground.appliedText.length === 300_000);
  assert.equal((await editor(tab)).text, '');
  assert.match(await tab.textContent(tid('text-too-long')), /The text in use has 300,000 characters: too long to show here/);
  assertNoErrors(errors);
  assertNoErrors(tabErrors, 'the new tab');
});
