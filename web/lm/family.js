// The character-level language model family, as families.js registers it: what the shell needs to show,
// link, save and run it (see README.md, "A family"), built over a catalogue. DOM-free: the worker and the
// tests import it too; the page's half (page.js) and the worker's (runner.js) load when asked.
import { CATALOGUE } from '../catalogue.js';
import { encodeLink } from '../shell/link.js';
import LESSONS from './lessons.js';
import { perCatalogue } from '../shell/catalogue.js';
import { lmTable } from './fields.js';
import { presetById } from './presets.js';

export const lmFamily = perCatalogue((catalogue) => {
  const engine = catalogue.family('lm');
  return Object.freeze({
    id: 'lm',               // `rnn lm`, the link's mode=lm
    label: engine.label,
    summary: engine.summary,
    title: 'Character-level language models: text in, the next character out',
    tagline: 'Train a tiny character-level language model (RNN, LSTM or GRU) right in this tab, and watch what happens inside it.',
    linkName: 'language-model',
    catalogue,
    fields: lmTable(catalogue),
    // What the first page called things: links of version 1 and sessions it saved (shell/legacy.js).
    legacy: {
      ids: ['charlm'],
      noMode: true,         // its v1 links carry no mode= (they were written before there were modes)
      keys: { temp: 'temperature', topk: 'top_k', slen: 'sample_len' },
      defaults: { lr: 0.003 },  // v1's defaults where the engine's differ, for v1 links that leave them out
      added: [],
      later: ['ngram', 'window'],  // the memoryless baselines (off when a link leaves them out)
    },
    textWords: {
      missing: 'it asks for a custom text but does not carry one',
      the: 'the custom text',
      ignored: (sel) => `ignored the custom text because the preset is '${sel}'`,
      instead: (def) => `the ${def} preset`,
      tooLarge: (kb, max) => `Your text is too large for a link (${kb} KB compressed; links carry up to ${max} KB), so the link has your settings but not your text.`,
      noCompression: 'This browser cannot compress text (no CompressionStream), so the link has your settings but not your text.',
    },
    // How the Sessions menu names a saved session: the model and its text ("LSTM 128 · Shakespeare").
    sessionName: (s) => {
      const p = presetById(s.preset);
      return `${catalogue.cellLabel(s.cell)} ${s.hidden}${s.layers > 1 ? `×${s.layers}` : ''} · ${p ? p.title : 'your own text'}`;
    },
    models: { [engine.checkpoint]: 'character language model' },  // the files it opens, by their metadata `model`
    // The engine's advice when a model is over the memory budget (engine/lm/session.cpp).
    sizeAdvice: 'use a smaller hidden size, fewer layers, or a shorter window or batch',
    // `rnn lm train`: the groups of settings it takes as flags, and its data (a preset's file or your text).
    command: {
      groups: ['data', 'model', 'train', 'sample'],
      data(state) {
        const p = presetById(state.preset);
        if (p) return { args: ['--text', `web/lm/${p.file}`], notes: [] };
        return { args: ['--text', 'your-text.txt'], notes: ['Save your text as your-text.txt (UTF-8) first.'] };
      },
    },
    lessons: LESSONS,      // its lessons.js (the registry: web/lessons.js)
    page: () => import('./page.js'),
    runner: () => import('./runner.js'),
  });
});

const family = lmFamily(CATALOGUE);
export default family;

// A char-LM state -> { hash (without '#'), notices }.
export const encodeState = (state) => encodeLink(family, state);
