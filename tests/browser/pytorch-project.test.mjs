// The download menu's "PyTorch project": a char LM trained a few steps downloads as one .zip holding its
// resumable file, its text, the PyTorch package's script, module and what they import, and a README with
// the exact commands; nothing of it loads with the page. A seq2seq run on your own pairs packs the pairs
// and its script, which continues it from the unpacked folder. The lab, with no model file, has no menu.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import {
  LONG, ROOT, SMALL, assertNoErrors, browserSuite, linkHash, openPlayground, safetensorsHeader, screenshot, stepOnce,
  switchFamily, tid, waitForNotice,
} from './harness.mjs';

const env = browserSuite();
const PYTHON = '/usr/bin/python3';
const hasTorch = spawnSync(PYTHON, ['-c', 'import torch, numpy'], { encoding: 'utf8' }).status === 0;
const { encodeSeq2SeqState } = await import(pathToFileURL(path.join(ROOT, 'web', 'seq2seq', 'family.js')).href);
const { s2sDefaultState } = await import(pathToFileURL(path.join(ROOT, 'web', 'seq2seq', 'fields.js')).href);
const { default: classifyFamily } = await import(pathToFileURL(path.join(ROOT, 'web', 'classify', 'family.js')).href);
const { encodeLink } = await import(pathToFileURL(path.join(ROOT, 'web', 'shell', 'link.js')).href);

// Picks Download ▾ → PyTorch project; returns {name, dir (where Python's zipfile unpacked it), entries}.
async function downloadProject(t, page) {
  await page.click(tid('download-menu'));
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: LONG }), page.click(tid('download-pytorch'))]);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rp-project-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const zip = path.join(dir, dl.suggestedFilename());
  await dl.saveAs(zip);
  const listed = spawnSync(PYTHON, ['-c', 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; z.extractall(sys.argv[2]); print("\\n".join(z.namelist()))', zip, path.join(dir, 'out')], { encoding: 'utf8' });
  assert.equal(listed.status, 0, listed.stderr);
  return { name: dl.suggestedFilename(), dir: path.join(dir, 'out'), entries: listed.stdout.trim().split('\n') };
}

test('a char LM downloads as a PyTorch project: its resumable file, its text, the script and what it imports, a README', { timeout: 240_000 }, async (t) => {
  const { page, errors } = await openPlayground(env, t, { hash: await linkHash(SMALL) });
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  for (let i = 1; i <= 3; i++) await stepOnce(page, i);
  await page.click(tid('download-menu'));
  await page.waitForSelector(`${tid('download-pytorch')}:visible`);
  await screenshot(page, 'pytorch-project-menu', { clip: { x: 0, y: 0, width: 1280, height: 300 } });
  await page.keyboard.press('Escape');
  // the page's first load and training fetched nothing of the project
  assert.deepEqual(requests.filter((u) => /pytorch-pro|pytorch-package/.test(u)), []);

  const p = await downloadProject(t, page);
  assert.equal(p.name, 'recurrent-lstm-h32-step3-pytorch.zip');
  const folder = 'recurrent-lstm-h32-step3-pytorch';
  const model = 'recurrent-lstm-h32-step3-resumable.safetensors';
  const code = ['__init__.py', 'train_char_lm.py', 'char_lm.py', 'checkpoint.py', 'metrics_log.py', 'optim.py', 'processes.py', 'safetensors_io.py', 'text_stream.py'];
  assert.deepEqual(p.entries, [`${folder}/README.md`, `${folder}/${model}`, `${folder}/input.txt`, ...code.map((n) => `${folder}/recurrent_playground/${n}`)]);
  assert.ok(requests.some((u) => u.endsWith('/engine/pytorch-package.json')), 'the package was fetched when asked for');
  const dir = path.join(p.dir, folder);
  // the package's files as they are in python/, the text as the preset's file
  for (const n of code) assert.equal(fs.readFileSync(path.join(dir, 'recurrent_playground', n), 'utf8'), fs.readFileSync(path.join(ROOT, 'python', 'recurrent_playground', n), 'utf8'), n);
  assert.equal(fs.readFileSync(path.join(dir, 'input.txt'), 'utf8'), fs.readFileSync(path.join(ROOT, 'web', 'lm', 'presets', 'names.txt'), 'utf8'));
  // the model with its training state, at step 3, saying what it was trained on
  const { header } = safetensorsHeader(fs.readFileSync(path.join(dir, model)));
  const meta = header.__metadata__;
  assert.equal(meta.model, 'char_lm');
  assert.equal(meta.optim_step, '3');
  assert.equal(meta.text_preset, 'names');
  assert.ok(header['optim.exp_avg.head.weight'] && header['train.state_h'], 'the optimizer state and carried state');
  const readme = fs.readFileSync(path.join(dir, 'README.md'), 'utf8').replace(/ \\\n +/g, ' ');
  assert.match(readme, /^# LSTM 32 · Names: continue in PyTorch/);
  assert.ok(readme.includes(`/usr/bin/python3 recurrent_playground/train_char_lm.py --resume ${model} --text input.txt --holdout 0.1 --steps 1000`));
  assert.ok(readme.includes(`torchrun --standalone --nproc_per_node 2 --redirects 1 --tee 1 recurrent_playground/train_char_lm.py --resume ${model}`));
  assert.match(readme, /must divide the batch size, 8 here: 1, 2, 4, 8\./);
  assert.ok(readme.includes('rnn lm eval --load continued.safetensors --text input.txt'));
  assert.ok(readme.includes('rnn lm train --resume continued-resumable.safetensors --text input.txt --holdout 0.1'));
  await waitForNotice(page, { levels: ['info'], pattern: /PyTorch project downloaded.*recurrent-lstm-h32-step3-pytorch\.zip/ });
  assertNoErrors(errors);
});

test('a seq2seq run on your own pairs packs them, and its script continues it from the unpacked folder', { timeout: 240_000 }, async (t) => {
  const words = Array.from({ length: 40 }, (_, i) => 'abcdef'.slice(i % 3, 3 + (i % 4)) + 'fedcba'[i % 6]);
  const pairs = `${words.map((w) => `${w}\t${[...w].reverse().join('')}`).join('\n')}\n`;
  const state = { ...s2sDefaultState(), task: 'pairs', pairs, embed: 6, hidden: 10, attn_size: 8, batch: 4 };
  const { hash } = await encodeSeq2SeqState(state);
  const { page, errors } = await openPlayground(env, t, { hash });
  for (let i = 1; i <= 2; i++) await stepOnce(page, i);
  const p = await downloadProject(t, page);
  const folder = p.name.replace(/\.zip$/, '');
  assert.match(folder, /^seq2seq-pairs-.*-step2-pytorch$/);
  for (const n of ['train_seq2seq.py', 'seq2seq.py', 'pairs.py', 'rng.py', 'checkpoint.py']) assert.ok(p.entries.includes(`${folder}/recurrent_playground/${n}`), n);
  assert.ok(!p.entries.some((e) => /char_lm|text_stream/.test(e)));
  const dir = path.join(p.dir, folder);
  assert.equal(fs.readFileSync(path.join(dir, 'pairs.tsv'), 'utf8'), pairs);
  const readme = fs.readFileSync(path.join(dir, 'README.md'), 'utf8').replace(/ \\\n +/g, ' ');
  const command = readme.match(/^\/usr\/bin\/python3 recurrent_playground\/train_seq2seq\.py .*$/m);
  assert.ok(command && command[0].includes('--pairs pairs.tsv --steps 1000'), readme);
  if (hasTorch) {
    const r = spawnSync('bash', ['-c', command[0].replace('--steps 1000', '--steps 2')], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /2 steps on 1 process\(es\)/);
    assert.ok(fs.existsSync(path.join(dir, 'continued-resumable.safetensors')));
  }
  assertNoErrors(errors);
});

test('a classifier run on your own examples packs them, and its script continues it from the unpacked folder', { timeout: 240_000 }, async (t) => {
  const lines = Array.from({ length: 40 }, (_, i) => `${i % 2 ? 'pos' : 'neg'}\t${i % 2 ? 'good' : 'bad'} film ${'abcde'[i % 5]}`);
  const examples = `${lines.join('\n')}\n`;
  const state = { ...classifyFamily.fields.defaults(), task: 'pairs', pairs: examples, hidden: 8, batch: 4 };
  const { hash } = await encodeLink(classifyFamily, state);
  const { page, errors } = await openPlayground(env, t, { hash });
  for (let i = 1; i <= 2; i++) await stepOnce(page, i);
  const p = await downloadProject(t, page);
  const folder = p.name.replace(/\.zip$/, '');
  for (const n of ['train_classifier.py', 'classifier.py', 'pairs.py', 'checkpoint.py']) assert.ok(p.entries.includes(`${folder}/recurrent_playground/${n}`), n);
  const dir = path.join(p.dir, folder);
  assert.equal(fs.readFileSync(path.join(dir, 'pairs.tsv'), 'utf8'), examples);
  const readme = fs.readFileSync(path.join(dir, 'README.md'), 'utf8').replace(/ \\\n +/g, ' ');
  const command = readme.match(/^\/usr\/bin\/python3 recurrent_playground\/train_classifier\.py .*$/m);
  assert.ok(command && command[0].includes('--pairs pairs.tsv --steps 1000'), readme);
  assert.match(readme, /model, vocab, labels = classifier\.from_checkpoint/);
  if (hasTorch) {
    const r = spawnSync('bash', ['-c', command[0].replace('--steps 1000', '--steps 2')], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    assert.equal(r.status, 0, r.stderr);
    assert.ok(fs.existsSync(path.join(dir, 'continued-resumable.safetensors')));
  }
  assertNoErrors(errors);
});

test('every family that trains has the menu (the classifier too); the lab, with no model file, has none', { timeout: 240_000 }, async (t) => {
  const { page, errors } = await openPlayground(env, t, { hash: await linkHash(SMALL) });
  assert.equal(await page.locator(tid('download-menu')).isVisible(), true);
  await switchFamily(page, 'classify');
  assert.equal(await page.locator(tid('download-menu')).isVisible(), true);
  await page.click(tid('mode-menu'));
  await page.click(tid('mode-lab'));
  await page.waitForFunction(() => document.body.dataset.mode === 'lab');
  assert.equal(await page.locator(tid('download-model')).isVisible(), false);
  assert.equal(await page.locator(tid('download-menu')).isVisible(), false);
  assertNoErrors(errors);
});
