// What a char-LM file records of its text (web/lm/file-text.js) and what the page opens it on; and that a
// file carrying that metadata, as the page writes it (web/shell/safetensors.js withMetadata), still loads
// with the native `rnn` (sample, eval, resume) and in PyTorch with load_state_dict(strict=True)
// (tests/golden/pytorch_interop.py), when they are there.
//   node --test tests/web/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { MAX_TEXT_IN_FILE, fileTextPlan, textMetadata } from '../../web/lm/file-text.js';
import { sha256Text } from '../../web/shell/sha256.js';
import { readMetadata, withMetadata } from '../../web/shell/safetensors.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const RNN = path.join(ROOT, 'build', 'native', 'cli', 'rnn');
const PYTHON = '/usr/bin/python3';
const sha = (text) => crypto.createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex');
// An own text with what JSON must escape: quotes, backslashes, tabs, newlines, a control character, and
// characters outside the BMP.
const OWN = 'The "cat"\tsat\\on the mat.\r\n\u0001Ünïcödé 😀 𝄞\n'.repeat(60);

test('SHA-256 of a text is sha256sum\'s over its UTF-8', () => {
  for (const text of ['', 'abc', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(119), OWN]) assert.equal(sha256Text(text), sha(text));
});

test('a file names its preset, or carries your text up to 256 KB (and its digest and length always)', () => {
  assert.deepEqual(textMetadata('prose', 'abc'), { text_sha256: sha('abc'), text_chars: '3', text_preset: 'prose' });
  assert.deepEqual(textMetadata(null, '😀ab'), { text_sha256: sha('😀ab'), text_chars: '3', text: '😀ab' });
  const big = 'é'.repeat(MAX_TEXT_IN_FILE / 2 + 1);  // two bytes of UTF-8 each: just over
  assert.deepEqual(Object.keys(textMetadata(null, big)), ['text_sha256', 'text_chars']);
  assert.ok('text' in textMetadata(null, 'é'.repeat(MAX_TEXT_IN_FILE / 2)));
});

test('an opened file goes back to its preset or its own text, or says which text the page uses instead', () => {
  const here = { preset: 'shakespeare', text: 'whatever is shown' };
  let plan = fileTextPlan(textMetadata('prose', 'prose text'), here);
  assert.deepEqual([plan.preset, plan.warn], ['prose', undefined]);
  assert.match(plan.lines[0], /Trained on the English prose preset: the page switched to it/);
  assert.match(fileTextPlan(textMetadata('shakespeare', 'x'), here).lines[0], /as here/);

  plan = fileTextPlan(textMetadata(null, OWN), here);
  assert.equal(plan.text, OWN);
  const { text, ...noText } = textMetadata(null, OWN);
  assert.deepEqual(fileTextPlan(noText, { preset: 'custom', text: OWN }), { lines: ['Trained on your own text, the one here.'] });
  plan = fileTextPlan(noText, here);
  assert.equal(plan.warn, true);
  assert.match(plan.lines[0], new RegExp(`not here \\(${[...OWN].length.toLocaleString('en-US')} characters, SHA-256 ${sha(OWN).slice(0, 16)}…\\), so the page trains it on the Shakespeare preset instead`));
  // a text that does not match its digest is not used
  assert.equal(fileTextPlan({ ...noText, text: `${OWN}!` }, here).warn, true);
  assert.equal(fileTextPlan({ text_preset: 'poems' }, here).warn, true);
  assert.match(fileTextPlan({}, here).lines[0], /does not say what it was trained on; the page trains it on the Shakespeare preset/);
});

const skip = fs.existsSync(RNN) ? false : `${path.relative(ROOT, RNN)} is missing (bash scripts/build_native.sh builds it)`;

test('a file with the page\'s text metadata loads in rnn (sample, eval, resume) and in PyTorch', { skip }, (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rp-file-text-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const run = (args) => {
    const r = spawnSync(RNN, args, { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    assert.equal(r.status, 0, `rnn ${args.join(' ')}\n${r.stderr}`);
    return r.stdout;
  };
  fs.writeFileSync(path.join(dir, 'own.txt'), OWN);
  run(['lm', 'train', '--text', 'own.txt', '--cell', 'lstm', '--hidden', '16', '--seq', '16', '--batch', '4', '--steps', '3',
    '--save', 'plain.safetensors', '--save-state', 'state.safetensors', '--quiet', '--sample-every', '0']);
  for (const name of ['plain', 'state']) {
    const bytes = withMetadata(new Uint8Array(fs.readFileSync(path.join(dir, `${name}.safetensors`))), textMetadata(null, OWN));
    fs.writeFileSync(path.join(dir, `${name}-page.safetensors`), bytes);
    assert.equal(readMetadata(bytes).text, OWN);
  }
  run(['lm', 'sample', '--load', 'plain-page.safetensors', '--sample-len', '30']);
  const before = run(['lm', 'eval', '--load', 'plain.safetensors', '--text', 'own.txt']).trim().split('\n').pop();
  assert.equal(run(['lm', 'eval', '--load', 'plain-page.safetensors', '--text', 'own.txt']).trim().split('\n').pop(), before);
  run(['lm', 'train', '--resume', 'state-page.safetensors', '--text', 'own.txt', '--steps', '5', '--quiet', '--sample-every', '0']);

  const torch = spawnSync(PYTHON, ['-c', 'import torch'], { encoding: 'utf8' });
  if (torch.status !== 0) {
    t.diagnostic(`PyTorch check skipped: ${PYTHON} cannot import torch`);
    return;
  }
  const py = spawnSync(PYTHON, [path.join(ROOT, 'tests', 'golden', 'pytorch_interop.py'), path.join(dir, 'plain-page.safetensors'), path.join(dir, 'own.txt')], { encoding: 'utf8', timeout: 120_000 });
  assert.equal(py.status, 0, py.stderr);
  const torchLoss = Number(py.stdout.trim().split('\n').pop().split(' ')[1]);
  assert.ok(Math.abs(torchLoss - Number(before.split(' ')[1])) < 1e-4, `PyTorch: ${py.stdout.trim()} / rnn: ${before}`);
});
