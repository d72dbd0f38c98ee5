// What leaves the page besides models and links (issue 16): every view with a chart saves its picture (PNG)
// and, where the chart knows them, its numbers (CSV), from a small menu in the card's header; and the model
// summary lists every parameter tensor, in every family.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';

import { LONG, SMALL, assertNoErrors, browserSuite, linkHash, openPlayground, pause, switchFamily, tid, waitForStep } from './harness.mjs';

const env = browserSuite();

async function download(page, menu, item) {
  await page.click(tid(menu));
  const [d] = await Promise.all([page.waitForEvent('download'), page.click(tid(item))]);
  return { name: d.suggestedFilename(), bytes: fs.readFileSync(await d.path()) };
}

test('the loss chart saves as PNG and as CSV with the same numbers as the run', { timeout: 120_000 }, async (t) => {
  const { page, errors } = await openPlayground(env, t, { hash: await linkHash(SMALL) });
  await page.click(tid('play'));
  await waitForStep(page, 30);
  await pause(page);
  const losses = await page.evaluate(() => Array.from(window.recurrentPlayground.history.losses.view()));

  const csv = await download(page, 'export-loss', 'export-csv-loss-0');
  assert.equal(csv.name, 'loss.csv');
  const lines = csv.bytes.toString('utf8').trim().split('\r\n');
  assert.equal(lines[0], 'training step,train (per step),train (average),held-out');
  const perStep = new Map(lines.slice(1).map((l) => l.split(',')).filter((c) => c[1] !== '').map((c) => [Number(c[0]), Number(c[1])]));
  assert.equal(perStep.size, losses.length, 'one row per training step');
  losses.forEach((loss, i) => assert.ok(Math.abs(perStep.get(i + 1) - loss) < 1e-6, `step ${i + 1}`));

  const png = await download(page, 'export-loss', 'export-png-loss-0');
  assert.equal(png.name, 'loss.png');
  assert.deepEqual([...png.bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG file');
  assert.ok(png.bytes.length > 5000, `a picture with something in it (${png.bytes.length} bytes)`);

  // a heatmap's numbers: one row per step, one column per character
  const states = await download(page, 'export-states', 'export-csv-states-0');
  const rows = states.bytes.toString('utf8').trim().split('\r\n');
  assert.match(rows[0], /^row,/);
  assert.ok(rows.length > 2 && rows.every((r) => r.split(',').length === rows[0].split(',').length || /"/.test(r)));
  assertNoErrors(errors);
});

// The summary's rows and total, read from the dialog.
async function summary(page) {
  await page.click(tid('model-summary-button'));
  await page.waitForSelector(`${tid('model-summary')}[open]`, { timeout: LONG });
  const rows = await page.$$eval(tid('summary-row'), (trs) => trs.map((tr) => [...tr.cells].map((td) => td.textContent)));
  const total = await page.textContent(tid('summary-total'));
  await page.click(tid('summary-close'));
  return { rows, total: Number(/Total: ([\d,]+)/.exec(total)[1].replace(/,/g, '')) };
}

test('the model summary lists every tensor with its shape, and its total is the model\'s size, in both families', { timeout: 150_000 }, async (t) => {
  const { page, errors } = await openPlayground(env, t, { hash: await linkHash({ ...SMALL, layers: 2, embed: 8 }) });
  const lm = await summary(page);
  assert.deepEqual(lm.rows.map((r) => r[0]), ['embed.weight', 'rnn.weight_ih_l0', 'rnn.weight_hh_l0', 'rnn.bias_ih_l0', 'rnn.bias_hh_l0',
    'rnn.weight_ih_l1', 'rnn.weight_hh_l1', 'rnn.bias_ih_l1', 'rnn.bias_hh_l1', 'head.weight', 'head.bias']);
  assert.equal(lm.rows[2][1], '[128, 32]', 'an LSTM of 32 units stacks 4 gates');
  const rowSum = lm.rows.reduce((n, r) => n + Number(r[2].replace(/,/g, '')), 0);
  assert.equal(lm.total, rowSum);
  assert.equal(lm.total, await page.evaluate(() => window.recurrentPlayground.info.params), 'the size the model panel shows');

  await switchFamily(page, 'seq2seq');
  await page.waitForFunction(() => window.recurrentPlayground.ready === true, null, { timeout: LONG });
  const s2s = await summary(page);
  assert.ok(s2s.rows.some((r) => r[0].startsWith('encoder.')) && s2s.rows.some((r) => r[0].startsWith('decoder.')));
  assert.equal(s2s.total, await page.evaluate(() => window.recurrentPlayground.info.params));
  assertNoErrors(errors);
});
