// The model families of the page, registered once: the mode tabs, the link codec, the saved sessions, model
// files and the worker's runners all read this list. Adding a family is adding its folder and one line
// here. DOM-free (the worker imports it): each family loads its page and worker halves when asked.
import charlm from './lm/family.js';
import seq2seq from './seq2seq/family.js';
import { decodeLink } from './shell/link.js';

export const FAMILIES = Object.freeze([charlm, seq2seq]);
export const MODES = Object.freeze(FAMILIES.map((f) => f.id));

// Reads a link hash with every family's table: { mode, states, notices, present, missingText }, plus each
// of the first two families' states under the names decodeHash always gave them (`state`, `s2s`), which
// the tests read.
export async function decodeHash(hash) {
  const r = await decodeLink(hash, FAMILIES);
  return { ...r, state: r.states.charlm, s2s: r.states.seq2seq };
}
