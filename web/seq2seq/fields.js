// The seq2seq settings: its link table (see shell/field-table.js) — the engine's experiment fields from
// the catalogue (task and data, model, training, decoding), then the page's own. Group 'compare' trains the
// fixed-context twin beside the model (it does not change the model itself). No DOM here.
import { CATALOGUE } from '../catalogue.js';
import { perCatalogue } from '../shell/catalogue.js';
import { FieldTable, engineFields } from '../shell/field-table.js';

export const S2S_VIEW_IDS = Object.freeze(['curves', 'attention', 'beam', 'length', 'examples']);
// What Seq2SeqSession.configure reads: the experiment (decoding settings are per request).
export const S2S_CONFIG_GROUPS = Object.freeze(['data', 'model', 'train']);

export const seq2seqTable = perCatalogue((catalogue) => {
  return new FieldTable([
    ...engineFields(catalogue, 'seq2seq'),
    { key: 'compare', group: 'compare', type: 'bool', def: false, label: 'compare with no attention' },
    { key: 'input', group: 'view', type: 'string', maxLength: 255, def: '', label: 'attention input' },
    { key: 'logy', group: 'view', type: 'bool', def: true, label: 'log-scale loss axis' },
    { key: 'views', group: 'view', type: 'list', values: S2S_VIEW_IDS, def: [...S2S_VIEW_IDS], label: 'open views' },
    { key: 'pairs', group: 'data', type: 'text', def: '', label: 'your pairs', switch: 'task', on: 'pairs' },
  ], { checks: [lengthsInOrder] });
});

// The shortest input cannot be longer than the longest: swapped, as the link's author surely meant.
function lengthsInOrder(s) {
  if (s.min_len <= s.max_len) return '';
  [s.min_len, s.max_len] = [s.max_len, s.min_len];
  return `min_len was above max_len; swapped them (${s.min_len} to ${s.max_len})`;
}

export const S2S_TABLE = seq2seqTable(CATALOGUE);
export const S2S_FIELDS = S2S_TABLE.fields;

// The table's functions under the names the tests use.
export const s2sField = (key) => S2S_TABLE.field(key);
export const s2sDefaultState = () => S2S_TABLE.defaults();
export const s2sEngineConfig = (state) => S2S_TABLE.engineConfig(state, S2S_CONFIG_GROUPS);
export const s2sSameExperiment = (a, b) => S2S_TABLE.sameExperiment(a, b);
export const s2sExperimentFields = (s) => S2S_TABLE.experimentFields(s);
