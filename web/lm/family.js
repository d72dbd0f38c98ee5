// The character-level language model family, as families.js registers it: what the shell needs to show,
// link, save and run it (see README.md, "A family"). DOM-free: the worker and the tests import it too; the
// page's half (page.js) and the worker's (runner.js) load when asked.
import { encodeLink } from '../shell/link.js';
import { TABLE } from './fields.js';

const family = Object.freeze({
  id: 'charlm',
  label: 'Language model',
  title: 'Character-level language models: text in, the next character out',
  tagline: 'Train a tiny character-level language model (RNN, LSTM or GRU) right in this tab, and watch what happens inside it.',
  linkName: 'language-model',
  implicitMode: true,     // its links carry no mode= (they were written before there were modes)
  fields: TABLE,
  textWords: {
    missing: 'it asks for a custom text but does not carry one',
    the: 'the custom text',
    ignored: (sel) => `ignored the custom text because the preset is '${sel}'`,
    instead: (def) => `the ${def} preset`,
    tooLarge: (kb, max) => `Your text is too large for a link (${kb} KB compressed; links carry up to ${max} KB), so the link has your settings but not your text.`,
    noCompression: 'This browser cannot compress text (no CompressionStream), so the link has your settings but not your text.',
  },
  slot: 'current',        // its IndexedDB slot (the key it always had)
  models: { char_lm: 'character language model' },  // the files it opens, by their metadata `model`
  page: () => import('./page.js'),
  runner: () => import('./runner.js'),
});

export default family;

// A char-LM state -> { hash (without '#'), notices }.
export const encodeState = (state) => encodeLink(family, state);
