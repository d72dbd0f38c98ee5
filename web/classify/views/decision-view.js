// The decision forming over time: the class probabilities after each character of a text the user types,
// one line per class against the characters read, with the text under the chart (each character coloured by
// the class the model favours once it has read it). The model reads every prefix on its own, so what it
// says after a character never depends on what follows it.
import { h, clear } from '../../shell/dom.js';
import { LineChart } from '../../ui/charts/line-chart.js';
import { Card } from '../../ui/card.js';
import { classColor } from './class-colors.js';

export class DecisionView {
  // onInput(text), onDefault()
  constructor({ onToggle, onInput, onDefault }) {
    this.card = new Card({
      id: 'decision', title: 'The decision over time', subtitle: 'class probabilities after each character', wide: true,
      help: [
        'Type a text: the chart shows, after each character, the probability the model gives each class when the text ends there. This is how a many-to-one model reads: its summary of the text so far changes with every character, and the classifier reads that summary.',
        'Each prefix is read on its own (also by a bidirectional model), so a point never depends on the characters after it. The characters under the chart are tinted by the class the model favours after reading them.',
      ],
      onToggle,
    });
    this.input = h('input', { type: 'text', class: 'mono', maxlength: 500, dataset: { testid: 'cls-decision-input' }, 'aria-label': 'A text to classify', spellcheck: false, oninput: () => onInput(this.input.value) });
    this.defaultBtn = h('button', { type: 'button', class: 'btn btn-small', dataset: { testid: 'cls-decision-default' }, onclick: () => onDefault() }, 'Example');
    this.canvas = h('canvas', { class: 'chart', dataset: { testid: 'cls-decision-chart' }, role: 'img', 'aria-label': 'Class probabilities after each character' });
    this.chars = h('p', { class: 'cls-chars mono', dataset: { testid: 'cls-decision-text' } });
    this.readout = h('p', { class: 'readout-line', dataset: { testid: 'cls-decision-readout' } });
    this.note = h('p', { class: 'note', dataset: { testid: 'cls-decision-note' } });
    this.card.body.append(h('div', { class: 'controls-row' }, this.input, this.defaultBtn), this.canvas, this.chars, this.readout, this.note);
    this.chart = new LineChart(this.canvas, { xLabel: 'characters read', yLabel: 'probability (%)', emptyMessage: 'Type a text above', fixedY: [-3, 104], minXSpan: 5 });
    this.labels = [];
    this.result = null;
  }

  setInput(text, placeholder) {
    if (document.activeElement !== this.input) this.input.value = text;
    this.input.placeholder = placeholder || '';
  }

  setNote(text) {
    this.note.textContent = text || '';
  }

  setLabels(labels) {
    if (JSON.stringify(labels) === JSON.stringify(this.labels)) return;
    for (const l of this.labels) this.chart.removeSeries(`c${this.labels.indexOf(l)}`);
    this.labels = [...labels];
    labels.forEach((l, i) => this.chart.addSeries(`c${i}`, { label: l, color: classColor(i), width: 2, markers: labels.length <= 3 }));
  }

  // {text, probs [n*C], labels, step}
  update(r) {
    this.result = r;
    this.setLabels(r.labels);
    const chars = Array.from(r.text), C = r.labels.length, n = chars.length;
    const xs = Array.from({ length: n }, (_, i) => i + 1);
    r.labels.forEach((_, c) => this.chart.setSeries(`c${c}`, xs, xs.map((x) => 100 * r.probs[(x - 1) * C + c])));
    clear(this.chars);
    chars.forEach((ch, i) => {
      let best = 0;
      for (let c = 1; c < C; c++) if (r.probs[i * C + c] > r.probs[i * C + best]) best = c;
      const p = r.probs[i * C + best];
      const span = h('span', { class: 'cls-char', dataset: { cls: String(best) }, title: `after “${chars.slice(0, i + 1).join('')}”: ${r.labels[best]} ${(p * 100).toFixed(1)}%` }, ch === ' ' ? '\u00a0' : ch);
      // the tint grows from none (all classes equally likely) to full (certain); CSSOM, as the page's CSP allows
      span.style.setProperty('--tint', `var(${classColor(best)})`);
      span.style.setProperty('--alpha', `${Math.round(Math.max(0, (p - 1 / C) / (1 - 1 / C)) * 100)}%`);
      this.chars.append(span);
    });
    const last = (c) => r.probs[(n - 1) * C + c];
    const order = r.labels.map((l, c) => [l, last(c)]).sort((a, b) => b[1] - a[1]);
    this.readout.textContent = `Step ${r.step}: “${r.text}” → ${order.map(([l, p]) => `${l} ${(p * 100).toFixed(1)}%`).join(' · ')}`;
  }

  reset() {
    this.result = null;
    for (let c = 0; c < this.labels.length; c++) this.chart.setSeries(`c${c}`, [], []);
    clear(this.chars);
    this.readout.textContent = '';
  }
}
