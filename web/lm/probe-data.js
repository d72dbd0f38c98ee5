// The probe of one text, in the shape the views want: which quantities a cell has (h, c, gate blocks), how to
// read one value, and the range and colour scale each quantity is drawn on.

const GATE_NAMES = {
  rnn_tanh: [], rnn_relu: [],
  lstm: ['i', 'f', 'g', 'o'], lstm_peephole: ['i', 'f', 'g', 'o'], lstm_coupled: ['f', 'g', 'o'],
  gru: ['r', 'z', 'n'],
};

export const SOURCE_LABELS = {
  h: 'hidden state h', c: 'cell state c', i: 'input gate i', f: 'forget gate f', g: 'candidate g',
  o: 'output gate o', r: 'reset gate r', z: 'update gate z', n: 'candidate n',
};

const TANH_GATES = new Set(['g', 'n']);

export function gateNames(cell) {
  return GATE_NAMES[cell] || [];
}

export function hasCellState(cell) {
  return cell === 'lstm' || cell === 'lstm_peephole' || cell === 'lstm_coupled';
}

// The quantities the heatmap and neuron inspector can show for this cell.
export function sourcesFor(cell) {
  return ['h', ...(hasCellState(cell) ? ['c'] : []), ...gateNames(cell)];
}

export class ProbeData {
  // reply: the worker's probe reply; chars: the probe text as an array of characters; cell: the cell name.
  constructor(reply, chars, cell, seq) {
    const p = reply.probe;
    this.chars = chars;
    this.cell = cell;
    this.T = p.steps;
    this.L = p.layers;
    this.H = p.hidden;
    this.G = p.gates;
    this.hidden = p.hiddenStates;
    this.cellStates = p.cellStates && p.cellStates.length ? p.cellStates : null;
    this.gates = p.gateValues;
    this.charLoss = p.charLoss;
    this.sensitivity = reply.sensitivity;        // [L, Ts], Ts = min(T, 512)
    this.sensitivitySteps = reply.sensitivity ? reply.sensitivity.length / this.L : 0;
    this.gradientFlow = reply.gradientFlow;      // [L, seq]
    this.flowSteps = reply.gradientFlow ? reply.gradientFlow.length / this.L : 0;
    this.seq = seq;
    this.step = reply.step;
    this.gateList = gateNames(cell);
  }

  has(source) {
    if (source === 'h') return true;
    if (source === 'c') return !!this.cellStates;
    return this.gateList.includes(source);
  }

  // value(layer, t, unit) for a source
  reader(source, layer) {
    const { T, H, G } = this;
    if (source === 'h' || !this.has(source)) {
      const base = layer * T * H;
      return (t, u) => this.hidden[base + t * H + u];
    }
    if (source === 'c') {
      const base = layer * T * H;
      return (t, u) => this.cellStates[base + t * H + u];
    }
    const g = this.gateList.indexOf(source);
    const base = layer * T * G * H + g * H;
    return (t, u) => this.gates[base + t * G * H + u];
  }

  // All values of a source in one layer (for histograms and ranges).
  values(source, layer) {
    const { T, H } = this;
    const read = this.reader(source, layer);
    const out = new Float32Array(T * H);
    for (let t = 0; t < T; t++) for (let u = 0; u < H; u++) out[t * H + u] = read(t, u);
    return out;
  }

  // True for quantities without a fixed range (the cell state, a ReLU RNN's h).
  unbounded(source) {
    const s = this.has(source) ? source : 'h';
    return s === 'c' || (s === 'h' && this.cell === 'rnn_relu');
  }

  // {lo, hi, diverging, label} of the colour scale for a source. Unbounded quantities are scaled to the
  // 98th percentile of their magnitude (over one unit when `unit` is given), so one runaway unit does not
  // wash out all the others; larger values saturate the colour.
  scale(source, layer, unit) {
    const s = this.has(source) ? source : 'h';
    if (this.unbounded(s)) {
      let mags;
      if (unit === undefined) mags = this.values(s, layer).map(Math.abs);
      else {
        const read = this.reader(s, layer);
        mags = Float32Array.from({ length: this.T }, (_, t) => Math.abs(read(t, unit)));
      }
      mags.sort();
      const top = Math.max(1e-6, mags[Math.min(mags.length - 1, Math.floor(mags.length * 0.98))] || 0);
      if (s === 'c') return { lo: -top, hi: top, diverging: true, label: 'c' };
      return { lo: 0, hi: top, diverging: false, label: 'h (ReLU, ≥ 0)' };
    }
    if (s === 'h' || TANH_GATES.has(s)) return { lo: -1, hi: 1, diverging: true, label: s === 'h' ? 'h' : `${s} (tanh)` };
    return { lo: 0, hi: 1, diverging: false, label: `${s} (sigmoid)` };
  }

  static isTanhGate(g) {
    return TANH_GATES.has(g);
  }
}
