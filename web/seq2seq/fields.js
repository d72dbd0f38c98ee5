// The seq2seq settings: its link table (see shell/field-table.js). Keys are the engine's experiment JSON keys
// (engine/seq2seq_config_json.hpp), so the link reads like the config. Group 'compare' trains the
// fixed-context twin beside the model (it does not change the model itself). No DOM here.
import { CELLS, OPTIMIZERS } from '../shell/cells.js';
import { FieldTable } from '../shell/field-table.js';
import { TASK_IDS } from './tasks.js';

export const ATTENTIONS = Object.freeze(['none', 'bahdanau', 'dot', 'general', 'concat']);
export const ATTENTION_NAMES = Object.freeze({
  none: 'no attention', bahdanau: 'Bahdanau attention', dot: 'dot attention', general: 'general attention', concat: 'concat attention',
});
export const S2S_VIEW_IDS = Object.freeze(['curves', 'attention', 'beam', 'length', 'examples']);

export const S2S_FIELDS = Object.freeze([
  { key: 'task', group: 'data', type: 'enum', values: TASK_IDS, def: 'reverse', label: 'task', engine: 'task' },
  { key: 'min_len', group: 'data', type: 'int', min: 1, max: 200, def: 3, label: 'shortest input', engine: 'min_len' },
  { key: 'max_len', group: 'data', type: 'int', min: 1, max: 200, def: 20, label: 'longest input', engine: 'max_len' },
  { key: 'alphabet', group: 'data', type: 'int', min: 2, max: 26, def: 10, label: 'alphabet size', engine: 'alphabet' },
  { key: 'delay', group: 'data', type: 'int', min: 0, max: 200, def: 3, label: 'delay', engine: 'delay' },
  { key: 'train_size', group: 'data', type: 'int', min: 1, max: 200000, def: 5000, label: 'training examples', engine: 'train_size' },
  { key: 'held_size', group: 'data', type: 'int', min: 1, max: 20000, def: 500, label: 'held-out examples', engine: 'held_size' },
  { key: 'held_fraction', group: 'data', type: 'number', min: 0, max: 0.5, exclusiveMin: true, def: 0.1, label: 'held-out fraction', engine: 'held_fraction' },
  { key: 'encoder_cell', group: 'model', type: 'enum', values: CELLS, def: 'lstm', label: 'encoder cell', engine: 'encoder_cell' },
  { key: 'decoder_cell', group: 'model', type: 'enum', values: CELLS, def: 'lstm', label: 'decoder cell', engine: 'decoder_cell' },
  { key: 'embed', group: 'model', type: 'int', min: 1, max: 1024, def: 32, label: 'embedding size', engine: 'embed' },
  { key: 'hidden', group: 'model', type: 'int', min: 1, max: 1024, def: 64, label: 'hidden size', engine: 'hidden' },
  { key: 'layers', group: 'model', type: 'int', min: 1, max: 4, def: 1, label: 'layers', engine: 'layers' },
  { key: 'bidirectional', group: 'model', type: 'bool', def: true, label: 'bidirectional encoder', engine: 'bidirectional' },
  { key: 'attention', group: 'model', type: 'enum', values: ATTENTIONS, def: 'bahdanau', label: 'attention', engine: 'attention' },
  { key: 'attn_size', group: 'model', type: 'int', min: 1, max: 1024, def: 64, label: 'attention size', engine: 'attn_size' },
  { key: 'batch', group: 'train', type: 'int', min: 1, max: 512, def: 32, label: 'batch size', engine: 'batch' },
  { key: 'optim', group: 'train', type: 'enum', values: OPTIMIZERS, def: 'adam', label: 'optimizer', engine: 'optim' },
  { key: 'lr', group: 'train', type: 'number', min: 0, max: 10, exclusiveMin: true, def: 0.003, label: 'learning rate', engine: 'lr' },
  { key: 'clip_norm', group: 'train', type: 'number', min: 0, max: 1e6, def: 5, label: 'gradient norm clip', engine: 'clip_norm' },
  { key: 'sampling_rate', group: 'train', type: 'number', min: 0, max: 1, def: 0, label: 'scheduled sampling rate', engine: 'sampling_rate' },
  { key: 'seed', group: 'train', type: 'int', min: 0, max: 4294967295, def: 1, label: 'seed', engine: 'seed' },
  { key: 'compare', group: 'compare', type: 'bool', def: false, label: 'compare with no attention' },
  { key: 'input', group: 'view', type: 'string', maxLength: 255, def: '', label: 'attention input' },
  { key: 'beam', group: 'view', type: 'int', min: 1, max: 16, def: 4, label: 'beam width' },
  { key: 'alpha', group: 'view', type: 'number', min: 0, max: 2, def: 1, label: 'length normalisation alpha' },
  { key: 'logy', group: 'view', type: 'bool', def: true, label: 'log-scale loss axis' },
  { key: 'views', group: 'view', type: 'list', values: S2S_VIEW_IDS, def: [...S2S_VIEW_IDS], label: 'open views' },
  { key: 'pairs', group: 'data', type: 'text', def: '', label: 'your pairs', switch: 'task', on: 'pairs' },
]);

export const S2S_TABLE = new FieldTable(S2S_FIELDS);

// The table's functions under the names the tests use.
export const s2sField = (key) => S2S_TABLE.field(key);
export const s2sDefaultState = () => S2S_TABLE.defaults();
export const s2sEngineConfig = (state) => S2S_TABLE.engineConfig(state);
export const s2sSameExperiment = (a, b) => S2S_TABLE.sameExperiment(a, b);
export const s2sExperimentFields = (s) => S2S_TABLE.experimentFields(s);
