// The seq2seq family (encoder-decoders with attention), as families.js registers it: what the shell needs
// to show, link, save and run it (see README.md, "A family"). DOM-free: the worker and the tests import it
// too; the page's half (page.js) and the worker's (runner.js) load when asked.
import { encodeLink } from '../shell/link.js';
import { S2S_TABLE } from './fields.js';

const family = Object.freeze({
  id: 'seq2seq',
  label: 'Seq2seq',
  title: 'Encoder-decoders with attention: an input sequence in, an output sequence out',
  tagline: 'Train a tiny encoder–decoder with attention (reverse, sort, add, dates, toy translation or your own pairs) right in this tab, and watch where it looks.',
  linkName: 'seq2seq',
  implicitMode: false,
  fields: S2S_TABLE,
  textWords: {
    missing: 'it asks for your own pairs but does not carry them',
    the: 'the pairs',
    ignored: (sel) => `ignored the pairs because the task is '${sel}'`,
    instead: (def) => `the ${def} task`,
    tooLarge: (kb, max) => `Your pairs are too large for a link (${kb} KB compressed; links carry up to ${max} KB), so the link has your settings but not your pairs (they stay in this browser).`,
    noCompression: 'This browser cannot compress text (no CompressionStream), so the link has your settings but not your pairs.',
  },
  slot: 'seq2seq',
  models: { seq2seq: 'seq2seq encoder-decoder' },
  page: () => import('./page.js'),
  runner: () => import('./runner.js'),
});

export default family;

// A seq2seq state -> { hash, notices }: `v=1&mode=seq2seq&task=...`.
export const encodeSeq2SeqState = (state) => encodeLink(family, state);
