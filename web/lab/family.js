// The worked-example lab, as families.js registers it: the lectures' tiny recurrent network with weights the
// user types, run by the engine step by step. It trains nothing (`trains: false`): no model files, no
// saved sessions (the link holds every number), no command line; see README.md, "Adding a family". DOM-free:
// the worker and the tests import it too; its page half (page.js) and worker half (runner.js) load when asked.
import { CATALOGUE } from '../catalogue.js';
import { perCatalogue } from '../shell/catalogue.js';
import { encodeLink } from '../shell/link.js';
import LESSONS from './lessons.js';
import { labTable } from './fields.js';

export const labFamily = perCatalogue((catalogue) => {
  const engine = catalogue.family('lab') || { label: 'Worked example (lab)', summary: '' };
  return Object.freeze({
    id: 'lab',
    label: engine.label,
    summary: engine.summary,
    title: 'The lectures\' worked example: a tiny recurrent network you type in, step by step',
    tagline: 'Type a tiny recurrent network\'s weights and inputs, and see every hidden state and output as the engine computes them.',
    linkName: 'worked-example',
    catalogue,
    fields: labTable(catalogue),
    trains: false,
    activations: engine.activations || [],
    legacy: { ids: [], noMode: false, keys: {}, defaults: {}, added: [] },
    textWords: {},
    sessionName: () => 'Worked example',
    models: {},
    sizeAdvice: '',
    command: null,
    lessons: LESSONS,
    page: () => import('./page.js'),
    runner: () => import('./runner.js'),
  });
});

const family = labFamily(CATALOGUE);
export default family;

export const encodeLabState = (state) => encodeLink(family, state);
