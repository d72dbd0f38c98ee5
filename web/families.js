// The model families of the page, registered once: the mode menu, the link codec, the saved sessions, model
// files and the worker's runners all read this list. Adding a family is adding its folder and one line
// here. DOM-free (the worker imports it): each family loads its page and worker halves when asked. The
// first family is the one a link without mode= opens.
import { CATALOGUE } from './catalogue.js';
import { classifyFamily } from './classify/family.js';
import { labFamily } from './lab/family.js';
import { lmFamily } from './lm/family.js';
import { seq2seqFamily } from './seq2seq/family.js';
import { decodeLink } from './shell/link.js';

const REGISTRY = Object.freeze([lmFamily, seq2seqFamily, classifyFamily, labFamily]);

// The families whose training continues in PyTorch, one row each: the module whose state_dict is the
// family's file, the script that resumes its training (both in python/recurrent_playground/) and what the
// module's from_checkpoint returns. The download
// menu's "PyTorch project" (shell/pytorch-project.js) packs them with every module of the package the script
// imports, the model file and the family controller's projectData() (its data and how the script reads it);
// a family without a row has no such download. Here rather than in a file of its own: the page loads this
// file anyway, and the project's code and files load only when one is asked for.
export const PYTORCH_PROJECTS = Object.freeze({
  lm: Object.freeze({ module: 'char_lm.py', script: 'train_char_lm.py', loads: 'model, vocab' }),
  seq2seq: Object.freeze({ module: 'seq2seq.py', script: 'train_seq2seq.py', loads: 'model, vocab' }),
  classify: Object.freeze({ module: 'classifier.py', script: 'train_classifier.py', loads: 'model, vocab, labels' }),
});

// The registry over a catalogue (the tests hand in one with an extra cell); the page's is FAMILIES.
export const createFamilies = (catalogue) => Object.freeze(REGISTRY.map((make) => make(catalogue)));

export const FAMILIES = createFamilies(CATALOGUE);
export const MODES = Object.freeze(FAMILIES.map((f) => f.id));

// Reads a link hash with every family's table: { mode, states, notices, present, missingText }, plus the
// two families' states under the names decodeHash always gave them (`state`, `s2s`), which the tests read.
export async function decodeHash(hash, families = FAMILIES) {
  const r = await decodeLink(hash, families);
  return { ...r, state: r.states.lm, s2s: r.states.seq2seq };
}
