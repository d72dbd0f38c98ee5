// Held-out texts with the model's class probabilities: the true label, the predicted one, and a bar per class
// (web/ui/examples-table.js).
import { h } from '../../shell/dom.js';
import { fmtInt } from '../../shell/format.js';
import { ExamplesTable } from '../../ui/examples-table.js';
import { classColor } from './class-colors.js';

export class ExamplesView {
  constructor({ onToggle }) {
    this.table = new ExamplesTable({
      card: {
        id: 'heldout', title: 'Held-out examples', subtitle: 'class probabilities', onToggle,
        help: [
          'Texts the model never trained on, with the probability it gives each class. The prediction is the most likely class; a red mark on the left is a mistake. Tick “errors only” to see what it still gets wrong.',
        ],
      },
      testid: (name) => (name === 'row' ? 'cls-example-row' : `cls-examples-${name}`),
      columns: [{ label: '#', class: 'num' }, { label: 'text' }, { label: 'label' }, { label: 'predicted', class: 'cls-predicted' },
        { label: 'probabilities' }],
      rowKey: 'right',
    });
    this.table.onFilter = () => this.render();
    this.card = this.table.card;
    this.result = null;
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
    const C = this.classes.length;
    const rows = r.texts.map((text, i) => {
      let best = 0;
      for (let c = 1; c < C; c++) if (r.probs[i * C + c] > r.probs[i * C + best]) best = c;
      const probs = Array.from(r.probs.subarray(i * C, (i + 1) * C));
      const bars = h('div', { class: 'cls-bars' }, probs.map((p, c) => h('div', { class: 'cls-bar', title: `${this.classes[c]} ${(p * 100).toFixed(1)}%` },
        h('span', { class: 'cls-bar-label' }, this.classes[c]),
        h('span', { class: 'cls-bar-track' }, h('span', { class: 'cls-bar-fill', style: { width: `${(p * 100).toFixed(1)}%`, background: `var(${classColor(c)})` } })),
        h('span', { class: 'cls-bar-value' }, `${(p * 100).toFixed(0)}%`))));
      const predicted = this.classes[best];
      return { right: r.labels[i] === predicted, cells: [h('td', { class: 'mono' }, text), h('td', null, r.labels[i]),
        h('td', { class: 'cls-predicted' }, predicted), h('td', null, bars)] };
    });
    const right = rows.filter((x) => x.right).length;
    this.table.show(`Step ${fmtInt(r.step)}: ${fmtInt(right)} of ${fmtInt(rows.length)} held-out texts right (${(r.accuracy * 100).toFixed(1)}%), mean loss ${r.loss.toFixed(3)} nats.`, rows);
  }

  reset() {
    this.result = null;
    this.table.reset();
  }
}
