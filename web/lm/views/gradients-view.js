// Gradient flow: how much gradient reaches each step of the last training window, ||dL/dh(t)||, and how much
// the first character of the probe text still moves each later state, ||dh(t)/dx(1)||, both on log scales.
// Pin the curves of one model (say, a vanilla RNN) and train another (an LSTM) to compare them.
import { h } from '../../shell/dom.js';
import { LineChart } from '../../ui/charts/line-chart.js';
import { Card } from '../../ui/card.js';

const LAYER_COLORS = ['--c-blue', '--c-orange', '--c-green', '--c-violet'];
const PIN_COLORS = ['--c-grey', '--c-pink', '--c-cyan'];
const MAX_PINS = 3;

export class GradientsView {
  constructor({ onToggle }) {
    this.card = new Card({
      id: 'gradients', title: 'Gradient flow', subtitle: 'vanishing or preserved?', wide: true, broad: true,
      help: [
        'Left: the size of the gradient of the window’s loss with respect to each hidden state, ||dL/dh(t)||, over the last training window (t = 1 is its first character). Every step adds its own loss, so the curve rises towards the start only if gradient from later steps survives the trip back.',
        'Right: the sensitivity ||dh(t)/dx(1)|| — how much the state after t characters of the probe text still depends on the very first character, measured exactly by forward-mode differentiation. In a vanilla tanh RNN it typically falls exponentially (a straight line down on this log scale): the vanishing gradient. An LSTM’s cell state lets it fall much more slowly.',
        'Press “Pin” to keep the current curves, then change the cell and train again to compare on the same text.',
      ],
      onToggle,
    });
    this.flowCanvas = h('canvas', { class: 'chart', dataset: { testid: 'gradient-flow-chart' }, role: 'img', 'aria-label': 'Gradient norm over the training window' });
    this.sensCanvas = h('canvas', { class: 'chart', dataset: { testid: 'sensitivity-chart' }, role: 'img', 'aria-label': 'Sensitivity to the first character over the probe text' });
    this.card.body.append(h('div', { class: 'two-charts' },
      h('figure', null, this.flowCanvas, h('figcaption', null, '‖dL/dh(t)‖ over the last training window')),
      h('figure', null, this.sensCanvas, h('figcaption', null, '‖dh(t)/dx(1)‖ over the probe text'))));
    this.flow = new LineChart(this.flowCanvas, { xLabel: 't (step in the window)', yLabel: '‖dL/dh(t)‖', logY: true, emptyMessage: 'Train at least one step' });
    this.sens = new LineChart(this.sensCanvas, { xLabel: 't (characters read)', yLabel: '‖dh(t)/dx(1)‖', logY: true, emptyMessage: 'Waiting for the model…' });
    this.pinBtn = h('button', { type: 'button', class: 'btn btn-small', dataset: { testid: 'pin-gradients' }, title: 'Keep these curves to compare with the next model', onclick: () => this.pinCurrent() }, 'Pin');
    this.clearBtn = h('button', { type: 'button', class: 'btn btn-small', dataset: { testid: 'clear-pins-gradients' }, hidden: true, onclick: () => this.clearPins() }, 'Clear pins');
    this.card.tools.append(this.pinBtn, this.clearBtn);
    this.layers = 0;
    this.pins = [];
    this.label = '';
    this.last = null;
  }

  setModelLabel(label) {
    this.label = label;
  }

  ensureSeries(L) {
    if (this.layers === L) return;
    for (let l = 0; l < this.layers; l++) {
      this.flow.removeSeries(`l${l}`);
      this.sens.removeSeries(`l${l}`);
    }
    for (let l = 0; l < L; l++) {
      const opts = { label: L > 1 ? `layer ${l + 1}` : 'current model', color: LAYER_COLORS[l], width: 2 };
      this.flow.addSeries(`l${l}`, opts);
      this.sens.addSeries(`l${l}`, opts);
    }
    this.layers = L;
  }

  update(probe) {
    this.ensureSeries(probe.L);
    const flowSteps = probe.flowSteps;
    const trained = probe.gradientFlow && probe.gradientFlow.some((v) => v > 0);
    const sensSteps = probe.sensitivitySteps;
    const xsFlow = Array.from({ length: flowSteps }, (_, t) => t + 1);
    const xsSens = Array.from({ length: sensSteps }, (_, t) => t + 1);
    this.last = { L: probe.L, flow: [], sens: [] };
    for (let l = 0; l < probe.L; l++) {
      const f = trained ? probe.gradientFlow.slice(l * flowSteps, (l + 1) * flowSteps) : new Float32Array(0);
      const s = probe.sensitivity ? probe.sensitivity.slice(l * sensSteps, (l + 1) * sensSteps) : new Float32Array(0);
      this.flow.setSeries(`l${l}`, trained ? xsFlow : [], f);
      this.sens.setSeries(`l${l}`, probe.sensitivity ? xsSens : [], s);
      this.last.flow.push([trained ? xsFlow : [], f]);
      this.last.sens.push([probe.sensitivity ? xsSens : [], s]);
    }
    // The top layer's values (t = 1 first) and the step they are of, for tests and scripts (web/TESTIDS.md).
    const top = probe.L - 1;
    this.mark(this.flowCanvas, probe.step, this.last.flow[top][1]);
    this.mark(this.sensCanvas, probe.step, this.last.sens[top][1]);
  }

  mark(canvas, step, values) {
    canvas.dataset.step = String(step);
    canvas.dataset.values = Array.from(values, (v) => v.toPrecision(3)).join(' ');
  }

  pinCurrent() {
    if (!this.last) return;
    if (this.pins.length >= MAX_PINS) this.removePin(this.pins[0]);
    const id = `pin${(this.pinCount = (this.pinCount || 0) + 1)}`;
    const color = PIN_COLORS[this.pinCount % PIN_COLORS.length];
    // the top layer is the one the output reads from; pin that
    const l = this.last.L - 1;
    const opts = { label: `pinned: ${this.label}`, color, width: 1.5, dash: [5, 3] };
    this.flow.addSeries(id, opts);
    this.flow.setSeries(id, this.last.flow[l][0], this.last.flow[l][1]);
    this.sens.addSeries(id, opts);
    this.sens.setSeries(id, this.last.sens[l][0], this.last.sens[l][1]);
    this.pins.push(id);
    this.clearBtn.hidden = false;
  }

  removePin(id) {
    this.flow.removeSeries(id);
    this.sens.removeSeries(id);
    this.pins = this.pins.filter((p) => p !== id);
  }

  clearPins() {
    for (const id of [...this.pins]) this.removePin(id);
    this.clearBtn.hidden = true;
  }

  reset() {
    for (let l = 0; l < this.layers; l++) {
      this.flow.reset([`l${l}`]);
      this.sens.reset([`l${l}`]);
    }
    for (const canvas of [this.flowCanvas, this.sensCanvas]) {
      delete canvas.dataset.step;
      delete canvas.dataset.values;
    }
    this.last = null;
  }
}
