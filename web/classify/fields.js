// The classifier's settings: its link table (see shell/field-table.js) — the engine's experiment fields from
// the catalogue (task and data, model, training), then the page's own. No DOM here.
import { perCatalogue } from '../shell/catalogue.js';
import { FieldTable, engineFields } from '../shell/field-table.js';

export const CLS_VIEW_IDS = Object.freeze(['learning', 'decision', 'confusion', 'heldout']);
// What ClassifySession.configure reads.
export const CLS_CONFIG_GROUPS = Object.freeze(['data', 'model', 'train']);

export const classifyTable = perCatalogue((catalogue) => new FieldTable([
  ...engineFields(catalogue, 'classify'),
  { key: 'input', group: 'view', type: 'string', maxLength: 500, def: '', label: 'text to watch' },
  { key: 'views', group: 'view', type: 'list', values: CLS_VIEW_IDS, def: [...CLS_VIEW_IDS], label: 'open views' },
  { key: 'pairs', group: 'data', type: 'text', def: '', label: 'your examples', switch: 'task', on: 'pairs' },
], { checks: [lengthsInOrder] }));

// The shortest string cannot be longer than the longest: swapped, as the link's author surely meant.
function lengthsInOrder(s) {
  if (s.min_len <= s.max_len) return '';
  [s.min_len, s.max_len] = [s.max_len, s.min_len];
  return `min_len was above max_len; swapped them (${s.min_len} to ${s.max_len})`;
}
