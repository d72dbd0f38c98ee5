// "Copy as command" and "Download experiment JSON" (web/shell/command.js): the command the page writes for
// a state is run with the native `rnn` (build/native/cli/rnn, built by scripts/build_native.sh) for two
// steps, and the settings recorded in the file it saves (train_config for the char LM, experiment for
// seq2seq; read with web/shell/safetensors.js) are the state's. The same for `--config` with the JSON.
//   node --test tests/web/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { FAMILIES } from '../../web/families.js';
import { buildCommand, experimentJson, experimentObject, shellQuote } from '../../web/shell/command.js';
import { readMetadata } from '../../web/shell/safetensors.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const RNN = path.join(ROOT, 'build', 'native', 'cli', 'rnn');
const skip = fs.existsSync(RNN) ? false : `${path.relative(ROOT, RNN)} is missing (bash scripts/build_native.sh builds it)`;
if (skip) console.log(`# skipping the command-line runs: ${skip}`);
const [lm, seq2seq] = FAMILIES;

function tempDir(t) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rp-command-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

// Runs a command line the page wrote (it starts with `rnn`) in `cwd`, with `more` appended; returns the
// metadata of the file it saved.
function run(command, more, cwd, saved) {
  assert.match(command, /^rnn (lm|seq2seq) train /);
  const line = `${shellQuote(RNN)}${command.slice(3)} ${more}`;
  const r = spawnSync('bash', ['-c', line], { cwd, encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 0, `${line}\n${r.stderr}`);
  return readMetadata(new Uint8Array(fs.readFileSync(saved)));
}

// The settings the state gives the engine, in groups.
const settingsOf = (family, state, groups) => Object.fromEntries(family.fields.fields
  .filter((f) => f.engine && groups.includes(f.group)).map((f) => [f.key, state[f.key]]));

const LM_STATES = [
  ['a preset with non-default settings', { preset: 'names', cell: 'gru', hidden: 24, layers: 2, embed: 8, seq: 16, batch: 4, optim: 'momentum', lr: 0.05, momentum: 0.8, nesterov: true, clip_norm: 1, clip_value: 0.5, reset_state: true, seed: 7, temperature: 0.6, top_k: 5, prime: 'Ma\nEl' }],
  ['your own text', { preset: 'custom', text: 'the cat\'s "mat" -- on the mat.\n'.repeat(40), cell: 'rnn_relu', hidden: 12, seq: 8, batch: 2, lr_gamma: 0.5, lr_every: 1, weight_decay: 0.001, holdout: 0.2, prime: '-the cat\'s "mat"\n', greedy: true }],
];

for (const [name, changes] of LM_STATES) {
  test(`rnn lm train: the copied command for ${name} trains that experiment`, { skip }, (t) => {
    const dir = tempDir(t);
    const state = { ...lm.fields.defaults(), ...changes };
    const { command, notes } = buildCommand(lm, state, { steps: 2 });
    assert.match(command, / --steps 2$/);
    let cwd = ROOT;
    if (state.preset === 'custom') {
      assert.match(command, /--text your-text\.txt/);
      assert.match(notes.join(' '), /your-text\.txt/);
      fs.writeFileSync(path.join(dir, 'your-text.txt'), state.text);
      cwd = dir;
    } else {
      assert.match(command, /--text web\/lm\/presets\/names\.txt/);
    }
    for (const [key, value] of Object.entries(changes)) {
      const f = lm.fields.field(key);
      if (f.engine && value !== f.engineDefault) assert.ok(command.includes(f.flag), `${f.flag} in ${command}`);
    }
    assert.ok(!command.includes('--optim') || state.optim !== 'adam', 'a setting at the engine\'s default is left out');
    const meta = run(command, `--save-state ${shellQuote(path.join(dir, 'out.safetensors'))} --quiet --sample-every 0`, cwd, path.join(dir, 'out.safetensors'));
    assert.deepEqual(JSON.parse(meta.train_config), settingsOf(lm, state, ['model', 'train']));
    assert.equal(meta.optim_step, '2');

    // the experiment JSON, with --config
    const file = path.join(dir, 'experiment.json');
    fs.writeFileSync(file, experimentJson(lm, state));
    assert.deepEqual(Object.keys(JSON.parse(fs.readFileSync(file, 'utf8'))), lm.fields.fields.filter((f) => f.engine).map((f) => f.key));
    const text = state.preset === 'custom' ? 'your-text.txt' : 'web/lm/presets/names.txt';
    const again = run(`rnn lm train --config ${shellQuote(file)} --text ${text} --steps 2`, `--save-state ${shellQuote(path.join(dir, 'again.safetensors'))} --quiet --sample-every 0`, cwd, path.join(dir, 'again.safetensors'));
    assert.deepEqual(JSON.parse(again.train_config), settingsOf(lm, state, ['model', 'train']));
  });
}

const S2S_STATES = [
  ['a task with non-default settings', { task: 'sort', max_len: 8, alphabet: 6, train_size: 200, held_size: 20, embed: 8, hidden: 16, bidirectional: false, attention: 'general', encoder_cell: 'gru', decoder_cell: 'lstm_coupled', batch: 8, optim: 'rmsprop', lr: 0.01, sampling_rate: 0.25, seed: 3, beam: 0, alpha: 0.5 }],
  ['your own pairs', { task: 'pairs', pairs: 'colour\tcolor\nflavour\tflavor\ncentre\tcenter\nmetre\tmeter\ntheatre\ttheater\n', held_fraction: 0.4, hidden: 8, embed: 4, attn_size: 8, batch: 2 }],
];

for (const [name, changes] of S2S_STATES) {
  test(`rnn seq2seq train: the copied command for ${name} trains that experiment`, { skip }, (t) => {
    const dir = tempDir(t);
    const state = { ...seq2seq.fields.defaults(), ...changes };
    const { command, notes } = buildCommand(seq2seq, state, { steps: 2 });
    let cwd = ROOT;
    if (state.task === 'pairs') {
      assert.match(command, /--pairs your-pairs\.tsv/);
      assert.ok(!command.includes('--task'));
      assert.match(notes.join(' '), /your-pairs\.tsv/);
      fs.writeFileSync(path.join(dir, 'your-pairs.tsv'), state.pairs);
      cwd = dir;
    } else {
      assert.match(command, /^rnn seq2seq train --task sort /);
    }
    assert.doesNotMatch(command, / --(beam|alpha) /, 'decoding belongs to translate, not train');
    const saved = path.join(dir, 'out.safetensors');
    const meta = run(command, `--save ${shellQuote(saved)} --quiet --eval-every 0`, cwd, saved);
    const experiment = JSON.parse(meta.experiment);
    assert.deepEqual(settingsOf(seq2seq, experiment, ['data', 'model', 'train']), settingsOf(seq2seq, state, ['data', 'model', 'train']));

    // the experiment JSON, with --config: the decoding settings come along too
    const file = path.join(dir, 'experiment.json');
    fs.writeFileSync(file, experimentJson(seq2seq, state));
    const data = state.task === 'pairs' ? ' --pairs your-pairs.tsv' : '';
    const again = run(`rnn seq2seq train --config ${shellQuote(file)}${data} --steps 2`, `--save ${shellQuote(saved)} --quiet --eval-every 0`, cwd, saved);
    assert.deepEqual(JSON.parse(again.experiment), experimentObject(seq2seq, state));
  });
}

test('command words: flags by the catalogue, switches bare or =false, text quoted for the shell', () => {
  const state = { ...seq2seq.fields.defaults(), task: 'copy', delay: 5, clip_norm: 0 };
  const { command } = buildCommand(seq2seq, state, { steps: 1200 });
  assert.equal(command, 'rnn seq2seq train --task copy --max-len 20 --delay 5 --held-size 500 --bidirectional --clip-norm 0 --steps 1200');
  assert.match(buildCommand(seq2seq, { ...state, bidirectional: false }).command, /^(?!.*bidirectional)/);
  assert.ok(!buildCommand(seq2seq, state).command.includes('--steps'), 'no steps taken: the command\'s default');
  const lmState = { ...lm.fields.defaults(), prime: "it's" };
  assert.match(buildCommand(lm, lmState).command, / --prime='it'\\''s'/);
  assert.match(buildCommand(lm, lmState, { values: { holdout: 0.05 } }).command, /^(?!.*--holdout)/, 'the held-out fraction the engine got');
  assert.equal(shellQuote('a b'), "'a b'");
  assert.equal(shellQuote(''), "''");
  assert.equal(shellQuote('web/lm/presets/names.txt'), 'web/lm/presets/names.txt');
});
