// Training in the page: the loss falls and samples appear; every view draws; the layout holds on a phone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import {
  LONG, PHONE, ROOT, SMALL, assertNoErrors, browserSuite, canvasStats, linkHash, openPlayground, pause, readLoss,
  readStep, readText, screenshot, stepOnce, tid, waitForPlayState, waitForStep,
} from './harness.mjs';

const env = browserSuite();
const NAMES = fs.readFileSync(path.join(ROOT, 'web', 'lm', 'presets', 'names.txt'), 'utf8');
const NAMES_CHARS = new Set(NAMES);

// Clicks "Sample now" and waits for that sample to finish streaming; returns { meta, text }.
async function sampleNow(page) {
  const before = await page.locator(tid('sample')).count();
  await page.click(tid('sample-button'));
  await page.waitForFunction((n) => {
    const all = document.querySelectorAll('[data-testid="sample"]');
    const newest = all[0];
    return all.length >= Math.min(n + 1, 4) && newest && !newest.classList.contains('streaming') &&
      newest.querySelector('.sample-text').textContent.length > 0;
  }, before, { timeout: LONG, polling: 100 });
  return page.evaluate(() => {
    const s = document.querySelector('[data-testid="sample"]');
    return { meta: s.querySelector('.sample-meta').textContent, text: s.querySelector('.sample-text').textContent, error: !!s.querySelector('.sample-error') };
  });
}

test('training a preset makes the loss fall and samples appear, without page errors', { timeout: 180_000 }, async (t) => {
  const { page, errors } = await openPlayground(env, t, { hash: await linkHash({ preset: 'names', cell: 'lstm', hidden: 64, seq: 32, batch: 16 }) });
  const stats = await readText(page, 'text-stats');
  const V = Number(stats.match(/([\d,]+) distinct/)[1].replace(/,/g, ''));
  assert.equal(V, NAMES_CHARS.size, `text-stats: ${stats}`);
  assert.equal(await readStep(page), 0);
  assert.equal(await readText(page, 'readout-loss'), '–', 'no loss before the first step');

  const first = Number(await stepOnce(page, 1));
  assert.ok(Math.abs(first - Math.log(V)) < 0.5, `the first loss ${first} is near ln(${V}) = ${Math.log(V).toFixed(3)}`);

  await page.click(tid('play'));
  await waitForPlayState(page, 'running');
  await waitForStep(page, 300);
  const stopped = await pause(page);
  assert.ok(stopped >= 300);
  const loss = await readLoss(page);
  assert.ok(loss < 0.8 * first, `after ${stopped} steps the loss ${loss} is below 0.8 x the first (${first})`);
  assert.ok(loss < Math.log(V) - 0.8, `and well below ln(V) = ${Math.log(V).toFixed(3)}`);
  const held = Number(await readText(page, 'readout-held-out-loss'));
  assert.ok(held > 0 && held < Math.log(V), `held-out loss ${held} is measured and below ln(V)`);
  assert.match(await readText(page, 'readout-chars-per-sec'), /^\d+(\.\d)?[KM]?$/, 'throughput is shown');
  assert.match(await readText(page, 'engine-status'), new RegExp(`Paused at step ${stopped.toLocaleString('en-US')}`));

  const sample = await sampleNow(page);
  assert.equal(sample.error, false, 'the sample finished without an error');
  assert.match(sample.meta, new RegExp(`step ${stopped.toLocaleString('en-US')}`), `sample meta: ${sample.meta}`);
  assert.equal(Array.from(sample.text).length, 300, 'a sample of the default length (300)');
  const foreign = Array.from(sample.text).filter((c) => !NAMES_CHARS.has(c));
  assert.deepEqual(foreign, [], 'the sample only uses characters of the training text');
  assert.ok(/\n/.test(sample.text), 'a names model writes line breaks');
  await screenshot(page, 'after-training', { fullPage: true });
  assertNoErrors(errors);
});

test('every view draws after training, and typing updates the predictions', { timeout: 180_000 }, async (t) => {
  const { page, errors } = await openPlayground(env, t, { hash: await linkHash(SMALL) });
  const H = SMALL.hidden;
  // Before training: the loss chart has a legend and at most the held-out point measured at step 0.
  const lossBefore = await canvasStats(page, tid('loss-chart'), { top: 30 });
  assert.ok(lossBefore && lossBefore.width > 100 && lossBefore.height > 100, `loss chart size ${JSON.stringify(lossBefore)}`);

  await page.click(tid('play'));
  await waitForStep(page, 80);
  await pause(page);
  // a pause refreshes the probe views; wait until all of them have data
  await page.waitForFunction(() => {
    const q = (s) => document.querySelector(s);
    return q('[data-testid="neuron-text"] [data-t]') && q('[data-testid="gates-histograms"] canvas') &&
      q('[data-testid="top-units"] [data-testid="top-unit"]') && q('[data-testid="heatmap"]').width > 100;
  }, null, { timeout: LONG, polling: 100 });

  // loss: the curves are drawn in the plot area (below the legend)
  const loss = await canvasStats(page, tid('loss-chart'), { top: 30 });
  assert.ok(loss.coloured > lossBefore.coloured + 150, `loss curves drawn: ${JSON.stringify(lossBefore)} -> ${JSON.stringify(loss)}`);

  // samples
  const sample = await sampleNow(page);
  assert.ok(sample.text.length > 0);
  assert.ok(await page.locator(`${tid('sample-output')} ${tid('sample')}`).count() >= 1);

  // predict: bars for what is typed, changing with the text
  await page.fill(tid('predict-input'), 'Mar');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="predict-bar"]').length >= 5, null, { timeout: LONG });
  const bars = () => page.$$eval('[data-testid="predict-bar"]', (els) => els.map((el) => `${el.dataset.char}:${el.querySelector('.bar-value').textContent}`));
  const barsMar = await bars();
  assert.equal(barsMar.length, 12, 'the twelve most likely characters');
  for (const b of barsMar) assert.ok(NAMES_CHARS.has(b.slice(0, b.lastIndexOf(':'))), `bar character ${b} is in the vocabulary`);
  const total = barsMar.reduce((s, b) => s + parseFloat(b.slice(b.lastIndexOf(':') + 1)), 0);
  assert.ok(total > 10 && total <= 101, `the bars' probabilities add up to at most 100% (${total})`);
  // a bar is as long as its probability (a 10% character fills a tenth), not scaled to the likeliest one
  const fills = await page.$$eval('[data-testid="predict-bar"]', (els) => els.map((el) => [
    parseFloat(el.querySelector('.bar-value').textContent), el.querySelector('.bar-fill').getBoundingClientRect().width / el.querySelector('.bar-track').getBoundingClientRect().width]));
  for (const [percent, fraction] of fills) assert.ok(Math.abs(fraction * 100 - percent) < 1.5, `bar ${fraction} for ${percent}%`);
  await page.fill(tid('predict-input'), 'Maren\n');
  await page.waitForFunction((old) => {
    const now = Array.from(document.querySelectorAll('[data-testid="predict-bar"]')).map((el) => `${el.dataset.char}:${el.querySelector('.bar-value').textContent}`);
    return now.length >= 5 && now.join('|') !== old;
  }, barsMar.join('|'), { timeout: LONG });

  // states: the heatmap fills units x characters
  const T = await page.locator(`${tid('neuron-text')} [data-t]`).count();
  assert.ok(T > 50, `probe text of ${T} characters`);
  const heat = await canvasStats(page, tid('heatmap'));
  const rowH = Math.max(2, Math.min(10, Math.floor(300 / H)));
  const cellArea = T * (T > 160 ? 7 : 10) * H * rowH;
  assert.ok(heat.drawn >= 0.9 * cellArea, `heatmap cells drawn: ${heat.drawn} of ${cellArea}`);
  assert.ok(heat.coloured > 0.2 * cellArea, `heatmap has colour: ${heat.coloured}`);
  // hover: the second character of unit 0 (cells start at x = 44, y = 30; 10 px wide)
  await page.locator(tid('heatmap')).hover({ position: { x: 44 + 15, y: 30 + 2 } });
  await page.waitForFunction(() => /^unit 0, character 2 /.test(document.querySelector('[data-testid="heatmap-readout"]').textContent));

  // gates: one histogram per LSTM gate, each with bars
  const hists = await page.locator(`${tid('gates-histograms')} canvas`).count();
  assert.equal(hists, 4, 'LSTM: i, f, g, o');
  for (let i = 0; i < hists; i++) {
    const st = await canvasStats(page, `${tid('gates-histograms')} canvas`, { nth: i, top: 34 });
    assert.ok(st.coloured > 100, `histogram ${i} has bars: ${JSON.stringify(st)}`);
  }
  assert.match(await readText(page, 'cell-stats'), /mean \|c\| = \d+\.\d+, largest \|c\| = \d+\.\d+/);

  // neuron: the probe text coloured by one unit, and the top units for a character
  const coloured = await page.$$eval('[data-testid="neuron-text"] [data-t]', (els) => els.filter((el) => /rgb/.test(el.style.background)).length);
  assert.equal(coloured, T, 'every probe character is coloured');
  assert.equal(await page.locator(tid('top-unit')).count(), 8, 'eight top units');
  // h of an LSTM is in (-1, 1): a top unit's bar is its average on that scale, not relative to the first one
  const units = await page.$$eval('[data-testid="top-unit"]', (els) => els.map((el) => [
    parseFloat(el.querySelector('.bar-value').textContent), el.querySelector('.bar-fill').getBoundingClientRect().width / el.querySelector('.bar-track').getBoundingClientRect().width]));
  for (const [mean, fraction] of units) assert.ok(Math.abs(fraction - Math.max(0, mean)) < 0.02, `unit bar ${fraction} for an average of ${mean}`);
  assert.match(await readText(page, 'top-units-scale'), /full bar is an average of 1\b/);
  assert.match(await readText(page, 'neuron-char'), /^'.+' \(\d+× in the probe text\)$/);
  await page.click(`${tid('neuron-text')} [data-t="3"]`);
  await page.waitForFunction(() => document.querySelector('[data-testid="neuron-text"] [data-t="3"]').classList.contains('nc-selected'));
  await page.click(tid('neuron-next'));
  await page.waitForFunction(() => document.querySelector('[data-testid="neuron-select"]').value === '1');

  // gradients: both curves drawn below the legend
  const flow = await canvasStats(page, tid('gradient-flow-chart'), { top: 30 });
  const sens = await canvasStats(page, tid('sensitivity-chart'), { top: 30 });
  assert.ok(flow.coloured > 60, `gradient-flow curve drawn: ${JSON.stringify(flow)}`);
  assert.ok(sens.coloured > 60, `sensitivity curve drawn: ${JSON.stringify(sens)}`);

  for (const id of ['loss', 'samples', 'predict', 'states', 'gates', 'neuron', 'gradients']) {
    const view = page.locator(tid(`view-${id}`));
    assert.equal(await view.getAttribute('class').then((c) => c.includes('collapsed')), false, `view-${id} is open`);
    await view.scrollIntoViewIfNeeded();
    await screenshot(view, `view-${id}`);
  }
  assertNoErrors(errors);
});

test('the layout fits a phone (390x844) and training works there', { timeout: 120_000 }, async (t) => {
  const { page, errors } = await openPlayground(env, t, { hash: await linkHash(SMALL), viewport: PHONE, deviceScaleFactor: 2 });
  await stepOnce(page, 1);
  await stepOnce(page, 2);
  const overflow = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
  assert.ok(overflow.scroll <= overflow.inner + 1, `no sideways scrolling: page is ${overflow.scroll}px wide in a ${overflow.inner}px viewport`);
  for (const id of ['play', 'step', 'reset', 'readout-step', 'readout-loss']) {
    const b = await page.locator(tid(id)).boundingBox();
    assert.ok(b && b.x >= 0 && b.x + b.width <= PHONE.width + 1, `${id} is inside the screen: ${JSON.stringify(b)}`);
  }
  await screenshot(page, 'phone-390x844');
  await screenshot(page, 'phone-390x844-full', { fullPage: true });
  assertNoErrors(errors);
});
