// Every view with a chart saves its picture (PNG) and, where the chart knows them, its numbers (CSV), from
// a small menu in the card's header (issue 16: charts out of the page).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';

import { SMALL, assertNoErrors, browserSuite, linkHash, openPlayground, pause, tid, waitForStep } from './harness.mjs';

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
