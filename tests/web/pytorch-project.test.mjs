// The "PyTorch project" archive (web/shell/pytorch-project.js) over the package as the build writes it
// (scripts/write_pytorch_package.mjs): each module's imports are the ones Python's own parser finds; every
// family row of PYTORCH_PROJECTS (web/families.js) packs its script with all it imports, so the script starts from the
// unpacked folder; the README's commands read back as the words they were made of; a run the script cannot
// continue says why instead of giving the commands.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { PYTORCH_PROJECTS } from '../../web/families.js';
import { commandLines, packageFiles, pytorchProject } from '../../web/shell/pytorch-project.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const PYTHON = '/usr/bin/python3';
const hasTorch = spawnSync(PYTHON, ['-c', 'import torch, numpy'], { encoding: 'utf8' }).status === 0;

function tempDir(t) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rp-project-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

// The package as the build writes it, into a temporary file.
function buildPackage(t) {
  const out = path.join(tempDir(t), 'pytorch-package.json');
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'write_pytorch_package.mjs'), out]);
  return JSON.parse(fs.readFileSync(out, 'utf8'));
}

// Unpacks an archive with Python's zipfile; returns the folder it made.
function unpack(t, bytes) {
  const dir = tempDir(t);
  fs.writeFileSync(path.join(dir, 'p.zip'), bytes);
  execFileSync(PYTHON, ['-m', 'zipfile', '-e', path.join(dir, 'p.zip'), path.join(dir, 'out')]);
  const [folder] = fs.readdirSync(path.join(dir, 'out'));
  return path.join(dir, 'out', folder);
}

// What a family controller's projectData() gives, for a run on its own data.
const DATA = {
  lm: {
    summary: 'A character language model: GRU, 16 hidden units × 1 layer, one-hot input, a vocabulary of 5, trained on your own text',
    files: [{ name: 'input.txt', data: 'abcde '.repeat(50), about: 'the text it trains on' }],
    data: ['--text', 'input.txt'], train: ['--holdout', '0.125'], batch: 12, notes: ['`--holdout 0.125` is the run\'s.'], reopen: '', refusal: '',
  },
  classify: {
    summary: 'A sequence classifier', files: [{ name: 'pairs.tsv', data: 'pos\tgood\nneg\tbad\n', about: 'the examples' }],
    data: ['--pairs', 'pairs.tsv'], train: [], batch: 4, notes: [], reopen: '', refusal: '',
  },
  seq2seq: {
    summary: 'A sequence-to-sequence model', files: [{ name: 'pairs.tsv', data: 'ab\tba\n', about: 'the pairs' }],
    data: ['--pairs', 'pairs.tsv'], train: [], batch: 8, notes: [], reopen: '', refusal: '',
  },
};
const MODEL = { name: 'model-step3-resumable.safetensors', bytes: new Uint8Array([1, 2, 3]), resumable: true };

test('each module\'s imports are the package modules Python\'s parser finds in it', (t) => {
  const pkg = buildPackage(t);
  assert.equal(pkg.package, 'recurrent_playground');
  const source = path.join(ROOT, 'python', 'recurrent_playground');
  const names = fs.readdirSync(source).filter((f) => f.endsWith('.py')).sort();
  assert.deepEqual(Object.keys(pkg.files).sort(), names);
  const script = `
import ast, json, sys
out = {}
for path in sys.argv[1:]:
    found = set()
    for node in ast.walk(ast.parse(open(path).read())):
        if isinstance(node, ast.ImportFrom) and node.module == "recurrent_playground":
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("recurrent_playground."):
            found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            found.update(a.name.split(".")[1] for a in node.names if a.name.startswith("recurrent_playground."))
    out[path.rsplit("/", 1)[1]] = sorted(n + ".py" for n in found)
print(json.dumps(out))`;
  const python = JSON.parse(execFileSync(PYTHON, ['-c', script, ...names.map((n) => path.join(source, n))], { encoding: 'utf8' }));
  for (const name of names) {
    assert.equal(pkg.files[name].text, fs.readFileSync(path.join(source, name), 'utf8'), name);
    assert.deepEqual(pkg.files[name].imports, python[name].filter((n) => n !== name), name);
  }
  assert.ok(pkg.files['train_char_lm.py'].imports.includes('char_lm.py'), 'the oracle found the script\'s imports');
});

test('a project packs its script, its module and everything they import, and nothing else', (t) => {
  const pkg = buildPackage(t);
  const lm = packageFiles(pkg, PYTORCH_PROJECTS.lm);
  assert.deepEqual(lm.slice(0, 3), ['__init__.py', 'train_char_lm.py', 'char_lm.py']);
  // safetensors_io.py comes in through checkpoint.py, not the script
  assert.ok(!pkg.files['train_char_lm.py'].imports.includes('safetensors_io.py'));
  assert.ok(lm.includes('safetensors_io.py') && lm.includes('checkpoint.py'));
  for (const other of ['seq2seq.py', 'pairs.py', 'rng.py', 'train_seq2seq.py']) assert.ok(!lm.includes(other), other);
  const s2s = packageFiles(pkg, PYTORCH_PROJECTS.seq2seq);
  for (const name of ['seq2seq.py', 'pairs.py', 'rng.py', 'checkpoint.py', 'safetensors_io.py']) assert.ok(s2s.includes(name), name);
  assert.ok(!s2s.includes('char_lm.py') && !s2s.includes('text_stream.py'));
  assert.throws(() => packageFiles(pkg, { module: 'nowhere.py', script: 'train_char_lm.py' }), /has no nowhere\.py: rebuild/);
});

test('every family\'s project unpacks into one folder whose script starts and whose README runs it', { skip: hasTorch ? false : 'needs python3-torch' }, async (t) => {
  const pkg = buildPackage(t);
  for (const [familyId, row] of Object.entries(PYTORCH_PROJECTS)) {
    assert.ok(DATA[familyId], `this test has data for the family '${familyId}'`);
    const zip = pytorchProject({ pkg, row, familyId, model: MODEL, data: DATA[familyId], step: 3, title: 'A test' });
    assert.equal(zip.name, 'model-step3-pytorch.zip');
    const folder = unpack(t, zip.bytes);
    assert.equal(path.basename(folder), 'model-step3-pytorch');
    assert.deepEqual(fs.readFileSync(path.join(folder, MODEL.name)), Buffer.from(MODEL.bytes));
    for (const f of DATA[familyId].files) assert.equal(fs.readFileSync(path.join(folder, f.name), 'utf8'), f.data);
    const packed = fs.readdirSync(path.join(folder, 'recurrent_playground')).sort();
    assert.deepEqual(packed, packageFiles(pkg, row).sort());
    // --help imports every module the script needs, from the unpacked folder alone
    const help = spawnSync(PYTHON, [path.join('recurrent_playground', row.script), '--help'], { cwd: folder, encoding: 'utf8' });
    assert.equal(help.status, 0, help.stderr);
    assert.match(help.stdout, /--resume/);
    const readme = fs.readFileSync(path.join(folder, 'README.md'), 'utf8');
    const command = `/usr/bin/python3 recurrent_playground/${row.script} --resume ${MODEL.name} ${[...DATA[familyId].data, ...DATA[familyId].train].join(' ')} --steps 1000`;
    assert.ok(readme.replace(/ \\\n +/g, ' ').includes(command), `${familyId}: the README has ${command}`);
    assert.match(readme, /torchrun --standalone --nproc_per_node 2 --redirects 1 --tee 1/);
    assert.match(readme, new RegExp(`rnn ${familyId} eval --load continued\\.safetensors ${DATA[familyId].data.join(' ')}`));
    for (const name of packed) assert.ok(readme.includes(`recurrent_playground/${name}`), `the README lists ${name}`);
  }
});

test('a run the script cannot continue gets the reason and the command line, not the PyTorch commands', (t) => {
  const pkg = buildPackage(t);
  const data = { ...DATA.seq2seq, files: [], data: ['--task', 'reverse'], refusal: 'It trained on the generated task \'reverse\'.' };
  const zip = pytorchProject({ pkg, row: PYTORCH_PROJECTS.seq2seq, familyId: 'seq2seq', model: MODEL, data, step: 3, title: 'A test' });
  const readme = fs.readFileSync(path.join(unpack(t, zip.bytes), 'README.md'), 'utf8');
  assert.match(readme, /It trained on the generated task 'reverse'\./);
  assert.doesNotMatch(readme, /torchrun --|\/usr\/bin\/python3 recurrent_playground/);
  assert.match(readme, new RegExp(`rnn seq2seq train --resume ${MODEL.name} --task reverse --steps 100`));
});

test('the torchrun command uses a process count that divides the batch, and lists them', (t) => {
  const pkg = buildPackage(t);
  const readmeFor = (batch) => {
    const zip = pytorchProject({ pkg, row: PYTORCH_PROJECTS.lm, familyId: 'lm', model: MODEL, data: { ...DATA.lm, batch }, step: 3, title: 'A test' });
    return fs.readFileSync(path.join(unpack(t, zip.bytes), 'README.md'), 'utf8').replace(/\n +/g, ' ');
  };
  assert.match(readmeFor(9), /--nproc_per_node 3 .*the batch size, 9 here: 1, 3, 9\./s);
  assert.match(readmeFor(1), /--nproc_per_node 1 .*the batch size, 1 here: 1\./s);
});

test('command lines wrap with backslashes and read back as the words they were made of', () => {
  const words = ['/usr/bin/python3', 'x/train.py', '--resume', 'a file with spaces.safetensors', '--text', "it's.txt", '--quiet',
    ...Array.from({ length: 30 }, (_, i) => `--flag-${i}`), '--last', 'value'];
  const text = commandLines(words);
  const lines = text.split('\n');
  assert.ok(lines.length > 2);
  for (const line of lines) assert.ok(line.length <= 100, line);
  assert.ok(lines.slice(0, -1).every((l) => l.endsWith(' \\')));
  assert.ok(lines.some((l) => /--resume 'a file with spaces\.safetensors'/.test(l)), 'a flag stays beside its value');
  const r = spawnSync('bash', ['-c', `printf '%s\\n' ${text.replace(/^\/usr\/bin\/python3/, '')}`], { encoding: 'utf8' });
  assert.deepEqual(r.stdout.trimEnd().split('\n'), words.slice(1));
});
