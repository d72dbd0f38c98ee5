// The seq2seq family (encoder-decoders with attention), as families.js registers it: what the shell needs
// to show, link, save and run it (see README.md, "A family"), built over a catalogue. DOM-free: the worker
// and the tests import it too; the page's half (page.js) and the worker's (runner.js) load when asked.
import { CATALOGUE } from '../catalogue.js';
import { encodeLink } from '../shell/link.js';
import LESSONS from './lessons.js';
import { perCatalogue } from '../shell/catalogue.js';
import { seq2seqTable } from './fields.js';

export const seq2seqFamily = perCatalogue((catalogue) => {
  const engine = catalogue.family('seq2seq');
  return Object.freeze({
    id: 'seq2seq',
    label: engine.label,
    summary: engine.summary,
    title: 'Encoder-decoders with attention: an input sequence in, an output sequence out',
    tagline: 'Train a tiny encoder–decoder with attention (reverse, sort, add, dates, toy translation or your own pairs) right in this tab, and watch where it looks.',
    linkName: 'seq2seq',
    catalogue,
    fields: seq2seqTable(catalogue),
    // Its names have not changed since links of version 1; the engine's optimizer settings are new to them.
    legacy: { ids: [], noMode: false, keys: {}, defaults: {}, added: ['momentum', 'nesterov', 'weight_decay', 'lr_gamma', 'lr_every', 'clip_value'] },
    textWords: {
      missing: 'it asks for your own pairs but does not carry them',
      the: 'the pairs',
      ignored: (sel) => `ignored the pairs because the task is '${sel}'`,
      instead: (def) => `the ${def} task`,
      tooLarge: (kb, max) => `Your pairs are too large for a link (${kb} KB compressed; links carry up to ${max} KB), so the link has your settings but not your pairs (they stay in this browser).`,
      noCompression: 'This browser cannot compress text (no CompressionStream), so the link has your settings but not your pairs.',
    },
    // How the Sessions menu names a saved session: the task and the model
    // ("Reverse · GRU 64 · Bahdanau attention").
    sessionName: (s) => {
      const task = catalogue.task('seq2seq', s.task);
      const cells = s.encoder_cell === s.decoder_cell ? catalogue.cellLabel(s.encoder_cell) : `${catalogue.cellLabel(s.encoder_cell)}→${catalogue.cellLabel(s.decoder_cell)}`;
      return `${task ? task.title : s.task} · ${cells} ${s.hidden} · ${catalogue.attentionLabel(s.attention)}`;
    },
    models: { [engine.checkpoint]: 'seq2seq encoder-decoder' },
    sizeAdvice: 'use shorter examples, a smaller batch, hidden or attention size',  // engine/seq2seq/session.cpp
    // `rnn seq2seq train` takes the experiment's settings as flags (decoding belongs to `translate`); its
    // data is a generated task or your pairs.
    command: {
      groups: ['data', 'model', 'train'],
      data(state) {
        if (state.task === 'pairs') return { args: ['--pairs', 'your-pairs.tsv'], notes: ['Save your pairs as your-pairs.tsv (one source<TAB>target per line) first.'], skip: ['task'] };
        return { args: ['--task', state.task], notes: [], skip: ['task'] };
      },
    },
    lessons: LESSONS,      // its lessons.js (the registry: web/lessons.js)
    page: () => import('./page.js'),
    runner: () => import('./runner.js'),
  });
});

const family = seq2seqFamily(CATALOGUE);
export default family;

// A seq2seq state -> { hash, notices }: `v=2&mode=seq2seq&task=...`.
export const encodeSeq2SeqState = (state) => encodeLink(family, state);
