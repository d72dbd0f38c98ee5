// A card of held-out examples for the families that learn from examples (seq2seq, the classifier; the tagger
// and the forecaster next): a summary line, an "errors only" box, and a table of up to 40 rows (right ones
// and mistakes marked), then "… and N more". The family says the columns and fills a row's cells. Built with
// textContent only: every text is data, never markup.
import { h, clear } from '../shell/dom.js';
import { fmtInt } from '../shell/format.js';
import { Card } from './card.js';

const ROWS = 40;

export class ExamplesTable {
  // card: the Card's options (id, title, subtitle, help, onToggle); testid(name): 'errors-only', 'summary',
  // 'table', 'row' -> the family's testids; columns: [{label, class?, title?}]; rowKey: the row's dataset key
  // that says right or wrong ('exact', 'right').
  constructor({ card, testid, columns, rowKey }) {
    this.card = new Card({ ...card, wide: true });
    this.testid = testid;
    this.rowKey = rowKey;
    this.columns = columns.length;
    this.errorsOnly = h('input', { type: 'checkbox', dataset: { testid: testid('errors-only') }, onchange: () => this.onFilter() });
    this.card.tools.append(h('label', { class: 'check' }, this.errorsOnly, 'errors only'));
    this.summary = h('p', { class: 'readout-line', dataset: { testid: testid('summary') } });
    this.body = h('tbody');
    this.table = h('table', { class: 'examples', dataset: { testid: testid('table') } },
      h('thead', null, h('tr', null, columns.map((c) => h('th', { scope: 'col', class: c.class, title: c.title }, c.label)))),
      this.body);
    this.placeholder = h('p', { class: 'placeholder' }, 'Waiting for the model…');
    this.scroller = h('div', { class: 'table-scroll' }, this.table);
    this.card.body.append(this.summary, this.placeholder, this.scroller);
    this.onFilter = () => {};
    this.reset();
  }

  // rows: [{right, cells: [td, ...]}] in held-out order (the row number is added); summary: the line above.
  show(summary, rows) {
    this.placeholder.hidden = true;
    this.scroller.hidden = false;
    this.summary.textContent = summary;
    const kept = rows.map((r, i) => [r, i]).filter(([r]) => !this.errorsOnly.checked || !r.right);
    const shown = kept.slice(0, ROWS);
    clear(this.body);
    if (!shown.length) {
      this.body.append(h('tr', null, h('td', { colspan: this.columns, class: 'placeholder' }, this.errorsOnly.checked ? 'No errors on the held-out set.' : 'No held-out examples.')));
      return;
    }
    for (const [r, i] of shown)
      this.body.append(h('tr', { class: r.right ? 'ex-ok' : 'ex-bad', dataset: { testid: this.testid('row'), [this.rowKey]: String(!!r.right) } },
        h('td', { class: 'num' }, String(i + 1)), ...r.cells));
    if (kept.length > shown.length) this.body.append(h('tr', null, h('td', { colspan: this.columns, class: 'more' }, `… and ${fmtInt(kept.length - shown.length)} more`)));
  }

  reset() {
    this.placeholder.hidden = false;
    this.scroller.hidden = true;
    this.summary.textContent = '';
    clear(this.body);
  }
}
