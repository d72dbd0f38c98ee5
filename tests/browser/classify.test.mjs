// The classifier mode: the page trains the sentiment grammar and every view draws (loss and accuracy curves,
// the decision over time, the confusion matrix, held-out examples with their probabilities), a share link
// reproduces the losses, the model file downloads as a classifier (with its optimizer state, to resume
// exactly), and own labelled lines that cannot be used are refused with the line named.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';

import {
  LONG, assertNoErrors, browserSuite, canvasStats, notices, openPlayground, pause, readText, safetensorsHeader, screenshot,
  switchFamily, tid, waitForNotice, waitForStep,
} from './harness.mjs';

const env = browserSuite();

async function stepLosses(page, n) {
  for (let i = 1; i <= n; ++i) {
    const before = await page.evaluate(() => window.recurrentPlayground.history.losses.n);
    await page.click(tid('step'));
    await page.waitForFunction((b) => window.recurrentPlayground.history.losses.n > b, before, { timeout: LONG });
  }
  return page.evaluate(() => Array.from(window.recurrentPlayground.history.losses.view()));
}

test('the page trains a classifier on the sentiment grammar and every view draws', { timeout: 300_000 }, async (t) => {
  const { page, errors } = await openPlayground(env, t);
  await switchFamily(page, 'classify');
  // the engine's defaults (seed 1): an LSTM of 64 units over a 16-wide embedding, last-state pooling
  assert.match(await readText(page, 'cls-task-stats'), /2,000 training texts · 300 held out · classes: negative, positive/);
  const first = await stepLosses(page, 3);
  const link = page.url();
  assert.match(link, /mode=classify/);

  await page.click(tid('play'));
  await waitForStep(page, 300, 240_000);
  await pause(page);
  const step = await page.evaluate(() => window.recurrentPlayground.step);
  const accuracy = parseFloat(await readText(page, 'readout-accuracy'));
  assert.ok(accuracy >= 95, `held-out accuracy after ${step} steps: ${accuracy}%`);

  // The curves: loss and accuracy are drawn.
  for (const id of ['cls-loss-chart', 'cls-accuracy-chart']) {
    const s = await canvasStats(page, tid(id));
    assert.ok(s && s.coloured > 200, `${id} is drawn: ${JSON.stringify(s)}`);
  }
  // The decision over time of the default text: a probability per class after every character.
  await page.waitForFunction((st) => { const d = window.recurrentPlayground.decision; return d && d.step === st; }, step, { timeout: LONG });
  const d = await page.evaluate(() => window.recurrentPlayground.decision);
  assert.equal(d.probs.length, 2 * Array.from(d.text).length);
  assert.ok(d.probs[d.probs.length - 2] > 0.9, `"${d.text}" ends negative: ${d.probs[d.probs.length - 2]}`);
  const chart = await canvasStats(page, tid('cls-decision-chart'));
  assert.ok(chart && chart.coloured > 200, `the decision chart is drawn: ${JSON.stringify(chart)}`);
  assert.equal(await page.locator(`${tid('cls-decision-text')} .cls-char`).count(), Array.from(d.text).length);
  assert.match(await readText(page, 'cls-decision-readout'), /→ negative (9\d|100)\.\d%/);

  // The confusion matrix and the held-out examples at this step.
  await page.waitForFunction((st) => { const e = window.recurrentPlayground.evaluation; return e && e.step === st; }, step, { timeout: LONG });
  const cells = await page.$$eval(tid('cls-confusion-cell'), (els) => els.map((e) => Number(e.textContent.replace(/,/g, ''))));
  assert.equal(cells.length, 4);
  assert.equal(cells.reduce((a, b) => a + b, 0), 300);
  assert.ok(cells[0] + cells[3] >= 285, `the diagonal holds the right answers: ${cells}`);
  const rows = await page.locator(tid('cls-example-row')).count();
  assert.ok(rows > 0 && rows <= 40);
  assert.equal(await page.locator(`${tid('cls-example-row')} >> nth=0 >> .cls-bar`).count(), 2);

  // A text typed in the decision view, with a character the model does not know: left out, and said so.
  await page.fill(tid('cls-decision-input'), 'the plot was great!');
  await page.waitForFunction(() => (window.recurrentPlayground.decision || {}).text === 'the plot was great', null, { timeout: LONG });
  assert.match(await readText(page, 'cls-decision-note'), /Left out of the text .*'!'/);
  await page.waitForFunction(() => /input=the(%20|\+)plot/.test(location.hash), null, { timeout: LONG });
  await screenshot(page, 'classify-trained', { fullPage: true });

  // The model downloads as a classifier file PyTorch can load.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(tid('download-model'))]);
  const bytes = new Uint8Array(await (await download.createReadStream()).toArray().then((c) => Buffer.concat(c)));
  const { header } = safetensorsHeader(bytes);
  assert.equal(header.__metadata__.model, 'classifier');
  assert.deepEqual(JSON.parse(header.__metadata__.labels), ['negative', 'positive']);
  assert.ok(header['head.weight'] && header['rnn.weight_ih_l0'] && header['embed.weight']);

  // The file opens in a fresh page shown in another mode: the page switches to the classifier, at this step,
  // with this model's answer for the same text.
  const c = await openPlayground(env, t);
  await c.page.setInputFiles(tid('open-model'), { name: 'classifier.safetensors', mimeType: 'application/octet-stream', buffer: Buffer.from(bytes) });
  await c.page.waitForFunction((st) => document.body.dataset.mode === 'classify' && window.recurrentPlayground.ready &&
    window.recurrentPlayground.step === st, step, { timeout: LONG });
  await c.page.fill(tid('cls-decision-input'), 'the plot was great');
  const reopened = await c.page.waitForFunction(() => { const d = window.recurrentPlayground.decision; return d && d.text === 'the plot was great' && d; }, null, { timeout: LONG });
  const again = await reopened.jsonValue();
  const before = await page.evaluate(() => window.recurrentPlayground.decision.probs);
  assert.deepEqual(again.probs, before, 'the reopened model gives the same probabilities');
  assertNoErrors(c.errors, 'the page that opened the file');

  // The share link reproduces the first losses exactly.
  const b = await openPlayground(env, t, { hash: new URL(link).hash.slice(1) });
  await b.page.waitForFunction(() => document.body.dataset.mode === 'classify');
  assert.deepEqual(await stepLosses(b.page, 3), first);
  assertNoErrors(errors);
  assertNoErrors(b.errors, 'the page opened from the link');
});

test('a classifier downloaded with its optimizer state reopens at its step and trains on with bitwise the same loss', { timeout: 180_000 }, async (t) => {
  const { page, errors } = await openPlayground(env, t);
  await switchFamily(page, 'classify');
  await stepLosses(page, 4);
  const box = page.locator(tid('download-with-state'));
  if (!(await box.isChecked())) await box.setChecked(true);
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: LONG }), page.click(tid('download-model'))]);
  const bytes = fs.readFileSync(await dl.path());
  assert.match(dl.suggestedFilename(), /^classifier-sentiment-lstm-h64-last-step4-resumable\.safetensors$/);
  const { header } = safetensorsHeader(bytes);
  assert.equal(header.__metadata__.optim_step, '4');
  assert.ok(header.__metadata__.train_rng && header.__metadata__.train_order, 'the data position came along');
  assert.ok(header['optim.exp_avg.head.weight'] && header['optim.exp_avg_sq.rnn.weight_hh_l0'], 'Adam\'s moments came along');
  const next = (await stepLosses(page, 1))[4];

  const c = await openPlayground(env, t);
  await c.page.setInputFiles(tid('open-model'), { name: dl.suggestedFilename(), mimeType: 'application/octet-stream', buffer: bytes });
  await c.page.waitForFunction(() => document.body.dataset.mode === 'classify' && window.recurrentPlayground.ready &&
    window.recurrentPlayground.step === 4, null, { timeout: LONG });
  const notice = await waitForNotice(c.page, { levels: ['info'], pattern: /Opened classifier-.*-resumable\.safetensors/ });
  assert.match(notice.text, /optimizer state and data position came along: training resumes exactly at step 4/, notice.text);
  const resumed = await stepLosses(c.page, 1);
  assert.equal(resumed[resumed.length - 1], next, 'the reopened model\'s step 5 has bitwise the loss the original had');
  await screenshot(c.page, 'classify-resumable-opened');
  assertNoErrors(errors);
  assertNoErrors(c.errors, 'the page that opened the file');
});

test('own labelled lines: a line without a tab and a label seen only in held-out data are refused', { timeout: 120_000 }, async (t) => {
  const { page, errors } = await openPlayground(env, t);
  await switchFamily(page, 'classify');
  await page.click(`${tid('cls-pairs-details')} summary`);
  await page.fill(tid('cls-pairs-input'), 'pos\tgood\nno tab here\n');
  assert.match(await readText(page, 'cls-pairs-count'), /1 example, 1 label · 1 line is not an example \(line 2: expected exactly one tab between label and text, found 0\)/);
  await page.fill(tid('cls-pairs-input'), 'pos\tgood film\nneg\tbad film\nodd\tgood bad\n');
  await page.click(tid('cls-use-pairs'));
  await page.waitForFunction(() => /no training example/.test(document.querySelector('[data-testid="cls-pairs-error"]').textContent), null, { timeout: LONG });
  const shown = await notices(page);
  assert.ok(shown.some((n) => /no training example/.test(n.text)), JSON.stringify(shown));
  await page.fill(tid('cls-pairs-input'), 'pos\tgood film\nneg\tbad film\npos\tfine film\nneg\tpoor film\npos\tgreat film\nneg\tdull film\n');
  await page.click(tid('cls-use-pairs'));
  await page.waitForFunction(() => (window.recurrentPlayground.info || {}).labels?.join() === 'neg,pos', null, { timeout: LONG });
  await page.waitForFunction(() => location.hash.includes('task=pairs&'), null, { timeout: LONG });
  assertNoErrors(errors);
});
