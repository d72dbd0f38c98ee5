// Messages a learner can see and understand: a refused value is explained under its control wherever the
// page is scrolled, a warning raised out of sight of the notice area comes back as a toast, and data errors
// name what is wrong in plain words (issue 15, items 6 and 7).
import { test } from 'node:test';
import assert from 'node:assert/strict';

import {
  LONG, PHONE, SMALL, assertNoErrors, browserSuite, linkHash, notices, openPlayground, screenshot, setControl,
  switchFamily, tid, waitForNotice,
} from './harness.mjs';

const env = browserSuite();

// True when the element's box lies wholly inside the window.
async function inView(page, selector) {
  const box = await page.$eval(selector, (el) => {
    const r = el.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, height: r.height, window: window.innerHeight };
  });
  return box.height > 0 && box.top >= -1 && box.bottom <= box.window + 1 || assert.fail(`${selector} out of sight: ${JSON.stringify(box)}`);
}

test('a refused value is explained right under its control, even scrolled far from the notices', { timeout: 90_000 }, async (t) => {
  const { page, errors } = await openPlayground(env, t, { hash: await linkHash(SMALL) });
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  assert.ok(await page.$eval(tid('notices'), (el) => el.getBoundingClientRect().bottom <= 0), 'the notice area is scrolled out of sight');
  await setControl(page, 'ctl-hidden', '99999');
  const error = tid('ctl-hidden-error');
  await page.waitForSelector(`${error}:not([hidden])`, { timeout: LONG });
  assert.match(await page.textContent(error), /^Hidden size.*99999.*(at most|range|between)/i);
  assert.ok(await inView(page, error), 'the reason is in sight, beside the field');
  assert.equal(await page.inputValue(tid('ctl-hidden')), '32', 'the field reverted to the value in use');
  assert.equal(await page.getAttribute(tid('ctl-hidden'), 'aria-invalid'), 'true');
  assert.equal(await page.getAttribute(tid('ctl-hidden'), 'aria-describedby'), 'ctl-hidden-error');
  assert.ok(!(await notices(page)).some((n) => /Hidden size/.test(n.text)), 'not a second copy in the notice area');
  await screenshot(page, 'message-beside-field');
  // the next valid change clears it
  await setControl(page, 'ctl-hidden', '48');
  await page.waitForSelector(`${error}[hidden]`, { state: 'attached', timeout: LONG });
  assertNoErrors(errors);
});

test('on a phone, a bad learning rate is explained beside its field', { timeout: 90_000 }, async (t) => {
  const { page, errors } = await openPlayground(env, t, { hash: await linkHash(SMALL), viewport: PHONE });
  await page.locator('details').filter({ has: page.locator(tid('ctl-lr')) }).locator('summary').first().click();  // folded on a phone
  await setControl(page, 'ctl-lr', 'fast');
  const error = tid('ctl-lr-error');
  await page.waitForSelector(`${error}:not([hidden])`, { timeout: LONG });
  assert.ok(await inView(page, error), 'in sight at 390 px, even when the field was at the bottom of the screen');
  assert.match(await page.textContent(error), /^Learning rate/i);
  await screenshot(page, 'message-beside-field-phone');
  assertNoErrors(errors);
});

test('a warning raised while the notice area is out of sight comes back as a toast', { timeout: 90_000 }, async (t) => {
  const { page, errors } = await openPlayground(env, t, { hash: await linkHash(SMALL) });
  await page.locator(tid('temperature')).scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollBy(0, 300));
  await page.fill(tid('temperature'), '-3');
  await page.press(tid('temperature'), 'Enter');
  const toast = tid('notice-toast');
  await page.waitForSelector(toast, { timeout: LONG });
  assert.ok(await inView(page, toast), 'the toast is in the window');
  assert.match(await page.textContent(toast), /Temperature/);
  await screenshot(page, 'message-toast');
  await page.click(tid('notice-toast-show'));
  await page.waitForSelector(toast, { state: 'detached' });
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="notice"]')].some((n) => {
    const r = n.getBoundingClientRect();
    return /Temperature/.test(n.textContent) && r.top >= 0 && r.bottom <= window.innerHeight;
  }), null, { timeout: LONG });
  assertNoErrors(errors);
});

test('a custom text in a link with a wrong length says it was edited, not cut short', { timeout: 90_000 }, async (t) => {
  const full = await linkHash({ ...SMALL, preset: 'custom', text: 'x'.repeat(1350) });
  const hash = full.replace(/&text=1350\./, '&text=1000.');
  assert.notEqual(hash, full);
  const { page, errors } = await openPlayground(env, t, { hash });
  const n = await waitForNotice(page, { levels: ['warn'], pattern: /custom text/ });
  assert.match(n.text, /was edited: it holds 1,350 characters but says it has 1,000/);
  assertNoErrors(errors);
});

test('a picture opened as a model is called not a model file', { timeout: 90_000 }, async (t) => {
  const { page, errors } = await openPlayground(env, t, { hash: await linkHash(SMALL) });
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(400, 7)]);
  await page.setInputFiles(tid('open-model'), { name: 'cat.png', mimeType: 'image/png', buffer: png });
  const n = await waitForNotice(page, { levels: ['error'], pattern: /cat\.png/ });
  assert.match(n.text, /not a safetensors file/);
  assert.match(n.text, /session is unchanged/);
  assertNoErrors(errors);
});

// ---------------------------------------------------------------- your own pairs

async function openPairs(t) {
  const opened = await openPlayground(env, t);
  const { page } = opened;
  await switchFamily(page, 'seq2seq');
  await page.click(`${tid('pairs-details')} summary`);
  return opened;
}

async function usePairs(page, text) {
  await page.fill(tid('pairs-input'), text);
  await page.click(tid('use-pairs'));
}

test('your own pairs: errors name the line and the problem, under a title about the pairs', { timeout: 120_000 }, async (t) => {
  const { page, errors } = await openPairs(t);

  // a 1 MB line: refused by name, not turned into a memory estimate
  await usePairs(page, `ab\tcd\nx\t${'y'.repeat(1_000_000)}\nef\tgh\n`);
  let n = await waitForNotice(page, { levels: ['error'], pattern: /line 2/ });
  assert.match(n.text, /^These pairs cannot be used/);
  assert.match(n.text, /line 2: longer than 1000 bytes/);
  assert.doesNotMatch(n.text, /GB|model cannot be built/);
  assert.match(await page.textContent(tid('pairs-error')), /line 2: longer than 1000 bytes/);

  // an empty target is called that, not a missing tab
  await page.fill(tid('pairs-input'), 'ab\tcd\nef\t\nij\tkl\n');
  assert.match(await page.textContent(tid('pairs-count')), /^2 pairs · 1 line is not a pair \(line 2: empty target\)$/);
  assert.ok(await page.isHidden(tid('pairs-error')), 'the error about the earlier pairs went with the edit');

  // one pair is refused; adding a second clears the refusal at once
  await usePairs(page, 'ab\tcd\n');
  n = await waitForNotice(page, { levels: ['error'], pattern: /at least 2 pairs/ });
  assert.match(n.text, /^These pairs cannot be used/);
  await page.waitForSelector(`${tid('pairs-error')}:not([hidden])`);
  await page.fill(tid('pairs-input'), 'ab\tcd\nef\tgh\n');
  assert.equal(await page.textContent(tid('pairs-count')), '2 pairs');
  assert.ok(await page.isHidden(tid('pairs-error')), 'no stale "at least 2 pairs" beside "2 pairs"');
  assert.ok(!(await notices(page)).some((x) => /at least 2 pairs/.test(x.text)), 'nor in the notice area');
  await screenshot(page, 'message-pairs');
  assertNoErrors(errors);
});
