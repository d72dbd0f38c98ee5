// The char LM's settings: its link table (see shell/field-table.js) and the names the rest of the page
// and the tests use for it. No DOM here.
import { CELLS, OPTIMIZERS } from '../shell/cells.js';
import { FieldTable } from '../shell/field-table.js';
import { PRESET_IDS } from './presets.js';

export const VIEW_IDS = Object.freeze(['loss', 'samples', 'predict', 'states', 'gates', 'neuron', 'gradients']);
// What the state heatmap shows: the hidden state, the cell state, or one gate block (by its letter).
export const HEAT_SOURCES = Object.freeze(['h', 'c', 'i', 'f', 'g', 'o', 'r', 'z', 'n']);

// group: 'data' and 'model' and 'train' fields define the experiment (changing one re-initialises the model);
// 'sample' and 'view' fields only change what is shown. engine: the key in the engine's config JSON.
export const FIELDS = Object.freeze([
  { key: 'preset', group: 'data', type: 'enum', values: [...PRESET_IDS, 'custom'], def: 'shakespeare', label: 'text' },
  { key: 'holdout', group: 'data', type: 'number', min: 0, max: 0.5, def: 0.1, label: 'held-out fraction' },
  { key: 'cell', group: 'model', type: 'enum', values: CELLS, def: 'lstm', label: 'cell', engine: 'cell' },
  { key: 'hidden', group: 'model', type: 'int', min: 1, max: 2048, def: 128, label: 'hidden size', engine: 'hidden' },
  { key: 'layers', group: 'model', type: 'int', min: 1, max: 4, def: 1, label: 'layers', engine: 'layers' },
  { key: 'embed', group: 'model', type: 'int', min: 0, max: 2048, def: 0, label: 'embedding size (0 = one-hot)', engine: 'embed' },
  { key: 'seq', group: 'train', type: 'int', min: 1, max: 1024, def: 64, label: 'sequence length', engine: 'seq' },
  { key: 'batch', group: 'train', type: 'int', min: 1, max: 1024, def: 16, label: 'batch size', engine: 'batch' },
  { key: 'optim', group: 'train', type: 'enum', values: OPTIMIZERS, def: 'adam', label: 'optimizer', engine: 'optim' },
  { key: 'lr', group: 'train', type: 'number', min: 0, max: 10, exclusiveMin: true, def: 0.003, label: 'learning rate', engine: 'lr' },
  { key: 'momentum', group: 'train', type: 'number', min: 0, max: 0.9999, def: 0.9, label: 'momentum', engine: 'momentum' },
  { key: 'nesterov', group: 'train', type: 'bool', def: false, label: 'Nesterov momentum', engine: 'nesterov' },
  { key: 'weight_decay', group: 'train', type: 'number', min: 0, max: 1, def: 0, label: 'weight decay', engine: 'weight_decay' },
  { key: 'lr_gamma', group: 'train', type: 'number', min: 0, max: 1, exclusiveMin: true, def: 1, label: 'learning-rate decay factor', engine: 'lr_gamma' },
  { key: 'lr_every', group: 'train', type: 'int', min: 1, max: 1e9, def: 1000, label: 'learning-rate decay period', engine: 'lr_every' },
  { key: 'clip_norm', group: 'train', type: 'number', min: 0, max: 1e6, def: 5, label: 'gradient norm clip', engine: 'clip_norm' },
  { key: 'clip_value', group: 'train', type: 'number', min: 0, max: 1e6, def: 0, label: 'gradient value clip', engine: 'clip_value' },
  { key: 'reset_state', group: 'train', type: 'bool', def: false, label: 'reset state every window', engine: 'reset_state' },
  { key: 'seed', group: 'train', type: 'int', min: 0, max: 4294967295, def: 1, label: 'seed', engine: 'seed' },
  { key: 'temp', group: 'sample', type: 'number', min: 0.05, max: 5, def: 0.8, label: 'temperature' },
  { key: 'topk', group: 'sample', type: 'int', min: 0, max: 65536, def: 0, label: 'top-k (0 = all)' },
  { key: 'greedy', group: 'sample', type: 'bool', def: false, label: 'greedy' },
  { key: 'slen', group: 'sample', type: 'int', min: 1, max: 2000, def: 300, label: 'sample length' },
  { key: 'prime', group: 'sample', type: 'string', maxLength: 200, def: '', label: 'priming text' },
  { key: 'probe', group: 'view', type: 'string', maxLength: 400, def: '', label: 'probe text' },
  { key: 'layer', group: 'view', type: 'int', min: 0, max: 3, def: 0, label: 'inspected layer' },
  { key: 'unit', group: 'view', type: 'int', min: 0, max: 2047, def: 0, label: 'inspected unit' },
  { key: 'heat', group: 'view', type: 'enum', values: HEAT_SOURCES, def: 'h', label: 'heatmap source' },
  { key: 'logy', group: 'view', type: 'bool', def: true, label: 'log-scale loss axis' },
  { key: 'views', group: 'view', type: 'list', values: VIEW_IDS, def: [...VIEW_IDS], label: 'open views' },
  { key: 'text', group: 'data', type: 'text', def: '', label: 'custom text', switch: 'preset', on: 'custom' },
]);

export const TABLE = new FieldTable(FIELDS);

// The table's functions under the names the tests and the browser harness use.
export const field = (key) => TABLE.field(key);
export const defaultState = () => TABLE.defaults();
export const engineConfig = (state) => TABLE.engineConfig(state);
export const sameExperiment = (a, b) => TABLE.sameExperiment(a, b);
