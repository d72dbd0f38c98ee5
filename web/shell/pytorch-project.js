// The download menu's "PyTorch project": one .zip with the model file (with its training state when the
// family saves it), the family's PyTorch module and training script with every module of the package the
// script imports (its row of PYTORCH_PROJECTS in families.js), the data the run trains on, and a README.md with the
// exact commands: one process, torchrun, and the way back to the page and the `rnn` command line. The
// package's files come from the build (web/engine/pytorch-package.json, written by
// scripts/write_pytorch_package.mjs), fetched the first time an archive is asked for. No DOM here.
import { shellQuote } from './command.js';
import { zipFiles } from './zip.js';

const PACKAGE_URL = new URL('../engine/pytorch-package.json', import.meta.url);
const STEPS = 1000;                                      // the steps the README's commands add
const OUT = { state: 'continued-resumable.safetensors', model: 'continued.safetensors', log: 'steps.jsonl' };

let fetched = null;

// The package as the build wrote it: {package, files: {name: {text, imports}}} (fetched once).
export function loadPackage() {
  if (!fetched) {
    fetched = fetch(PACKAGE_URL).then((res) => {
      if (!res.ok) throw new Error(`the PyTorch package is not on this server (${PACKAGE_URL.pathname}: HTTP ${res.status}); build it with bash scripts/build_wasm.sh`);
      return res.json();
    });
    fetched.catch(() => { fetched = null; });            // a failure is tried again next time
  }
  return fetched;
}

// The package's files a project needs: its __init__.py, the script, the module, then everything the script
// imports, directly or through another module (sorted).
export function packageFiles(pkg, row) {
  const files = pkg.files;
  const need = new Set();
  const visit = (name) => {
    if (!files[name]) throw new Error(`the PyTorch package has no ${name}: rebuild the page (bash scripts/build_wasm.sh)`);
    if (need.has(name)) return;
    need.add(name);
    files[name].imports.forEach(visit);
  };
  visit(row.script);
  visit(row.module);
  const first = ['__init__.py', row.script, row.module].filter((n) => files[n]);
  return [...first, ...[...need].filter((n) => !first.includes(n)).sort()];
}

// A command's words as lines of at most about 100 characters, continued with a backslash; a flag stays on
// the line of its value.
export function commandLines(words) {
  const units = [];
  for (let i = 0; i < words.length; i++) {
    const takesValue = /^-/.test(words[i]) && i + 1 < words.length && !/^-/.test(words[i + 1]);
    units.push(takesValue ? `${shellQuote(words[i])} ${shellQuote(words[++i])}` : shellQuote(words[i]));
  }
  const lines = [];
  let line = '';
  for (const u of units) {
    if (line.trim() && line.length + u.length + 1 > 100 - 2) {
      lines.push(`${line} \\`);
      line = `    ${u}`;
    } else line = line ? `${line} ${u}` : u;
  }
  return [...lines, line].join('\n');
}

// A paragraph (or a list item, when it starts with '- ') wrapped at 110 columns.
function wrap(text) {
  const indent = text.startsWith('- ') ? '  ' : '';
  const lines = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + word.length + 1 > 110) {
      lines.push(line);
      line = indent + word;
    } else line = line ? `${line} ${word}` : word;
  }
  return [...lines, line].join('\n');
}

const fence = (lang, text) => `\`\`\`${lang}\n${text}\n\`\`\``;

// The divisors of the batch: how many processes can share it.
const divisors = (n) => Array.from({ length: n }, (_, i) => i + 1).filter((d) => n % d === 0);

// What each module holds, as the package's __init__.py lists them ("  name  what it holds").
function packageMap(pkg) {
  const init = pkg.files['__init__.py'] ? pkg.files['__init__.py'].text : '';
  return new Map([...init.matchAll(/^ {2}(\w+) {2,}(\S.*)$/gm)].map((m) => [`${m[1]}.py`, m[2]]));
}

// The README: what is in the folder and the exact commands. p: {pkg (the package's name), script, module,
// loads (what its from_checkpoint returns), familyId, title, step, model: {name, resumable}, files: [{path, about}], data (projectData())}.
export function projectReadme(p) {
  const d = p.data;
  const script = `${p.pkg}/${p.script}`;
  const rnn = (verb, ...words) => commandLines(['rnn', p.familyId, verb, ...words]);
  const train = [script, '--resume', p.model.name, ...d.data, ...d.train, '--steps', String(STEPS), '--save-state', OUT.state, '--save', OUT.model];
  const ways = divisors(Math.max(1, d.batch));
  const two = ways.includes(2) ? 2 : ways.find((w) => w > 1) || 1;
  const module = p.module.replace(/\.py$/, '');
  const out = [
    `# ${p.title}: continue in PyTorch`,
    wrap(`${d.summary}. Made by Recurrent Playground's page at step ${p.step.toLocaleString('en-US')}: everything to continue its training in PyTorch, on one process or many, and to bring it back.`),
    ['| file | what it is |', '| --- | --- |', ...p.files.map((f) => `| \`${f.path}\` | ${f.about} |`)].join('\n'),
    '## What you need',
    wrap('Python 3 with PyTorch and NumPy. On Debian 12 or Ubuntu: `sudo apt-get install python3-torch python3-numpy` (no pip, no virtual environment, nothing to install from this folder); call Debian\'s `/usr/bin/python3`, as a `python3` earlier on your PATH may not have torch. Run the commands below from this folder.'),
  ];
  if (d.refusal) {
    out.push('## Continue training', wrap(d.refusal));
  } else {
    out.push(
      '## Continue training on one process',
      fence('sh', commandLines(['/usr/bin/python3', ...train, '--log', OUT.log])),
      wrap(`${p.model.resumable ? 'It resumes exactly where the page stopped (the weights, the optimizer\'s state and the data position are in the file)' : 'It starts from the page\'s weights (the file holds no training state)'} and adds ${STEPS} steps (change \`--steps\`), printing its speed and losses; it writes \`${OUT.state}\` (the model and its training state, to resume again), \`${OUT.model}\` (the model alone) and \`${OUT.log}\` (one JSON line per step: step, loss, gradient norm, learning rate, speed). \`--help\` lists every option.`),
      ...d.notes.map(wrap),
      '## On several processes: torchrun',
      fence('sh', commandLines(['torchrun', '--standalone', '--nproc_per_node', String(two), '--redirects', '1', '--tee', '1', ...train])),
      [
        `- The processes share each batch (DistributedDataParallel: gloo on CPUs, NCCL where there are GPUs), so \`--nproc_per_node\` must divide the batch size, ${d.batch} here: ${ways.join(', ')}. The training is the same as on one process, up to the order in which floats are summed.`,
        '- Debian 12\'s torchrun (PyTorch 1.13 on Python 3.11) needs `--redirects 1 --tee 1`: without them it stops before starting any process with `AttributeError: \'NoneType\' object has no attribute \'get\'`. Each process\'s output then shows with a `[default0]:` prefix.',
        '- On several machines: run the same command on each, with `--nnodes N --node_rank R --master_addr HOST --master_port PORT` instead of `--standalone`; every machine needs this folder.',
      ].map(wrap).join('\n'),
    );
  }
  const state = d.refusal ? p.model.name : OUT.state;
  const model = d.refusal ? p.model.name : OUT.model;
  out.push(
    '## Back to the page and the command line',
    [
      `- The page: **Open model…** and pick \`${state}\` to train on from where ${d.refusal ? 'the page' : 'PyTorch'} stopped${d.refusal ? '' : `, or \`${OUT.model}\` (the weights alone)`}. ${d.reopen}`.trimEnd(),
      '- The `rnn` command line (in the Recurrent Playground repository: `bash scripts/build_native.sh`, then `build/native/cli/rnn`) evaluates the model and trains on from the file:',
    ].map(wrap).join('\n'),
    fence('sh', [
      rnn('eval', '--load', model, ...d.data),
      rnn('train', '--resume', state, ...d.data, ...d.train, '--steps', '100', '--save-state', d.refusal ? OUT.state : 'again-resumable.safetensors'),
    ].join('\n')),
    '## In your own code',
    fence('python', [
      'import sys',
      'sys.path.insert(0, "/path/to/this/folder")',
      `from ${p.pkg} import checkpoint, ${module}`,
      `${p.loads} = ${module}.from_checkpoint(checkpoint.read("${p.model.name}"))`,
      '# model: a torch.nn.Module whose state_dict() is the file\'s tensors; vocab: the characters it knows',
    ].join('\n')),
    wrap(`\`${script}\` shows how a step is taken; the first lines of every module say what it holds.`),
  );
  return `${out.join('\n\n')}\n`;
}

// The archive: {name (of the .zip), bytes}. pkg: loadPackage()'s; row: the family's of PYTORCH_PROJECTS;
// model: {name, bytes, resumable}; data: the controller's projectData(); title: what the README is headed.
export function pytorchProject({ pkg, row, familyId, model, data, step, title, when = new Date() }) {
  const folder = `${model.name.replace(/(-resumable)?\.safetensors$/, '')}-pytorch`;
  const code = packageFiles(pkg, row);
  const map = packageMap(pkg);
  const about = (name) => {
    if (name === '__init__.py') return 'the package (its first lines list its modules)';
    return map.get(name) || (name === row.script ? 'the training script' : name === row.module ? 'the model as a PyTorch module' : 'a module the script imports');
  };
  const files = [
    { path: model.name, about: model.resumable ? 'the model with its training state: training resumes exactly' : 'the model\'s weights' },
    ...data.files.map((f) => ({ path: f.name, about: f.about })),
    ...code.map((name) => ({ path: `${pkg.package}/${name}`, about: about(name) })),
  ];
  const readme = projectReadme({ pkg: pkg.package, script: row.script, module: row.module, loads: row.loads || 'model, vocab', familyId, model, step, files, data, title });
  const entries = [
    { name: `${folder}/README.md`, data: readme },
    { name: `${folder}/${model.name}`, data: model.bytes },
    ...data.files.map((f) => ({ name: `${folder}/${f.name}`, data: f.data })),
    ...code.map((name) => ({ name: `${folder}/${pkg.package}/${name}`, data: pkg.files[name].text })),
  ];
  return { name: `${folder}.zip`, bytes: zipFiles(entries, when) };
}
