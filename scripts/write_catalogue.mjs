// Writes what the engine knows (cells, optimizers, attention kinds, families and their field tables) to
// web/engine/catalogue.json, from the freshly built WebAssembly module, so the page can read a link and
// build its menus before the module has loaded. Run by scripts/build_wasm.sh.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ENGINE = path.join(ROOT, 'web', 'engine');
const require = createRequire(import.meta.url);
const createRecurrentEngine = require(path.join(ENGINE, 'recurrent_engine.js'));
// Emscripten 3.1.6's loader would fetch() a file path under Node 20, which fails: hand it the bytes.
const M = await createRecurrentEngine({ wasmBinary: fs.readFileSync(path.join(ENGINE, 'recurrent_engine.wasm')) });
const catalogue = JSON.parse(M.catalogue());
fs.writeFileSync(path.join(ENGINE, 'catalogue.json'), `${JSON.stringify(catalogue)}\n`);
