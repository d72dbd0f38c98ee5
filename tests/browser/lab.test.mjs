// The worked-example lab (web/lab/): its lesson shows the lectures' exact numbers in both orders, as the
// engine computed them; typing weights and inputs recomputes, a bad number is refused under its matrix, the
// sizes reshape every matrix; a damaged link is put right with a notice; the training bar and the model
// download are hidden while the lab is shown.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { LONG, assertNoErrors, browserSuite, openPlayground, screenshot, tid, waitForNotice } from './harness.mjs';
import { lesson } from './lesson-steps.mjs';

const env = browserSuite();

// The step table as the page shows it: per row {x, h, y} as the text of its cells.
async function readSteps(page) {
  return page.$$eval('[data-testid="lab-step-row"]', (rows) => rows.map((r) => ({
    x: r.querySelector('[data-testid="lab-x"]').textContent,
    h: r.querySelector('[data-testid="lab-h"]').textContent,
    y: r.querySelector('[data-testid="lab-y"]').textContent,
  })));
}

// Waits until the table's outputs are `ys` (the engine answers each change with one round trip).
async function waitForOutputs(page, ys) {
  await page.waitForFunction((want) => {
    const got = [...document.querySelectorAll('[data-testid="lab-y"]')].map((el) => el.textContent);
    return JSON.stringify(got) === JSON.stringify(want);
  }, ys, { timeout: LONG, polling: 50 }).catch(async () => {
    assert.deepEqual((await readSteps(page)).map((r) => r.y), ys);
  });
}

async function openLab(t, hash) {
  const opened = await openPlayground(env, t, { hash, ready: false });
  await opened.page.waitForSelector(tid('lab-step-row'), { timeout: LONG });
  return opened;
}

test('the lesson shows the lectures\' worked example, and reversing the inputs changes every output', async (t) => {
  const { id, title } = lesson('order-matters');
  const { page, errors } = await openPlayground(env, t);
  await page.click(tid('lessons-menu'));
  await page.click(tid(`lesson-${id}`));
  const notice = await waitForNotice(page, { levels: ['info'], pattern: new RegExp(title.slice(0, 20)) });
  assert.match(notice.text, /\[4,4\], \[12,12\], \[32,32\]/, 'the caption states the numbers');
  assert.equal(await page.locator(tid('lesson-train')).count(), 0, 'nothing to train: no Train button');
  await page.waitForFunction(() => document.body.dataset.mode === 'lab', null, { timeout: LONG });
  await waitForOutputs(page, ['[4, 4]', '[12, 12]', '[32, 32]']);
  const steps = await readSteps(page);
  assert.deepEqual(steps.map((r) => r.x), ['[1, 1]', '[1, 1]', '[2, 2]']);
  assert.deepEqual(steps.map((r) => r.h), ['[2, 2]', '[6, 6]', '[16, 16]']);
  // the step explained: which numbers make h(3) and y(3)
  const sums = await page.locator(tid('lab-explain')).textContent();
  assert.ok(sums.includes('h1(3) = f( 1·2 + 1·2 + 0  +  1·6 + 1·6 ) = f(16) = 16'), sums);
  assert.ok(sums.includes('y1(3) = 1·16 + 1·16 + 0 = 32'), sums);
  await screenshot(page, 'lab-lesson');

  await page.click(tid('lab-reverse'));
  await waitForOutputs(page, ['[8, 8]', '[20, 20]', '[44, 44]']);
  assert.deepEqual((await readSteps(page)).map((r) => r.x), ['[2, 2]', '[1, 1]', '[1, 1]']);
  await page.waitForFunction(() => location.hash.includes('inputs=2,2;1,1;1,1'), null, { timeout: LONG });
  // the unrolled diagram shows the same numbers; clicking its first step explains that step
  const diagram = await page.locator(tid('lab-diagram')).textContent();
  for (const v of ['[8, 8]', '[20, 20]', '[44, 44]', '[4, 4]', '[10, 10]', '[22, 22]']) assert.ok(diagram.includes(v), `${v} in the diagram: ${diagram}`);
  await page.click(`${tid('lab-diagram')} g[data-step="1"]`);
  await page.waitForFunction(() => document.querySelector('[data-testid="lab-explain"]').textContent.startsWith('Step 1:'), null, { timeout: LONG });
  assert.ok((await page.locator(tid('lab-explain')).textContent()).includes('h1(1) = f( 1·2 + 1·2 + 0  +  1·0 + 1·0 ) = f(4) = 4'));
  await page.waitForFunction(() => location.hash.includes('focus=1'), null, { timeout: LONG });
  await screenshot(page, 'lab-reversed');
  // the training bar and the model download have nothing to act on here
  assert.equal(await page.locator(tid('play')).isVisible(), false);
  assert.equal(await page.locator(tid('download-model')).isVisible(), false);
  assert.match(await page.locator(tid('engine-status')).textContent(), /Computed by the engine/);
  assertNoErrors(errors);
});

test('typed weights and inputs recompute; bad numbers are refused under their matrix; sizes reshape', async (t) => {
  const { page, errors } = await openLab(t, '#v=2&mode=lab');
  await waitForOutputs(page, ['[4, 4]', '[12, 12]', '[32, 32]']);
  // W_rec = 0: the outputs no longer depend on the past
  for (const [r, c] of [[0, 0], [0, 1], [1, 0], [1, 1]]) {
    await page.fill(tid(`lab-w-rec-${r}-${c}`), '0');
    await page.press(tid(`lab-w-rec-${r}-${c}`), 'Enter');
  }
  await waitForOutputs(page, ['[4, 4]', '[4, 4]', '[8, 8]']);
  // a number out of range, then one that is not a number: refused, the value kept
  await page.fill(tid('lab-w-in-0-1'), '1e5');
  await page.press(tid('lab-w-in-0-1'), 'Enter');
  await page.waitForSelector(`${tid('lab-w-in-error')}:not([hidden])`);
  assert.match(await page.locator(tid('lab-w-in-error')).textContent(), /W_in: '1e5' is out of range/);
  await page.fill(tid('lab-inputs-2-0'), 'two');
  await page.press(tid('lab-inputs-2-0'), 'Enter');
  await page.waitForSelector(`${tid('lab-inputs-error')}:not([hidden])`);
  assert.match(await page.locator(tid('lab-inputs-error')).textContent(), /inputs: 'two' is not a number/);
  assert.equal(await page.inputValue(tid('lab-inputs-2-0')), '2', 'the refused value is reverted');
  await waitForOutputs(page, ['[4, 4]', '[4, 4]', '[8, 8]']);
  // three hidden units, a fourth step, tanh
  await page.selectOption(tid('lab-hidden'), '3');
  await page.waitForSelector(tid('lab-w-rec-2-2'));
  await page.click(tid('lab-add-step'));
  await page.selectOption(tid('lab-activation'), 'tanh');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="lab-y"]').length === 4
    && [...document.querySelectorAll('[data-testid="lab-h"]')].every((el) => el.textContent.split(',').length === 3), null, { timeout: LONG });
  const steps = await readSteps(page);
  assert.equal(steps[3].x, '[0, 0]', 'a new step starts at zero');
  // tanh(1 + 1) for the two units with input weights; the new third unit's are 0
  assert.equal(steps[0].h, '[0.964, 0.964, 0]');
  await screenshot(page, 'lab-edited');
  assertNoErrors(errors);
});

test('a damaged lab link is put right, with a notice naming what changed', async (t) => {
  const { page, errors } = await openLab(t, '#v=2&mode=lab&input_size=2&hidden=9&output_size=1&activation=linear&w_in=1,x;1,1&w_rec=1,1;1,1&b_h=0,0&w_out=1,1&b_y=0&inputs=1,1;2,2&focus=1&views=network,steps');
  const notice = await waitForNotice(page, { levels: ['warn'], pattern: /hidden/ });
  assert.match(notice.text, /hidden .*out of range/);
  assert.match(notice.text, /w_in/);
  // hidden falls back to 2; W_in's unreadable entry is 0: h(1) = [1, 2], y(1) = 3
  await waitForOutputs(page, ['[3]', '[12]']);
  assertNoErrors(errors);
});

test('switching from the lab to the char LM brings the training bar back, and the lab keeps its numbers', async (t) => {
  const { page, errors } = await openLab(t, '#v=2&mode=lab&inputs=2,2;1,1;1,1');
  await waitForOutputs(page, ['[8, 8]', '[20, 20]', '[44, 44]']);
  await page.click(tid('mode-menu'));
  await page.click(tid('mode-lm'));
  await page.waitForSelector(`${tid('play')}:not([disabled])`, { timeout: LONG });
  assert.equal(await page.locator(tid('download-model')).isVisible(), true);
  assert.equal(await page.locator(tid('command-menu')).isVisible(), true);
  await page.click(tid('mode-menu'));
  await page.click(tid('mode-lab'));
  await page.waitForFunction(() => document.body.dataset.mode === 'lab', null, { timeout: LONG });
  await waitForOutputs(page, ['[8, 8]', '[20, 20]', '[44, 44]']);
  assert.equal(await page.locator(tid('play')).isVisible(), false);
  assertNoErrors(errors);
});
