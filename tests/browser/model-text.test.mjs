// A language-model file says what it was trained on (web/lm/file-text.js): opened in a browser that shows
// another text, it goes back to its preset, or to its own text carried in the file, or says plainly that its
// text is not here and which one the page uses instead. (It used to open on whatever text was shown,
// relabelled "your own text", with a worse held-out loss and no warning.) The page's file still loads with
// the `rnn` command line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import {
  ROOT, SMALL, assertNoErrors, browserSuite, linkHash, openPlayground, readStep, readText, safetensorsHeader,
  stepOnce, tid, waitForNotice, waitReady,
} from './harness.mjs';

const env = browserSuite();
const RNN = path.join(ROOT, 'build', 'native', 'cli', 'rnn');
const sha256 = (text) => crypto.createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex');
const preset = (id) => fs.readFileSync(path.join(ROOT, 'web', 'lm', 'presets', `${id}.txt`), 'utf8');
const OWN = preset('names').slice(0, 3000).replace(/e/g, 'é');

async function download(page, withState) {
  await page.locator(tid('download-with-state')).setChecked(withState);
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(tid('download-model'))]);
  return { name: dl.suggestedFilename(), bytes: fs.readFileSync(await dl.path()) };
}

async function openModel(page, file) {
  await page.setInputFiles(tid('open-model'), { name: file.name, mimeType: 'application/octet-stream', buffer: Buffer.from(file.bytes) });
  const notice = await waitForNotice(page, { pattern: new RegExp(`Opened ${file.name.replace(/[.]/g, '\\.')}`) });
  await waitReady(page);
  return notice;
}

// The file with a metadata entry taken out (as a file from before, or with a text too big to carry).
function without(file, key) {
  const { length, header } = safetensorsHeader(file.bytes);
  delete header.__metadata__[key];
  const json = Buffer.from(JSON.stringify(header));
  const size = Buffer.alloc(8);
  size.writeBigUInt64LE(BigInt(json.length));
  return { name: `no-${key}-${file.name}`, bytes: Buffer.concat([size, json, Buffer.from(file.bytes).subarray(8 + length)]) };
}

test('a model trained on a preset reopens on that preset, with the same held-out loss', { timeout: 90_000 }, async (t) => {
  const { page, errors } = await openPlayground(env, t, { hash: await linkHash({ ...SMALL, preset: 'prose' }) });
  for (let i = 1; i <= 3; i++) await stepOnce(page, i);
  const file = await download(page, true);
  const meta = safetensorsHeader(file.bytes).header.__metadata__;
  assert.equal(meta.text_preset, 'prose');
  assert.equal(meta.text_sha256, sha256(preset('prose')));
  assert.equal(meta.text, undefined, 'a preset is named, not copied');
  await openModel(page, file);
  const heldOut = await readText(page, 'readout-held-out-loss');

  // elsewhere (a fresh browser on Shakespeare)
  const other = await openPlayground(env, t, { hash: await linkHash({ ...SMALL, preset: 'shakespeare' }) });
  const notice = await openModel(other.page, file);
  assert.equal(notice.level, 'info', notice.text);
  assert.match(notice.text, /Trained on the English prose preset: the page switched to it/);
  assert.match(notice.text, /training resumes at step 3/);
  assert.equal(await other.page.inputValue(tid('preset-select')), 'prose');
  assert.equal(await readText(other.page, 'readout-held-out-loss'), heldOut, 'the held-out loss it had');
  await stepOnce(other.page, 4);
  assertNoErrors(errors);
  assertNoErrors(other.errors, 'the other browser');
});

test('a model trained on your own text carries it, or says plainly that its text is not here', { timeout: 90_000 }, async (t) => {
  const { page, errors } = await openPlayground(env, t, { hash: await linkHash({ ...SMALL, preset: 'custom', text: OWN }) });
  await stepOnce(page, 1);
  await stepOnce(page, 2);
  const file = await download(page, true);
  const meta = safetensorsHeader(file.bytes).header.__metadata__;
  assert.deepEqual([meta.text, meta.text_sha256, meta.text_chars, meta.text_preset], [OWN, sha256(OWN), String([...OWN].length), undefined]);
  await waitForNotice(page, { pattern: /It records what it was trained on: your own text \(the text itself is in the file\)/ });

  // the `rnn` command line reads the page's file (its metadata is strings it does not need)
  if (fs.existsSync(RNN)) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rp-model-text-'));
    t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
    fs.writeFileSync(path.join(dir, 'm.safetensors'), file.bytes);
    fs.writeFileSync(path.join(dir, 'own.txt'), OWN);
    const sample = spawnSync(RNN, ['lm', 'sample', '--load', 'm.safetensors', '--sample-len', '40'], { cwd: dir, encoding: 'utf8' });
    assert.equal(sample.status, 0, sample.stderr);
    const resume = spawnSync(RNN, ['lm', 'train', '--resume', 'm.safetensors', '--text', 'own.txt', '--steps', '3', '--quiet', '--sample-every', '0'], { cwd: dir, encoding: 'utf8' });
    assert.equal(resume.status, 0, resume.stderr);
  } else t.diagnostic(`skipped the rnn checks: ${RNN} is not built`);

  // elsewhere: the text comes with the file and is shown in the editor
  const other = await openPlayground(env, t, { hash: await linkHash({ ...SMALL, preset: 'shakespeare' }) });
  let notice = await openModel(other.page, file);
  assert.equal(notice.level, 'info', notice.text);
  assert.match(notice.text, /Its own text \(3,000 characters\) came with the file/);
  assert.equal(await other.page.inputValue(tid('preset-select')), 'custom');
  assert.equal(await other.page.inputValue(tid('text-input')), OWN);
  assert.equal(await readStep(other.page), 2);

  // a file whose text is not in it (too big to carry) opened on Shakespeare: a warning naming both
  await other.page.selectOption(tid('preset-select'), 'shakespeare');
  await other.page.waitForFunction(() => window.recurrentPlayground.applied.preset === 'shakespeare' && window.recurrentPlayground.ready);
  notice = await openModel(other.page, without(file, 'text'));
  assert.equal(notice.level, 'warn', notice.text);
  assert.match(notice.text, new RegExp(`trained on a text that is not here \\(3,000 characters, SHA-256 ${sha256(OWN).slice(0, 16)}…\\), so the page trains it on the Shakespeare preset instead`));
  assertNoErrors(errors);
  assertNoErrors(other.errors, 'the other browser');
});
