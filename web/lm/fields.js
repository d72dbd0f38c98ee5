// The char LM's settings: its link table (see shell/field-table.js) — the engine's settings from the
// catalogue, with the page's own fields around them — and the names the rest of the page and the tests use
// for it. No DOM here.
import { CATALOGUE } from '../catalogue.js';
import { perCatalogue } from '../shell/catalogue.js';
import { FieldTable, engineFields } from '../shell/field-table.js';
import { PRESET_IDS } from './presets.js';

export const VIEW_IDS = Object.freeze(['loss', 'samples', 'predict', 'states', 'gates', 'neuron', 'gradients']);
// What CharLMSession.configure reads (the held-out fraction travels beside it; sampling is per request).
export const CONFIG_GROUPS = Object.freeze(['model', 'train']);

// The link table over a catalogue: the text first, the engine's settings (held-out fraction, model,
// training, sampling), then what the views show. Groups 'data', 'model' and 'train' define the experiment.
export const lmTable = perCatalogue((catalogue) => {
  const engine = engineFields(catalogue, 'lm');
  const max = (key) => engine.find((f) => f.key === key).max;
  return new FieldTable([
    { key: 'preset', group: 'data', type: 'enum', values: [...PRESET_IDS, 'custom'], def: 'shakespeare', label: 'text' },
    ...engine,
    { key: 'probe', group: 'view', type: 'string', maxLength: 400, def: '', label: 'probe text' },
    { key: 'layer', group: 'view', type: 'int', min: 0, max: max('layers') - 1, def: 0, label: 'inspected layer' },
    { key: 'unit', group: 'view', type: 'int', min: 0, max: max('hidden') - 1, def: 0, label: 'inspected unit' },
    { key: 'heat', group: 'view', type: 'enum', values: catalogue.sourceNames(), def: 'h', label: 'heatmap source' },
    { key: 'logy', group: 'view', type: 'bool', def: true, label: 'log-scale loss axis' },
    { key: 'views', group: 'view', type: 'list', values: VIEW_IDS, def: [...VIEW_IDS], label: 'open views' },
    { key: 'text', group: 'data', type: 'text', def: '', label: 'custom text', switch: 'preset', on: 'custom' },
  ], { checks: [inspectedInModel('unit', 'hidden', 'hidden units'), inspectedInModel('layer', 'layers', 'layers')] });
});

// The inspected unit (or layer) must exist in the model: one beyond it falls back to the first.
function inspectedInModel(key, size, words) {
  return (s) => {
    if (s[key] < s[size]) return '';
    const was = s[key];
    s[key] = 0;
    return `${key} ${was} is beyond the model's ${s[size]} ${words}; using 0`;
  };
}

export const TABLE = lmTable(CATALOGUE);
export const FIELDS = TABLE.fields;

// The table's functions under the names the tests and the browser harness use.
export const field = (key) => TABLE.field(key);
export const defaultState = () => TABLE.defaults();
export const engineConfig = (state) => TABLE.engineConfig(state, CONFIG_GROUPS);
export const sameExperiment = (a, b) => TABLE.sameExperiment(a, b);
