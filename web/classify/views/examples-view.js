// Held-out texts with the model's class probabilities: the true label, the predicted one, and a bar per class.
// Built with textContent only: texts and labels are data, never markup.
import { h, clear } from '../../shell/dom.js';
import { fmtInt } from '../../shell/format.js';
import { Card } from '../../ui/card.js';
import { classColor } from './class-colors.js';

const ROWS = 40;

export class ExamplesView {
  constructor({ onToggle }) {
    this.card = new Card({
      id: 'heldout', title: 'Held-out examples', subtitle: 'class probabilities', wide: true,
      help: [
        'Texts the model never trained on, with the probability it gives each class. The prediction is the most likely class; a red mark on the left is a mistake. Tick “errors only” to see what it still gets wrong.',
      ],
      onToggle,
    });
    this.errorsOnly = h('input', { type: 'checkbox', dataset: { testid: 'cls-examples-errors-only' }, onchange: () => this.render() });
    this.card.tools.append(h('label', { class: 'check' }, this.errorsOnly, 'errors only'));
    this.summary = h('p', { class: 'readout-line', dataset: { testid: 'cls-examples-summary' } });
    this.body = h('tbody');
    this.table = h('table', { class: 'examples', dataset: { testid: 'cls-examples-table' } },
      h('thead', null, h('tr', null,
        h('th', { scope: 'col', class: 'num' }, '#'),
        h('th', { scope: 'col' }, 'text'),
        h('th', { scope: 'col' }, 'label'),
        h('th', { scope: 'col', class: 'cls-predicted' }, 'predicted'),
        h('th', { scope: 'col' }, 'probabilities'))),
      this.body);
    this.placeholder = h('p', { class: 'placeholder' }, 'Waiting for the model…');
    this.scroller = h('div', { class: 'table-scroll' }, this.table);
    this.card.body.append(this.summary, this.placeholder, this.scroller);
    this.reset();
  }

  // r: {texts, labels (true), probs [n*C], accuracy, count, step}; classes: the model's labels
  update(r, classes) {
    this.result = r;
    this.classes = classes;
    this.render();
  }

  render() {
    const r = this.result;
    if (!r) return;
    this.placeholder.hidden = true;
    this.scroller.hidden = false;
    const C = this.classes.length;
    const rows = r.texts.map((text, i) => {
      let best = 0;
      for (let c = 1; c < C; c++) if (r.probs[i * C + c] > r.probs[i * C + best]) best = c;
      return { i, text, label: r.labels[i], predicted: this.classes[best], probs: Array.from(r.probs.subarray(i * C, (i + 1) * C)) };
    });
    const wrong = rows.filter((x) => x.label !== x.predicted);
    this.summary.textContent = `Step ${fmtInt(r.step)}: ${fmtInt(rows.length - wrong.length)} of ${fmtInt(rows.length)} held-out texts right (${(r.accuracy * 100).toFixed(1)}%), mean loss ${r.loss.toFixed(3)} nats.`;
    const shown = (this.errorsOnly.checked ? wrong : rows).slice(0, ROWS);
    clear(this.body);
    if (!shown.length) {
      this.body.append(h('tr', null, h('td', { colspan: 5, class: 'placeholder' }, this.errorsOnly.checked ? 'No errors on the held-out set.' : 'No held-out examples.')));
      return;
    }
    for (const x of shown) {
      const bars = h('div', { class: 'cls-bars' }, x.probs.map((p, c) => h('div', { class: 'cls-bar', title: `${this.classes[c]} ${(p * 100).toFixed(1)}%` },
        h('span', { class: 'cls-bar-label' }, this.classes[c]),
        h('span', { class: 'cls-bar-track' }, h('span', { class: 'cls-bar-fill', style: { width: `${(p * 100).toFixed(1)}%`, background: `var(${classColor(c)})` } })),
        h('span', { class: 'cls-bar-value' }, `${(p * 100).toFixed(0)}%`))));
      const ok = x.label === x.predicted;
      this.body.append(h('tr', { class: ok ? 'ex-ok' : 'ex-bad', dataset: { testid: 'cls-example-row', right: String(ok) } },
        h('td', { class: 'num' }, String(x.i + 1)),
        h('td', { class: 'mono' }, x.text),
        h('td', null, x.label),
        h('td', { class: 'cls-predicted' }, x.predicted),
        h('td', null, bars)));
    }
    const total = this.errorsOnly.checked ? wrong.length : rows.length;
    if (total > shown.length) this.body.append(h('tr', null, h('td', { colspan: 5, class: 'more' }, `… and ${fmtInt(total - shown.length)} more`)));
  }

  reset() {
    this.result = null;
    this.placeholder.hidden = false;
    this.scroller.hidden = true;
    this.summary.textContent = '';
    clear(this.body);
  }
}
