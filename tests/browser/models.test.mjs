// Model files: a corrupt or cut-short file gives an error notice and leaves the session as it was; a model
// written by PyTorch opens and trains on; a downloaded model is a valid safetensors file that opens again
// (weights only, or with the optimizer state to resume exactly).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import {
  LONG, ROOT, SMALL, assertNoErrors, browserSuite, controlValues, linkHash, openPlayground, pseudoRandomBytes,
  readStep, safetensorsHeader, screenshot, stepOnce, tid, waitForHash, waitForNotice, waitReady,
} from './harness.mjs';

const env = browserSuite();
const CONTROLS = ['preset-select', 'ctl-cell', 'ctl-hidden', 'ctl-layers', 'ctl-embed', 'ctl-seq', 'ctl-batch', 'ctl-optim', 'ctl-lr', 'ctl-seed'];
const PYTHON = '/usr/bin/python3';

function tempDir(t) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rp-browser-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

// Clicks "Download model" and returns { name, bytes } of the file the page offers.
async function download(page, withState) {
  const box = page.locator(tid('download-with-state'));
  if ((await box.isChecked()) !== withState) await box.setChecked(withState);
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: LONG }), page.click(tid('download-model'))]);
  const file = await dl.path();
  return { name: dl.suggestedFilename(), bytes: fs.readFileSync(file) };
}

// Opens a model file through the (hidden) file input; `file` is a path or { name, bytes }.
async function openModel(page, file) {
  const files = typeof file === 'string' ? file : { name: file.name, mimeType: 'application/octet-stream', buffer: Buffer.from(file.bytes) };
  await page.setInputFiles(tid('open-model'), files);
}

// What a refused file must not change.
async function snapshot(page) {
  return {
    step: await readStep(page),
    loss: (await page.textContent(tid('readout-loss'))).trim(),
    params: (await page.textContent(tid('readout-params'))).trim(),
    controls: await controlValues(page, CONTROLS),
    hash: await page.evaluate(() => location.hash),
    history: await page.evaluate(() => Array.from(window.recurrentPlayground.history.losses.view())),
  };
}

test('a corrupt or cut-short model file gives an error notice and leaves the session untouched', { timeout: 180_000 }, async (t) => {
  const { page, errors } = await openPlayground(env, t, { hash: await linkHash(SMALL) });
  for (let i = 1; i <= 3; i++) await stepOnce(page, i);
  const real = await download(page, true);
  const headerLen = safetensorsHeader(real.bytes).length;
  const before = await snapshot(page);
  assert.equal(before.step, 3);

  const bad = [
    { name: 'random.safetensors', bytes: pseudoRandomBytes(5000), shot: 'corrupt-model-random' },
    { name: 'truncated.safetensors', bytes: real.bytes.subarray(0, 8 + headerLen + Math.floor((real.bytes.length - 8 - headerLen) / 2)), shot: 'corrupt-model-truncated' },
    { name: 'header-only.safetensors', bytes: real.bytes.subarray(0, 8 + Math.floor(headerLen / 2)) },
    { name: 'empty.safetensors', bytes: new Uint8Array(0) },
  ];
  for (const file of bad) {
    await openModel(page, file);
    const escaped = file.name.replace(/[.]/g, '\\.');
    const notice = await waitForNotice(page, { levels: ['error'], pattern: new RegExp(`Could not open ${escaped}`) });
    assert.match(notice.text, /Your current session is unchanged/, notice.text);
    assert.ok(notice.text.length > `Could not open ${file.name}Your current session is unchanged.`.length + 10, `the notice says why: ${notice.text}`);
    if (file.shot) await screenshot(page, file.shot);
    assert.deepEqual(await snapshot(page), before, `after ${file.name}: step, loss, settings, link and history are as they were`);
  }
  // and the session trains on from where it was
  await stepOnce(page, 4);
  const history = await page.evaluate(() => Array.from(window.recurrentPlayground.history.losses.view()));
  assert.deepEqual(history.slice(0, 3), before.history);
  assert.equal(history.length, 4);
  assertNoErrors(errors);
});

test('a model written by PyTorch opens and training continues', { timeout: 180_000 }, async (t) => {
  // npm test installs Debian's python3-torch (scripts/setup.sh torch), so a missing torch is a failure.
  const probe = spawnSync(PYTHON, ['-c', 'import torch'], { encoding: 'utf8' });
  assert.ok(!probe.error && probe.status === 0,
    `${PYTHON} cannot import torch (${probe.error ? probe.error.message : probe.stderr.trim().split('\n').pop()}): run bash scripts/setup.sh torch`);
  const dir = tempDir(t);
  const file = path.join(dir, 'pytorch-lstm-h16.safetensors');
  const made = spawnSync(PYTHON, [path.join(ROOT, 'tests', 'golden', 'pytorch_interop.py'), '--save-random', file, '--cell', 'lstm', '--hidden', '16',
    '--layers', '1', '--embed', '0', '--vocab-text', path.join(ROOT, 'web', 'lm', 'presets', 'names.txt')], { encoding: 'utf8', timeout: LONG });
  assert.equal(made.status, 0, `pytorch_interop.py --save-random failed: ${made.stderr}`);
  const meta = safetensorsHeader(fs.readFileSync(file)).header.__metadata__;
  assert.equal(meta.model, 'char_lm');
  assert.equal(meta.hidden_size, '16');

  const { page, errors } = await openPlayground(env, t, { hash: await linkHash({ ...SMALL, preset: 'shakespeare', hidden: 40 }) });
  await page.selectOption(tid('preset-select'), 'names');
  await waitForHash(page, ['preset=names']);
  await stepOnce(page, 1);
  await openModel(page, file);
  const notice = await waitForNotice(page, { levels: ['info'], pattern: /Opened pytorch-lstm-h16\.safetensors/ });
  assert.match(notice.text, /LSTM, 16 hidden units × 1 layer, one-hot input/, notice.text);
  assert.match(notice.text, /Weights only/, notice.text);
  await waitReady(page);
  const c = await controlValues(page, ['preset-select', 'ctl-cell', 'ctl-hidden', 'ctl-layers', 'ctl-embed']);
  assert.deepEqual(c, { 'preset-select': 'names', 'ctl-cell': 'lstm', 'ctl-hidden': '16', 'ctl-layers': '1', 'ctl-embed': '0' });
  assert.equal(await readStep(page), 0, 'a fresh optimizer');
  const loss = Number(await stepOnce(page, 1));
  assert.ok(loss > 0 && loss < 10, `a finite loss after the first step: ${loss}`);
  await stepOnce(page, 2);
  await screenshot(page, 'pytorch-model-opened');
  assertNoErrors(errors);
});

test('a downloaded model is valid safetensors and opens again (weights only, and resuming exactly with its state)', { timeout: 180_000 }, async (t) => {
  const { page, errors } = await openPlayground(env, t, { hash: await linkHash({ ...SMALL, cell: 'gru', hidden: 24 }) });
  for (let i = 1; i <= 5; i++) await stepOnce(page, i);

  // weights only: PyTorch's names, no training state
  const plain = await download(page, false);
  assert.equal(plain.name, 'recurrent-gru-h24-step5.safetensors');
  const { header } = safetensorsHeader(plain.bytes);
  assert.equal(header.__metadata__.model, 'char_lm');
  assert.equal(header.__metadata__.cell, 'gru');
  assert.equal(header.__metadata__.hidden_size, '24');
  assert.deepEqual(Object.keys(header).filter((k) => k !== '__metadata__').sort(),
    ['head.bias', 'head.weight', 'rnn.bias_hh_l0', 'rnn.bias_ih_l0', 'rnn.weight_hh_l0', 'rnn.weight_ih_l0']);
  const raw = Buffer.from(plain.bytes).subarray(8, 8 + safetensorsHeader(plain.bytes).length).toString('utf8');
  assert.match(raw, /"__metadata__"/);
  assert.match(raw, /"model":"char_lm"/);
  await waitForNotice(page, { levels: ['info'], pattern: /Model downloaded/ });

  // with the optimizer state: then one more step, to compare with the reopened file
  const resumable = await download(page, true);
  assert.equal(resumable.name, 'recurrent-gru-h24-step5-resumable.safetensors');
  const rh = safetensorsHeader(resumable.bytes).header;
  assert.equal(rh.__metadata__.optim_step, '5');
  assert.ok(Object.keys(rh).some((k) => k.startsWith('optim.')), 'optimizer tensors');
  await stepOnce(page, 6);
  const step6 = await page.evaluate(() => window.recurrentPlayground.history.losses.view()[5]);

  await openModel(page, plain);
  let notice = await waitForNotice(page, { levels: ['info'], pattern: /Opened recurrent-gru-h24-step5\.safetensors/ });
  assert.match(notice.text, /GRU, 24 hidden units/);
  await waitReady(page);
  assert.equal(await readStep(page), 0, 'weights only: the optimizer starts afresh');
  assert.equal((await controlValues(page, ['ctl-hidden']))['ctl-hidden'], '24');
  await stepOnce(page, 1);

  await openModel(page, resumable);
  notice = await waitForNotice(page, { levels: ['info'], pattern: /Opened recurrent-gru-h24-step5-resumable\.safetensors/ });
  assert.match(notice.text, /training resumes at step 5/, notice.text);
  await waitReady(page);
  assert.equal(await readStep(page), 5, 'the optimizer state came along');
  await stepOnce(page, 6);
  const resumed = await page.evaluate(() => window.recurrentPlayground.history.losses.view()[0]);
  assert.equal(resumed, step6, 'the reopened model\'s step 6 has bitwise the loss the original had');
  await screenshot(page, 'resumable-model-opened');
  assertNoErrors(errors);
});
