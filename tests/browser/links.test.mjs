// Share links: a link carries the settings and reproduces the same losses in a fresh browser; a damaged
// link gives a notice naming what was wrong, falls back to defaults for just those fields, and the page
// still trains.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import {
  MEDIUM, ROOT, SMALL, assertNoErrors, browserSuite, controlValues, linkHash, notices, openPlayground,
  readStep, screenshot, setControl, stepOnce, tid, waitForHash, waitForNotice,
} from './harness.mjs';

const env = browserSuite();

// Every model and training control (web/TESTIDS.md), plus the text and held-out controls.
const CONTROLS = ['preset-select', 'ctl-holdout', 'ctl-cell', 'ctl-hidden', 'ctl-layers', 'ctl-embed', 'ctl-seq', 'ctl-batch',
  'ctl-optim', 'ctl-lr', 'ctl-momentum', 'ctl-nesterov', 'ctl-weight-decay', 'ctl-lr-gamma', 'ctl-lr-every', 'ctl-clip-norm',
  'ctl-clip-value', 'ctl-reset-state', 'ctl-seed'];

// Steps n times with the Step button; returns the loss readout after each step and the per-step losses of
// the history (exact float32 values, from the controller the page exposes for checks).
async function stepN(page, n) {
  const shown = [];
  for (let i = 1; i <= n; i++) shown.push(await stepOnce(page, i));
  const exact = await page.evaluate(() => Array.from(window.recurrentPlayground.history.losses.view()));
  return { shown, exact };
}

test('a share link round-trips its settings and reproduces the same first losses', { timeout: 180_000 }, async (t) => {
  // A: the defaults, then non-default settings through the controls
  const a = await openPlayground(env, t);
  const pa = a.page;
  await pa.selectOption(tid('preset-select'), 'names');
  await waitForHash(pa, ['preset=names']);
  await pa.selectOption(tid('ctl-cell'), 'gru');
  await waitForHash(pa, ['cell=gru']);
  for (const [id, key, value] of [['ctl-hidden', 'hidden', 48], ['ctl-seq', 'seq', 32], ['ctl-batch', 'batch', 8], ['ctl-seed', 'seed', 4242]]) {
    await setControl(pa, id, value);
    await waitForHash(pa, [`${key}=${value}`]);
  }
  await waitForHash(pa, ['preset=names', 'cell=gru', 'hidden=48', 'seq=32', 'batch=8', 'seed=4242']);
  assert.equal(await readStep(pa), 0);
  const settingsA = await controlValues(pa, CONTROLS);
  assert.deepEqual([settingsA['preset-select'], settingsA['ctl-cell'], settingsA['ctl-hidden'], settingsA['ctl-seq'], settingsA['ctl-batch'], settingsA['ctl-seed']],
    ['names', 'gru', '48', '32', '8', '4242']);
  const lossesA = await stepN(pa, 5);

  // the link: from the clipboard when copying works, else from the notice that shows it
  await a.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(env.url).origin });
  await pa.click(tid('copy-link'));
  const notice = await waitForNotice(pa, { pattern: /Link copied|Copy this link/ });
  let link;
  if (/Link copied/.test(notice.text)) {
    assert.equal(notice.level, 'info');
    link = await pa.evaluate(() => navigator.clipboard.readText());
  } else {
    link = notice.text.match(/https?:\/\/\S+?(?=×|$|\s)/)[0];
  }
  assert.equal(link, pa.url(), 'the copied link is the address bar\'s (the hash follows the settings)');
  for (const p of ['preset=names', 'cell=gru', 'hidden=48', 'seq=32', 'batch=8', 'seed=4242']) assert.ok(link.includes(`&${p}&`), `link has ${p}`);
  await screenshot(pa, 'link-copied');
  assertNoErrors(a.errors, 'the first browser');

  // B: a fresh context (empty IndexedDB) opens the link
  const b = await openPlayground(env, t, { hash: link.split('#')[1] });
  const pb = b.page;
  const warnings = (await notices(pb)).filter((n) => n.level !== 'info');
  assert.deepEqual(warnings, [], 'the link opens without warnings');
  assert.deepEqual(await controlValues(pb, CONTROLS), settingsA, 'every control shows the linked value');
  assert.equal(await readStep(pb), 0);
  const lossesB = await stepN(pb, 5);
  assert.deepEqual(lossesB.shown, lossesA.shown, 'the same loss readouts, step by step');
  assert.equal(lossesB.exact.length, 5);
  assert.deepEqual(lossesB.exact, lossesA.exact, 'bitwise the same per-step losses');
  assert.ok(lossesA.exact.every((x, i) => i === 0 || x !== lossesA.exact[0]), 'the losses do change from step to step');
  assertNoErrors(b.errors, 'the second browser');
});

// A valid custom-text link, to damage.
const NAMES = fs.readFileSync(path.join(ROOT, 'web', 'lm', 'presets', 'names.txt'), 'utf8');
const customText = NAMES.slice(0, 3000);

const BAD_LINKS = [
  {
    name: 'an unknown cell and a negative hidden size',
    shot: 'bad-link-fields',
    hash: async () => (await linkHash(SMALL)).replace('cell=lstm', 'cell=transformer').replace('hidden=32', 'hidden=-5'),
    expect: [/cell 'transformer' is not one of/, /hidden '-5' is out of range/],
    controls: { 'ctl-cell': 'lstm', 'ctl-hidden': '128', 'ctl-seq': '32', 'ctl-batch': '8', 'preset-select': 'names' },
  },
  {
    name: 'a garbage compressed text',
    shot: 'bad-link-text',
    hash: async () => `${await linkHash({ ...SMALL, preset: 'custom' })}&text=${encodeURIComponent('5000.!!this*is*not*base64!!')}`,
    expect: [/custom text is damaged or cut short/],
    controls: { 'preset-select': 'shakespeare', 'ctl-hidden': '32', 'ctl-seq': '32' },
  },
  {
    name: 'a link cut short inside its text',
    shot: 'bad-link-truncated-text',
    hash: async () => {
      const full = await linkHash({ ...SMALL, preset: 'custom', text: customText });
      assert.match(full, /&text=\d+\.[A-Za-z0-9_-]{100,}$/);
      return full.slice(0, full.length - Math.floor((full.length - full.indexOf('&text=')) / 2));
    },
    expect: [/custom text is (damaged or )?cut short/],
    controls: { 'preset-select': 'shakespeare', 'ctl-hidden': '32', 'ctl-batch': '8' },
  },
  {
    name: 'a link cut short in its settings',
    shot: 'bad-link-truncated-settings',
    hash: async () => {
      const full = await linkHash(SMALL);
      return full.slice(0, full.indexOf('&batch=') + 4);  // "...&seq=32&bat"
    },
    expect: [/missing .*optim.* \(cut short\?\)/, /unknown setting 'bat'/],
    controls: { 'preset-select': 'names', 'ctl-hidden': '32', 'ctl-seq': '32', 'ctl-batch': '16', 'ctl-optim': 'adam' },
  },
];

for (const c of BAD_LINKS) {
  test(`a damaged link (${c.name}) gives a notice, falls back to defaults and still trains`, { timeout: 120_000 }, async (t) => {
    const { page, errors } = await openPlayground(env, t, { hash: await c.hash() });
    const notice = await waitForNotice(page, { levels: ['warn', 'error'], pattern: /Parts of the link could not be used/ });
    for (const re of c.expect) assert.match(notice.text, re, `the notice names the problem: ${notice.text}`);
    const values = await controlValues(page, Object.keys(c.controls));
    assert.deepEqual(values, c.controls, 'the bad fields show their defaults, the good ones the link\'s values');
    await screenshot(page, c.shot);
    const before = await readStep(page);
    assert.equal(before, 0);
    await stepOnce(page, 1);
    await stepOnce(page, 2);
    assert.equal(await readStep(page), 2, 'the page still trains');
    // the address bar now carries the corrected link
    await page.waitForFunction(() => !/transformer|hidden=-5|!!/.test(location.hash) && /&views=/.test(location.hash), null, { timeout: MEDIUM });
    assertNoErrors(errors);
  });
}

// A link the first page copied (version 1: no mode=, its own key names) still opens that experiment.
const V1_LINK = 'v=1&preset=names&holdout=0.1&cell=gru&hidden=48&layers=1&embed=0&seq=32&batch=8&optim=adam&lr=0.01&momentum=0.9&nesterov=0&weight_decay=0&lr_gamma=1&lr_every=1000&clip_norm=1&clip_value=0&reset_state=0&seed=4242&temp=1.3&topk=5&greedy=1&slen=120&prime=ROMEO:%20&probe=&layer=0&unit=0&heat=z&logy=1&views=loss,samples';

test('a version-1 link opens its experiment without warnings, and the page offers it as a command', { timeout: 120_000 }, async (t) => {
  const { page, context, errors } = await openPlayground(env, t, { hash: V1_LINK });
  assert.deepEqual((await notices(page)).filter((n) => n.level !== 'info'), [], 'no warnings');
  assert.deepEqual(await controlValues(page, ['preset-select', 'ctl-cell', 'ctl-hidden', 'ctl-seq', 'ctl-batch', 'ctl-lr', 'ctl-clip-norm', 'ctl-seed', 'temperature', 'top-k', 'sample-length', 'greedy']),
    { 'preset-select': 'names', 'ctl-cell': 'gru', 'ctl-hidden': '48', 'ctl-seq': '32', 'ctl-batch': '8', 'ctl-lr': '0.01', 'ctl-clip-norm': '1', 'ctl-seed': '4242', temperature: '1.3', 'top-k': '5', 'sample-length': '120', greedy: true });
  // the address bar now says it with version 2's names
  await page.waitForFunction(() => /^#v=2&mode=lm&preset=names&/.test(location.hash) && /&temperature=1\.3&top_k=5&greedy=1&sample_len=120&prime=ROMEO:%20&/.test(location.hash));
  await stepOnce(page, 1);

  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(env.url).origin });
  await page.click(tid('command-menu'));
  await page.click(tid('copy-command'));
  const notice = await waitForNotice(page, { levels: ['info'], pattern: /Command copied|Copy this command/ });
  const command = /Command copied/.test(notice.text) ? await page.evaluate(() => navigator.clipboard.readText()) : notice.text;
  assert.match(command, /^rnn lm train --text web\/lm\/presets\/names\.txt --holdout 0\.1 --cell gru --hidden 48 --seq 32 --batch 8 --lr 0\.01 --clip-norm 1 --seed 4242 --temperature 1\.3 --top-k 5 --greedy --sample-len 120 --prime='ROMEO: ' --steps 1$/);
  await screenshot(page, 'command-copied');
  assertNoErrors(errors);
});
