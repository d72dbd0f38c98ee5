// Loss curves: the training loss of every step (faint), its moving average, and the held-out loss, against
// the training step. A curve can be pinned to compare with the next model.
import { h } from '../../shell/dom.js';
import { LineChart } from '../../ui/charts/line-chart.js';
import { Card } from '../../ui/card.js';

const PIN_COLORS = ['--c-violet', '--c-green', '--c-silver', '--c-pink'];
const MAX_PINS = 4;

export class LossView {
  constructor({ onToggle, onLogY }) {
    this.card = new Card({
      id: 'loss', title: 'Loss', subtitle: 'nats per character', broad: true,
      help: [
        'The training loss is the average surprise (cross-entropy, in nats) of the model at the next character of its training windows: the faint line is every step, the dark line its moving average. ln(vocabulary size) is what guessing uniformly would score; a well-trained small model on English gets to about 1.3–1.6.',
        'The held-out loss is measured on the end of the text, which the model never trains on. When it stops falling while the training loss keeps dropping, the model has started to memorise (overfit).',
        'Perplexity = e^loss: the model is as unsure as if it chose uniformly among that many characters. “Pin” keeps the current curves as a reference for the next model.',
      ],
      onToggle,
    });
    this.canvas = h('canvas', { class: 'chart chart-loss', dataset: { testid: 'loss-chart' }, role: 'img', 'aria-label': 'Loss curves' });
    this.card.body.append(this.canvas);
    this.chart = new LineChart(this.canvas, { xLabel: 'training step', yLabel: 'loss (nats/char)', emptyMessage: 'Press Play (or Space) to start training', primary: 'train', minXSpan: 10 });
    this.chart.addSeries('train', { label: 'train (per step)', color: '--c-blue-soft', width: 1, alpha: 0.45 });
    this.chart.addSeries('smooth', { label: 'train (average)', color: '--c-blue', width: 2 });
    this.chart.addSeries('held', { label: 'held-out', color: '--c-orange', width: 2, markers: true });
    // the memoryless baselines' held-out losses (their labels say their n and k; hidden while off)
    this.chart.addSeries('ngram', { label: 'n-gram, held-out', color: '--c-green', width: 2, dash: [6, 3], markers: true, legend: false });
    this.chart.addSeries('window', { label: 'window network, held-out', color: '--c-violet', width: 2, dash: [2, 2], markers: true, legend: false });
    this.pins = [];

    this.logBox = h('input', { type: 'checkbox', dataset: { testid: 'log-scale' }, onchange: () => onLogY(this.logBox.checked) });
    this.pinBtn = h('button', { type: 'button', class: 'btn btn-small', dataset: { testid: 'pin-loss' }, title: 'Keep these curves to compare with the next model', onclick: () => this.pinCurrent() }, 'Pin');
    this.clearBtn = h('button', { type: 'button', class: 'btn btn-small', dataset: { testid: 'clear-pins-loss' }, hidden: true, onclick: () => this.clearPins() }, 'Clear pins');
    this.card.tools.append(h('label', { class: 'check' }, this.logBox, 'log scale'), this.pinBtn, this.clearBtn);
    this.label = '';
    this.history = null;
  }

  setLogY(on) {
    this.logBox.checked = !!on;
    this.chart.setLogY(on);
  }

  // label: a short description of the model, used when pinning
  setModelLabel(label) {
    this.label = label;
  }

  // Replaces everything with a History.
  setHistory(history) {
    this.history = history;
    const n = history.losses.n;
    const xs = new Float64Array(n);
    for (let i = 0; i < n; i++) xs[i] = history.base + i + 1;
    this.chart.setSeries('train', xs, history.losses.view());
    this.chart.setSeries('smooth', xs, history.smooth.view());
    this.chart.setSeries('held', history.heldOut.map((p) => p[0]), history.heldOut.map((p) => p[1]));
    for (const key of ['ngram', 'window']) {
      const points = history.baselines[key];
      this.chart.setSeries(key, points.map((p) => p[0]), points.map((p) => p[1]));
    }
    this.baselineData();
  }

  // Which baselines are on (state.ngram, state.window: 0 = off): their legend entries name n and k.
  setBaselines(state) {
    this.chart.setSeriesOptions('ngram', { label: `${state.ngram}-gram, held-out`, legend: state.ngram > 0 });
    this.chart.setSeriesOptions('window', { label: `window network (k = ${state.window}), held-out`, legend: state.window > 0 });
  }

  // The last held-out loss of each line, on the chart element for tests and scripts: data-held,
  // data-ngram, data-window ('' when there is none).
  baselineData() {
    const h = this.history;
    const last = (list) => (list.length ? String(list[list.length - 1][1]) : '');
    this.canvas.dataset.held = last(h.heldOut);
    this.canvas.dataset.ngram = last(h.baselines.ngram);
    this.canvas.dataset.window = last(h.baselines.window);
  }

  // New steps appended to the history from index `from` (0-based into history arrays), plus held-out points.
  update(from, heldOut, baselines = []) {
    const hst = this.history;
    for (let i = from; i < hst.losses.n; i++) {
      this.chart.addDataPoint('train', hst.base + i + 1, hst.losses.a[i]);
      this.chart.addDataPoint('smooth', hst.base + i + 1, hst.smooth.a[i]);
    }
    for (const [s, l] of heldOut) this.chart.addDataPoint('held', s, l);
    for (const [s, ngram, window] of baselines) {
      if (ngram !== null) this.chart.addDataPoint('ngram', s, ngram);
      if (window !== null) this.chart.addDataPoint('window', s, window);
    }
    this.baselineData();
  }

  reset() {
    this.chart.reset(['train', 'smooth', 'held', 'ngram', 'window']);
  }

  pinCurrent() {
    const hst = this.history;
    if (!hst || hst.losses.n === 0) return;
    if (this.pins.length >= MAX_PINS) this.removePin(this.pins[0]);
    const id = `pin${Date.now()}`;
    const color = PIN_COLORS[(this.pinCount = (this.pinCount || 0) + 1) % PIN_COLORS.length];
    const n = hst.losses.n;
    const xs = new Float64Array(n);
    for (let i = 0; i < n; i++) xs[i] = hst.base + i + 1;
    this.chart.addSeries(`${id}s`, { label: `pinned: ${this.label}`, color, width: 1.5, dash: [5, 3] });
    this.chart.setSeries(`${id}s`, xs, hst.smooth.view().slice());
    if (hst.heldOut.length) {
      this.chart.addSeries(`${id}h`, { label: '', color, width: 1, dash: [2, 3], legend: false });
      this.chart.setSeries(`${id}h`, hst.heldOut.map((p) => p[0]), hst.heldOut.map((p) => p[1]));
    }
    this.pins.push(id);
    this.clearBtn.hidden = false;
  }

  removePin(id) {
    this.chart.removeSeries(`${id}s`);
    this.chart.removeSeries(`${id}h`);
    this.pins = this.pins.filter((p) => p !== id);
  }

  clearPins() {
    for (const id of [...this.pins]) this.removePin(id);
    this.clearBtn.hidden = true;
  }
}
