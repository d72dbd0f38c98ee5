// Gates and cell state: the distribution of every gate's activations over the probe text, with the share of
// saturated values (a sigmoid gate below 0.1 or above 0.9 is nearly shut or fully open), and the size of
// the cell state.
import { h, clear } from '../../shell/dom.js';
import { Histogram } from '../../ui/charts/histogram.js';
import { Card } from '../../ui/card.js';

export class GatesView {
  constructor({ onToggle }) {
    this.card = new Card({
      id: 'gates', title: 'Gates & cell state', subtitle: 'activation histograms',
      help: [
        'Each histogram counts the values one gate takes over all units and all characters of the probe text, in the chosen layer. Orange bars are saturated: a sigmoid gate below 0.1 is (almost) shut, above 0.9 (almost) fully open; a tanh candidate beyond ±0.9 is at its limit, where its gradient all but vanishes.',
        'An LSTM that has learned to remember shows forget gates piled up near 1. A vanilla RNN has no gates: its histogram is of the hidden state itself, and many saturated values mean gradients struggle to pass through.',
      ],
      onToggle,
    });
    this.grid = h('div', { class: 'hist-grid', dataset: { testid: 'gates-histograms' } });
    this.stats = h('p', { class: 'note', dataset: { testid: 'cell-stats' } });
    this.placeholder = h('p', { class: 'placeholder' }, 'Waiting for the model…');
    this.card.body.append(this.placeholder, this.grid, this.stats);
    this.hists = [];
  }

  update(probe, view) {
    this.placeholder.hidden = true;
    const layer = Math.min(view.layer, probe.L - 1);
    const items = [];
    if (probe.gateList.length === 0) {
      // an h that leaves [-1, 1] is a rectifier's: drawn from 0, with the zeros as its saturated values
      const relu = !probe.hBounded();
      const values = relu ? probe.values('h', layer) : null;
      const hi = relu ? values.reduce((m, v) => Math.max(m, v), 1) : 1;
      // a short title (the histogram is narrow); the note below says why there are no gates
      items.push({ source: 'h', title: 'hidden state h', lo: relu ? 0 : -1, hi, satLo: relu ? 1e-6 : -0.9, satHi: 0.9 });
    } else {
      for (const g of probe.gateList) {
        const tanh = probe.squash(g) === 'tanh';
        items.push({ source: g, title: probe.label(g), lo: tanh ? -1 : 0, hi: 1, satLo: tanh ? -0.9 : 0.1, satHi: 0.9 });
      }
    }
    if (this.hists.length !== items.length || this.layoutKey !== probe.cell) {
      clear(this.grid);
      this.hists = items.map(() => {
        const c = h('canvas', { class: 'hist', role: 'img' });
        this.grid.append(c);
        return new Histogram(c);
      });
      this.layoutKey = probe.cell;
    }
    items.forEach((it, i) => {
      const values = probe.values(it.source, layer);
      this.hists[i].canvas.setAttribute('aria-label', `Histogram of ${it.title}`);
      this.hists[i].setData({ values, lo: it.lo, hi: Number(it.hi.toPrecision(3)), bins: 20, satLo: it.satLo, satHi: it.satHi, title: it.title });
    });
    if (probe.cellStates) {
      const c = probe.values('c', layer);
      let sum = 0, max = 0;
      for (const v of c) {
        sum += Math.abs(v);
        if (Math.abs(v) > max) max = Math.abs(v);
      }
      this.stats.textContent = `Cell state c, layer ${layer + 1}: mean |c| = ${(sum / c.length).toFixed(3)}, largest |c| = ${max.toFixed(3)} (h = o · tanh(c), so |c| above ~2 is memory the output can no longer scale).`;
    } else {
      this.stats.textContent = probe.gateList.length ? `The ${probe.cellInfo.label} cell has no separate cell state: h itself is its memory.`
        : `The ${probe.cellInfo.label} has no gates: this is its hidden state h, and values piled up near the ends mean saturated units that pass little gradient.`;
    }
  }

  reset() {
    this.placeholder.hidden = false;
  }
}
