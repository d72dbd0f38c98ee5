// Exact-match accuracy on the held-out set, by input length, for the model and (with the comparison on) for
// its fixed-context twin: the same settings with attention 'none', trained in lockstep in the same worker.
// Without attention the whole input must squeeze through one fixed-size state, and long inputs suffer.
import { h } from '../../shell/dom.js';
import { fmtInt } from '../../shell/format.js';
import { LineChart } from '../../ui/charts/line-chart.js';
import { Card } from '../../ui/card.js';

// [{length, right, count}] sorted by length, from evaluated examples {sourceLen, exact}.
export function byLength(examples) {
  const m = new Map();
  for (const e of examples) {
    const b = m.get(e.sourceLen) || { length: e.sourceLen, right: 0, count: 0 };
    b.count++;
    if (e.exact) b.right++;
    m.set(e.sourceLen, b);
  }
  return [...m.values()].sort((a, b) => a.length - b.length);
}

export class LengthView {
  // onCompare(on)
  constructor({ onToggle, onCompare }) {
    this.card = new Card({
      id: 'length', title: 'Accuracy by input length', subtitle: 'with and without attention',
      help: [
        'Each point is the share of held-out examples of that input length (in characters) the model gets exactly right with greedy decoding.',
        'Turn on “compare with no attention” to train a twin beside the model: the same task, sizes, seed and training settings, but attention “none”, so its decoder sees only the encoder’s final state — one fixed-size summary of the whole input. Both train the same number of steps (a twin switched on later first catches up). The fixed-context twin does well on short inputs and falls off on long ones; the attentive model reads what it needs at every step and does not.',
        'The comparison costs about as much training time again. Its loss and exact-match curves also appear, dashed, in the loss & accuracy view.',
      ],
      onToggle,
    });
    this.onCompare = onCompare;
    this.toggle = h('input', { type: 'checkbox', dataset: { testid: 'compare-toggle' }, onchange: (e) => onCompare(e.target.checked) });
    this.card.tools.append(h('label', { class: 'check', title: 'Train a second model without attention in lockstep' }, this.toggle, 'compare with no attention'));
    this.canvas = h('canvas', { class: 'chart', dataset: { testid: 'length-chart' }, role: 'img', 'aria-label': 'Exact-match accuracy by input length' });
    this.chart = new LineChart(this.canvas, { xLabel: 'input length (characters)', yLabel: 'exact match (%)', emptyMessage: 'Waiting for the model…', primary: 'main', fixedY: [-3, 104] });
    this.chart.addSeries('main', { label: 'this model', color: '--c-blue', width: 2, markers: true });
    this.chart.addSeries('twin', { label: 'no attention (twin)', color: '--c-grey', width: 2, dash: [6, 4], markers: true });
    this.summary = h('p', { class: 'readout-line', dataset: { testid: 'length-summary' } });
    this.startBtn = h('button', { type: 'button', class: 'btn btn-small btn-primary', dataset: { testid: 'compare-start' }, onclick: () => onCompare(true) }, 'Compare with no attention');
    this.callout = h('div', { class: 'callout', dataset: { testid: 'compare-callout' } },
      h('p', null, 'How much does attention matter? Train a fixed-context twin (same settings, no attention) in lockstep and see where it breaks down.'),
      this.startBtn);
    this.card.body.append(this.canvas, this.summary, this.callout);
  }

  // compare: the state's toggle; possible: false when the model itself has no attention; modelLabel: e.g.
  // 'Bahdanau attention'
  setCompare(compare, possible, modelLabel) {
    this.toggle.checked = !!compare;
    this.toggle.disabled = !possible && !compare;
    this.toggle.closest('label').title = possible ? 'Train a second model without attention in lockstep' : 'This model has no attention already';
    this.callout.hidden = !!compare || !possible;
    this.chart.setSeriesOptions('main', { label: modelLabel });
    this.chart.setSeriesOptions('twin', { legend: !!compare && possible });
  }

  // main, twin: byLength() buckets (twin may be null); info: {count, step, twinStep, catchingUp}
  update(main, twin, info) {
    // what the chart plots, for tests: `length:right/count` per point (data-main, data-twin; '' when none)
    const points = (buckets) => (buckets || []).map((b) => `${b.length}:${b.right}/${b.count}`).join(' ');
    this.canvas.dataset.main = points(main);
    this.canvas.dataset.twin = points(twin);
    this.chart.setSeries('main', main.map((b) => b.length), main.map((b) => (100 * b.right) / b.count));
    this.chart.setSeries('twin', twin ? twin.map((b) => b.length) : [], twin ? twin.map((b) => (100 * b.right) / b.count) : []);
    const lens = main.map((b) => b.length);
    const per = main.length ? Math.round(info.count / main.length) : 0;
    let text = `${fmtInt(info.count)} held-out examples, lengths ${lens.length ? `${lens[0]}–${lens[lens.length - 1]}` : '–'} (about ${per} per length) · step ${fmtInt(info.step)}`;
    if (twin) text += info.twinStep < info.step ? ` · the twin is catching up (step ${fmtInt(info.twinStep)})` : ' · twin at the same step';
    this.summary.textContent = text;
  }

  reset() {
    this.chart.reset();
    this.canvas.dataset.main = '';
    this.canvas.dataset.twin = '';
    this.summary.textContent = '';
  }
}
