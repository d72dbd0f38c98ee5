// The training record of the current model: the loss of every step (and its smoothed curve), the gradient
// norm of every step, and the held-out loss at the steps where it was measured. Saved with the session.

const SMOOTHING = 0.95;  // exponential moving average, debiased (as TensorBoard does)

class Grow {
  constructor() {
    this.a = new Float32Array(1024);
    this.n = 0;
  }

  push(x) {
    if (this.n === this.a.length) {
      const b = new Float32Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = x;
  }

  view() {
    return this.a.subarray(0, this.n);
  }
}

export class History {
  constructor(base = 0) {
    this.reset(base);
  }

  // base: the step count before the first recorded step (non-zero for an imported model).
  reset(base = 0) {
    this.base = base;
    this.losses = new Grow();
    this.smooth = new Grow();
    this.gradNorms = new Grow();
    this.heldOut = [];
    this.baselines = { ngram: [], window: [] };  // the char LM's memoryless baselines: [step, held-out loss]
    this.ema = 0;
    this.emaN = 0;
  }

  get lastStep() {
    return this.base + this.losses.n;
  }

  // Appends the per-step losses ending at `step`. Returns the index of the first new step.
  add(losses, gradNorms) {
    const first = this.lastStep + 1;
    for (let i = 0; i < losses.length; i++) {
      const x = losses[i];
      this.losses.push(x);
      if (Number.isFinite(x)) {
        this.ema = SMOOTHING * this.ema + (1 - SMOOTHING) * x;
        this.emaN++;
      }
      this.smooth.push(this.emaN ? this.ema / (1 - Math.pow(SMOOTHING, this.emaN)) : NaN);
      if (gradNorms) this.gradNorms.push(gradNorms[i]);
    }
    return first;
  }

  addHeldOut(points) {
    for (const [step, loss] of points) {
      const last = this.heldOut[this.heldOut.length - 1];
      if (last && last[0] === step) last[1] = loss;
      else if (!last || last[0] < step) this.heldOut.push([step, loss]);
    }
  }

  // Points [step, ngram or null, window or null] of the memoryless baselines' held-out losses.
  addBaselines(points) {
    for (const [step, ngram, window] of points) {
      for (const [key, loss] of [['ngram', ngram], ['window', window]]) {
        if (loss === null || loss === undefined) continue;
        const list = this.baselines[key];
        const last = list[list.length - 1];
        if (last && last[0] === step) last[1] = loss;
        else if (!last || last[0] < step) list.push([step, loss]);
      }
    }
  }

  // A baseline turned off or changed: its points no longer describe it.
  clearBaseline(key) {
    this.baselines[key] = [];
  }

  get smoothedLoss() {
    return this.smooth.n ? this.smooth.a[this.smooth.n - 1] : NaN;
  }

  get lastHeldOut() {
    return this.heldOut.length ? this.heldOut[this.heldOut.length - 1][1] : NaN;
  }

  // Plain data for storage, cut at `step` (the checkpoint's step).
  toRecord(step) {
    const n = Math.max(0, Math.min(this.losses.n, step - this.base));
    return {
      base: this.base,
      losses: this.losses.view().slice(0, n),
      gradNorms: this.gradNorms.view().slice(0, Math.min(n, this.gradNorms.n)),
      heldOut: this.heldOut.filter(([s]) => s <= step),
      baselines: { ngram: this.baselines.ngram.filter(([s]) => s <= step), window: this.baselines.window.filter(([s]) => s <= step) },
    };
  }

  static fromRecord(r, step) {
    const h = new History(r && Number.isFinite(r.base) ? r.base : 0);
    if (!r || h.base > step) return new History(step);
    const n = Math.max(0, Math.min(r.losses ? r.losses.length : 0, step - h.base));
    h.add(r.losses ? r.losses.subarray(0, n) : [], r.gradNorms && r.gradNorms.length >= n ? r.gradNorms.subarray(0, n) : null);
    if (h.lastStep !== step) return new History(step);  // a gap: start the record afresh at this step
    h.addHeldOut((r.heldOut || []).filter(([s]) => s <= step));
    const b = r.baselines || {};
    for (const key of ['ngram', 'window']) h.baselines[key] = (b[key] || []).filter(([s]) => s <= step).map(([s, l]) => [s, l]);
    return h;
  }
}
