// The engine's catalogue as the page's modules import it. A JSON module rather than a fetch at boot: it is
// there before any code runs, in the page, in the module worker and under Node alike, so a link can be
// decoded and the field tables built synchronously, before the WebAssembly module has loaded. The build
// (scripts/build_wasm.sh) writes web/engine/catalogue.json next to the module; main.js explains a missing one.
import json from './engine/catalogue.json' with { type: 'json' };
import { Catalogue } from './shell/catalogue.js';

export const CATALOGUE = new Catalogue(json);
