// The memoryless baselines' switches (the Baselines section of the sidebar): a smoothed n-gram model of
// order n and a feed-forward network over the last k characters, each on or off, drawn as labelled lines
// on the loss chart beside the RNN's held-out loss. Off is 0 in the link (fields `ngram` and `window`); the
// order last chosen comes back when a switch is turned on again. testids: ctl-ngram-on, ctl-ngram,
// ctl-window-on, ctl-window, and the reason a setting was refused under it (ctl-ngram-error, ...).
import { h } from '../shell/dom.js';

const ROWS = [
  { key: 'ngram', label: 'n-gram model', unit: 'n', title: 'A character n-gram model counted from the training split, smoothed by interpolated Witten-Bell: it sees the last n − 1 characters and nothing before', def: 5 },
  { key: 'window', label: 'window network', unit: 'k', title: 'A feed-forward network over the last k characters (embedding → tanh layer → softmax), trained on the RNN\'s batches with its optimizer', def: 8 },
];

export class BaselinePanel {
  // onChange(key, raw); fields: the table's ngram and window fields (their bounds)
  constructor({ onChange, fields }) {
    this.rows = new Map();
    this.el = h('div', { class: 'fields baselines' });
    for (const row of ROWS) {
      const f = fields[row.key];
      const on = h('input', { type: 'checkbox', dataset: { testid: `ctl-${row.key}-on` }, onchange: () => onChange(row.key, on.checked ? select.value : '0') });
      const select = h('select', { dataset: { testid: `ctl-${row.key}` }, 'aria-label': `${row.label}: ${row.unit}`, onchange: () => onChange(row.key, select.value) },
        Array.from({ length: f.max }, (_, i) => h('option', { value: String(i + 1) }, `${row.unit} = ${i + 1}`)));
      select.value = String(row.def);
      const error = h('p', { class: 'field-error', role: 'alert', hidden: true, dataset: { testid: `ctl-${row.key}-error` } });
      this.el.append(h('div', { class: 'field field-baseline', title: row.title },
        h('label', { class: 'check' }, on, h('span', null, row.label)), select), error);
      this.rows.set(row.key, { on, select, error });
    }
    this.el.append(h('p', { class: 'note' }, 'Memoryless: each sees a fixed number of characters back, the RNN its whole past. An unsmoothed n-gram model gives a character it never saw after a context probability 0, so its held-out loss is infinite; this one is smoothed.'));
  }

  setValues(state) {
    for (const [key, { on, select, error }] of this.rows) {
      const v = state[key];
      on.checked = v > 0;
      if (v > 0) select.value = String(v);
      select.disabled = !(v > 0);
      error.hidden = true;
    }
  }

  // The engine refused a setting: why, under it.
  markInvalid(key, message) {
    const row = this.rows.get(key);
    if (!row) return false;
    row.error.textContent = message;
    row.error.hidden = false;
    return true;
  }
}
