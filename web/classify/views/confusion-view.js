// The confusion matrix on the held-out texts: one row per true class, one column per predicted class, each
// cell the count with its share of the row as the shade (so a perfect model is a dark diagonal).
import { h, clear } from '../../shell/dom.js';
import { fmtInt } from '../../shell/format.js';
import { Card } from '../../ui/card.js';

export class ConfusionView {
  constructor({ onToggle }) {
    this.card = new Card({
      id: 'confusion', title: 'Confusion matrix', subtitle: 'true class × predicted',
      help: [
        'Each row is the class a held-out text really has, each column the class the model gives it (the most likely one). The diagonal counts the right answers; everything off it is a mistake, and where it sits says which classes the model mixes up.',
        'A cell is shaded by its share of its row.',
      ],
      onToggle,
    });
    this.summary = h('p', { class: 'readout-line', dataset: { testid: 'cls-confusion-summary' } });
    this.table = h('table', { class: 'confusion', dataset: { testid: 'cls-confusion' } });
    this.placeholder = h('p', { class: 'placeholder' }, 'Waiting for the model…');
    this.card.body.append(this.summary, this.placeholder, h('div', { class: 'table-scroll' }, this.table));
  }

  // {accuracy, count, confusion [C*C], step}, labels
  update(r, labels) {
    this.placeholder.hidden = true;
    const C = labels.length;
    this.summary.textContent = `Step ${fmtInt(r.step)}: ${fmtInt(Math.round(r.accuracy * r.count))} of ${fmtInt(r.count)} held-out texts right (${(r.accuracy * 100).toFixed(1)}%).`;
    clear(this.table);
    this.table.append(h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'true ↓ · predicted →'), labels.map((l) => h('th', { scope: 'col' }, l)))));
    const body = h('tbody');
    for (let t = 0; t < C; t++) {
      let row = 0;
      for (let p = 0; p < C; p++) row += r.confusion[t * C + p];
      const cells = [];
      for (let p = 0; p < C; p++) {
        const n = r.confusion[t * C + p], share = row ? n / row : 0;
        const cell = h('td', { class: `num${t === p ? ' diag' : ''}`, dataset: { testid: 'cls-confusion-cell', row: String(t), col: String(p) }, title: `${labels[t]} predicted as ${labels[p]}: ${fmtInt(n)} (${(share * 100).toFixed(1)}% of ${labels[t]})` }, fmtInt(n));
        cell.style.setProperty('--share', `${Math.round(share * 55)}%`);  // at most a light shade: the count stays readable
        cells.push(cell);
      }
      body.append(h('tr', null, h('th', { scope: 'row' }, labels[t]), cells));
    }
    this.table.append(body);
  }

  reset() {
    this.placeholder.hidden = false;
    this.summary.textContent = '';
    clear(this.table);
  }
}
