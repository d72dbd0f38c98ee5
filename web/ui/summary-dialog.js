// The model summary on screen (web/shell/model-summary.js gives the numbers): a modal table of every
// parameter tensor under its module, with shapes, counts, each module's subtotal and the total. Text only.
import { h, clear } from '../shell/dom.js';
import { fmtBytes, fmtInt } from '../shell/format.js';

let shared = null;

export class SummaryDialog {
  static get() {
    shared ||= new SummaryDialog();
    return shared;
  }

  constructor() {
    this.title = h('h2', { class: 'summary-title' });
    this.table = h('table', { class: 'summary-table' });
    this.total = h('p', { class: 'summary-total', dataset: { testid: 'summary-total' } });
    const close = h('button', { type: 'button', class: 'btn btn-small', dataset: { testid: 'summary-close' }, onclick: () => this.el.close() }, 'Close');
    this.el = h('dialog', { class: 'summary-dialog', dataset: { testid: 'model-summary' } },
      h('div', { class: 'summary-head' }, this.title, close), h('div', { class: 'summary-scroll' }, this.table), this.total);
    this.el.addEventListener('click', (e) => { if (e.target === this.el) this.el.close(); });  // a click outside it
    document.body.append(this.el);
  }

  // summary: modelSummary(bytes); title: what the model is ("LSTM, 2 × 128, step 1,200").
  show(summary, title) {
    this.title.textContent = title;
    clear(this.table);
    this.table.append(h('thead', null, h('tr', null, h('th', null, 'Parameter'), h('th', null, 'Shape'), h('th', { class: 'num' }, 'Count'))));
    const body = h('tbody');
    for (const m of summary.modules) {
      body.append(h('tr', { class: 'summary-module' }, h('td', null, m.module), h('td'), h('td', { class: 'num' }, fmtInt(m.params))));
      for (const r of summary.rows.filter((row) => row.module === m.module)) {
        body.append(h('tr', { dataset: { testid: 'summary-row' } },
          h('td', { class: 'summary-name' }, r.name), h('td', { class: 'mono' }, `[${r.shape.join(', ')}]`), h('td', { class: 'num' }, fmtInt(r.params))));
      }
    }
    this.table.append(body);
    this.total.textContent = `Total: ${fmtInt(summary.total)} trainable parameters, ${fmtBytes(summary.bytes)} as float32.`;
    if (!this.el.open) this.el.showModal();
  }
}
