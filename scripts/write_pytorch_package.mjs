// Writes the PyTorch package python/recurrent_playground/ as the page fetches it for its "PyTorch project"
// download: web/engine/pytorch-package.json (generated, like the rest of web/engine/, and not committed), with
// every module's text and the package's modules it imports, so the page packs a training script with exactly
// what it needs (web/shell/pytorch-project.js). Run by scripts/build_wasm.sh; the page fetches the file only
// when the archive is asked for.
//   node scripts/write_pytorch_package.mjs [OUT.json]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PACKAGE = 'recurrent_playground';
const SOURCE = path.join(ROOT, 'python', PACKAGE);
const out = process.argv[2] || path.join(ROOT, 'web', 'engine', 'pytorch-package.json');

// The package's modules a Python source imports, as file names: `from recurrent_playground import a, b`
// (parenthesised too), `from recurrent_playground.a import X`, `import recurrent_playground.a`, and the
// relative `from . import a` / `from .a import X`.
function packageImports(text, modules) {
  const names = new Set();
  const code = text.replace(/#.*$/gm, '');
  const pkg = `(?:${PACKAGE}|\\.)`;
  for (const m of code.matchAll(new RegExp(`^[ \\t]*from[ \\t]+${pkg}[ \\t]+import[ \\t]+(\\([^)]*\\)|[^\\n]*)`, 'gm')))
    for (const name of m[1].replace(/[()]/g, '').split(',')) names.add(name.trim().split(/\s+/)[0]);
  for (const m of code.matchAll(new RegExp(`^[ \\t]*(?:from[ \\t]+${pkg}\\.?|import[ \\t]+${PACKAGE}\\.)(\\w+)`, 'gm'))) names.add(m[1]);
  names.delete('');
  return [...names].map((name) => {
    if (!modules.includes(`${name}.py`)) throw new Error(`${PACKAGE} has no module '${name}' (imported by a module of the package)`);
    return `${name}.py`;
  }).sort();
}

const modules = fs.readdirSync(SOURCE).filter((f) => f.endsWith('.py')).sort();
const files = {};
for (const name of modules) {
  const text = fs.readFileSync(path.join(SOURCE, name), 'utf8');
  files[name] = { text, imports: packageImports(text, modules).filter((m) => m !== name) };
}
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, `${JSON.stringify({ package: PACKAGE, files })}\n`);
