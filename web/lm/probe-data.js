// The probe of one text, in the shape the views want: which quantities the cell has (h, c, its gate blocks;
// from the catalogue's description of the cell), how to read one value, and the range and colour scale each
// quantity is drawn on.

export class ProbeData {
  // reply: the worker's probe reply; chars: the probe text as an array of characters; catalogue: the
  // engine's (shell/catalogue.js); cell: the cell name.
  constructor(reply, chars, catalogue, cell, seq) {
    const p = reply.probe;
    this.chars = chars;
    this.cell = cell;
    this.cellInfo = catalogue.cell(cell) || { label: cell, gates: [], cellState: false };
    this.sources = catalogue.sources(cell);  // [{value, label, squash}]
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
    this.gateList = this.cellInfo.gates.map((g) => g.letter);
  }

  // What the views call a source: 'input gate i', 'hidden state h'.
  label(source) {
    const s = this.sources.find((x) => x.value === source);
    return s ? s.label : source;
  }

  squash(source) {
    const s = this.sources.find((x) => x.value === source);
    return s ? s.squash : null;
  }

  // The hidden state's range: [-1, 1] while every value is within it (tanh cells); a cell whose h leaves it
  // (a ReLU RNN) is drawn on its own scale (the catalogue does not say how each cell squashes h).
  hBounded() {
    if (this.hBoundedCache === undefined) this.hBoundedCache = this.hidden.every((v) => v >= -1 && v <= 1);
    return this.hBoundedCache;
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
    return s === 'c' || (s === 'h' && !this.hBounded());
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
      if (s === 'c' || this.hidden.some((v) => v < 0)) return { lo: -top, hi: top, diverging: true, label: s };
      return { lo: 0, hi: top, diverging: false, label: 'h (≥ 0)' };
    }
    if (s === 'h') return { lo: -1, hi: 1, diverging: true, label: 'h' };
    const squash = this.squash(s);
    if (squash === 'tanh') return { lo: -1, hi: 1, diverging: true, label: `${s} (tanh)` };
    return { lo: 0, hi: 1, diverging: false, label: `${s} (${squash || 'sigmoid'})` };
  }
}
