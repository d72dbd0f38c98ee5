// Several sessions per browser: a link opened in another tab, a changed hash or a rebuilt model starts a
// session of its own and never replaces a trained one (it used to: one slot per family, so a link opened in a
// new tab and stepped once wiped the 60-step run saved before); the Sessions menu lists, restores and
// deletes them; a full storage says so.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import {
  DESKTOP, PHONE, SMALL, assertNoErrors, browserSuite, linkHash, newContext, openPlayground, pause, readStep,
  screenshot, setControl, stepOnce, tid, waitForNotice, waitForPlayState, waitForStep, waitReady, watchErrors,
} from './harness.mjs';
import { storedSessions, waitForSave } from './sessions-db.mjs';

const env = browserSuite();

// The Sessions menu's rows: [{name, note, checked, deletable}].
async function menuRows(page) {
  if (!(await page.locator('.sessions-menu').evaluate((el) => el.open))) await page.click(tid('sessions-menu'));
  await page.waitForSelector(`${tid('session-item')}, ${tid('sessions-empty')}`);
  return page.$$eval('[data-testid="session-item"]', (items) => items.map((el) => ({
    name: el.querySelector('.menu-item-label').textContent,
    note: el.querySelector('.menu-item-note').textContent,
    checked: el.getAttribute('aria-checked') === 'true',
    deletable: el.parentElement.classList.contains('menu-row'),
  })));
}

async function trainTo(page, n) {
  await page.click(tid('play'));
  await waitForPlayState(page, 'running');
  await waitForStep(page, n);
  return pause(page);
}

test('a link in a new tab and a changed hash start sessions of their own; the trained one is kept and offered back', { timeout: 120_000 }, async (t) => {
  const context = await newContext(env);
  t.after(() => context.close().catch(() => {}));
  const linkA = await linkHash({ ...SMALL, seed: 11 });
  const linkB = await linkHash({ ...SMALL, cell: 'gru', seed: 12 });
  const first = await openPlayground(env, t, { context, hash: linkA });
  const trained = await trainTo(first.page, 60);
  await waitForSave(first.page, trained);

  // a new tab opens another experiment's link and takes one step
  const tab = await context.newPage();
  const tabErrors = watchErrors(tab);
  await tab.goto(`${env.url}#${linkB}`);
  await waitReady(tab);
  const offer = await waitForNotice(tab, { levels: ['info'], pattern: /Opened the experiment in the link/ });
  assert.match(offer.text, new RegExp(`step ${trained}, saved`), offer.text);
  await stepOnce(tab, 1);
  const list = await waitForSave(tab, 1);
  assert.deepEqual(list.map((e) => e.step), [1, trained], 'two sessions: the new one and the trained one');
  await tab.close();

  // the first tab reloads on its link: its trained session, not the new tab's
  await first.page.reload();
  await waitReady(first.page);
  await waitForNotice(first.page, { levels: ['info'], pattern: /Restored your session/ });
  assert.equal(await readStep(first.page), trained);

  // changing the hash to the other link opens that session, and offers this one back
  await first.page.evaluate((h) => { location.hash = h; }, linkB);
  // (the saved session of that link, at step 1, not a new model)
  await first.page.waitForFunction(() => {
    const app = window.recurrentPlayground;
    return app.ready && app.applied.cell === 'gru' && app.step === 1;
  });
  await waitReady(first.page);
  assert.equal(await readStep(first.page), 1, 'the saved session of that link');
  await waitForNotice(first.page, { levels: ['info'], pattern: new RegExp(`Opened the experiment in the link.*step ${trained}`) });
  await first.page.click(tid('restore-previous'));
  await waitForNotice(first.page, { levels: ['info'], pattern: /Restored your previous session/ });
  await first.page.waitForFunction((n) => window.recurrentPlayground.step === n && window.recurrentPlayground.ready, trained);
  assert.equal(await first.page.inputValue(tid('ctl-cell')), 'lstm');
  assert.equal(await readStep(first.page), trained);
  assert.equal((await storedSessions(first.page)).length, 2, 'nothing was lost or duplicated');
  assertNoErrors(first.errors);
  assertNoErrors(tabErrors, 'the second tab');
});

test('the Sessions menu lists the sessions of both families, restores and deletes them (with undo)', { timeout: 120_000 }, async (t) => {
  const { page, errors } = await openPlayground(env, t, { hash: await linkHash(SMALL) });
  for (let i = 1; i <= 3; i++) await stepOnce(page, i);
  // a rebuilt model is a new session: the trained one stays
  await setControl(page, 'ctl-hidden', 24);
  await page.waitForFunction(() => window.recurrentPlayground.applied && window.recurrentPlayground.applied.hidden === 24 && window.recurrentPlayground.ready);
  await stepOnce(page, 1);
  await stepOnce(page, 2);
  await waitForSave(page, 2);
  let rows = await menuRows(page);
  assert.deepEqual(rows.map((r) => [r.name, r.checked, r.deletable]), [['LSTM 24 · Names', true, false], ['LSTM 32 · Names', false, true]]);
  assert.match(rows[1].note, /^step 3 · saved \d+ s ago$/);
  await page.setViewportSize(DESKTOP);
  await screenshot(page, 'sessions-menu-1280', { clip: { x: 0, y: 0, width: DESKTOP.width, height: 330 } });
  await page.setViewportSize(PHONE);
  await screenshot(page, 'sessions-menu-390');
  await page.setViewportSize(DESKTOP);

  // restore the first one from the menu
  await page.locator(tid('session-item')).nth(1).click();
  await waitForNotice(page, { levels: ['info'], pattern: /Restored your previous session.*Step 3/ });
  await page.waitForFunction(() => window.recurrentPlayground.step === 3 && window.recurrentPlayground.ready);
  assert.equal(await page.inputValue(tid('ctl-hidden')), '32');
  await page.waitForFunction(() => /[#&]hidden=32&/.test(location.hash));

  // delete the other, then undo
  rows = await menuRows(page);
  assert.deepEqual(rows.map((r) => [r.name, r.checked]), [['LSTM 24 · Names', false], ['LSTM 32 · Names', true]], 'newest saved first');
  await page.click(tid('session-delete'));
  await waitForNotice(page, { levels: ['info'], pattern: /Deleted LSTM 24 · Names/ });
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="session-item"]').length === 1);
  assert.equal((await storedSessions(page)).length, 1);
  await page.click(tid('undo-delete'));
  await page.waitForFunction(() => new Promise((resolve) => {
    const req = indexedDB.open('recurrent-playground');
    req.onsuccess = () => req.result.transaction('session').objectStore('session').get('index').onsuccess = (e) => resolve(e.target.result.length === 2);
  }));

  // a seq2seq session is listed too, with its family; picking the char LM's switches back
  await page.click(tid('mode-menu'));
  await page.click(tid('mode-seq2seq'));
  await page.waitForFunction(() => document.body.dataset.mode === 'seq2seq' && window.recurrentPlayground.ready, null, { timeout: 60_000 });
  await stepOnce(page, 1);
  await waitForSave(page, 1);
  rows = await menuRows(page);
  assert.equal(rows.length, 3);
  assert.match(rows[0].note, /^Sequence to sequence · step 1 · /);
  assert.ok(rows[0].checked);
  const lm24 = rows.findIndex((r) => r.name === 'LSTM 24 · Names');
  await page.locator(tid('session-item')).nth(lm24).click();
  await page.waitForFunction(() => document.body.dataset.mode === 'lm' && window.recurrentPlayground.ready && window.recurrentPlayground.step === 2);
  assert.equal(await page.inputValue(tid('ctl-hidden')), '24');
  assertNoErrors(errors);
});

test('a full storage says plainly that the session is not being saved', { timeout: 60_000 }, async (t) => {
  const context = await newContext(env);
  t.after(() => context.close().catch(() => {}));
  // the browser refuses every write of a session, as it does over quota
  await context.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (value, key) {
      if (typeof key === 'string' && key.startsWith('run:')) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.call(this, value, key);
    };
  });
  const { page, errors } = await openPlayground(env, t, { context, hash: await linkHash(SMALL) });
  await stepOnce(page, 1);
  const notice = await waitForNotice(page, { levels: ['warn'], pattern: /not being saved/ });
  assert.match(notice.text, /storage for this page is full/);
  assert.match(notice.text, /Sessions menu/);
  await stepOnce(page, 2);
  assertNoErrors(errors);
});
