// The lab's settings: its link table (see shell/field-table.js) — the engine's fields from the catalogue
// (sizes, activation, the matrices and the inputs as text) and the page's own (the step explained, the open
// views). A link whose matrices do not fit its sizes, or hold something that is not a number in range, is
// put right (reshaped, such entries 0) with a notice. No DOM here.
import { CATALOGUE } from '../catalogue.js';
import { perCatalogue } from '../shell/catalogue.js';
import { FieldTable, engineFields } from '../shell/field-table.js';
import { fitMatrices, readMatrix } from './matrix.js';

export const LAB_VIEW_IDS = Object.freeze(['network', 'steps']);

export const labTable = perCatalogue((catalogue) => {
  const engine = catalogue.family('lab') || {};
  const limits = { maxSteps: engine.maxSteps || 16, maxWeight: engine.maxWeight || 100 };
  const fitted = (s) => {
    const changed = fitMatrices(s, limits);
    return changed.length ? `${changed.join(', ')} did not fit the sizes or held numbers out of range; reshaped them (new or unreadable entries are 0)` : '';
  };
  const focusInRange = (s) => {
    const steps = readMatrix(s.inputs).length;
    if (s.focus <= steps) return '';
    s.focus = steps;
    return `focus is beyond the ${steps} input steps; using the last`;
  };
  return new FieldTable([
    ...engineFields(catalogue, 'lab'),
    { key: 'focus', group: 'view', type: 'int', min: 1, max: limits.maxSteps, def: 3, label: 'step explained' },
    { key: 'views', group: 'view', type: 'list', values: LAB_VIEW_IDS, def: [...LAB_VIEW_IDS], label: 'open views' },
  ], { checks: [fitted, focusInRange] });
});

export const LAB_TABLE = labTable(CATALOGUE);
