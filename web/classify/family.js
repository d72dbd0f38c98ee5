// The classifier family (many to one), as families.js registers it: what the shell needs to show, link, save
// and run it (see README.md, "A family"), built over a catalogue. DOM-free: the worker and the tests import
// it too; the page's half (page.js) and the worker's (runner.js) load when asked.
import { CATALOGUE } from '../catalogue.js';
import { perCatalogue } from '../shell/catalogue.js';
import LESSONS from './lessons.js';
import { classifyTable } from './fields.js';

export const classifyFamily = perCatalogue((catalogue) => {
  const engine = catalogue.family('classify');
  return Object.freeze({
    id: 'classify',
    label: engine ? engine.label : 'Sequence classifier',
    summary: engine ? engine.summary : '',
    title: 'Sequence classifiers: a text in, one label out',
    tagline: 'Train a tiny many-to-one network (sentiment where word order matters, counting, invented names or your own labelled lines) in this tab, and watch its decision form character by character.',
    linkName: 'classifier',
    catalogue,
    fields: classifyTable(catalogue),
    legacy: { ids: [], noMode: false, keys: {}, defaults: {}, added: [] },  // newer than links of version 1
    textWords: {
      missing: 'it asks for your own examples but does not carry them',
      the: 'the examples',
      ignored: (sel) => `ignored the examples because the task is '${sel}'`,
      instead: (def) => `the ${def} task`,
      tooLarge: (kb, max) => `Your examples are too large for a link (${kb} KB compressed; links carry up to ${max} KB), so the link has your settings but not your examples (they stay in this browser).`,
      noCompression: 'This browser cannot compress text (no CompressionStream), so the link has your settings but not your examples.',
    },
    // "Sentiment where order matters · LSTM 64 · bidirectional · max pooling"
    sessionName: (s) => {
      const task = catalogue.task('classify', s.task);
      return `${task ? task.title : s.task} · ${catalogue.cellLabel(s.cell)} ${s.hidden}${s.bidirectional ? ' · bidirectional' : ''} · ${s.pooling} pooling`;
    },
    models: engine ? { [engine.checkpoint]: 'sequence classifier' } : {},
    sizeAdvice: 'use shorter texts, a smaller batch or hidden size',  // engine/classify/estimate.hpp
    command: {
      groups: ['data', 'model', 'train'],
      data(state) {
        if (state.task === 'pairs') return { args: ['--pairs', 'your-examples.tsv'], notes: ['Save your examples as your-examples.tsv (one label<TAB>text per line) first.'], skip: ['task'] };
        return { args: ['--task', state.task], notes: [], skip: ['task'] };
      },
    },
    lessons: LESSONS,
    page: () => import('./page.js'),
    runner: () => import('./runner.js'),
  });
});

const family = classifyFamily(CATALOGUE);
export default family;
