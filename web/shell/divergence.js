// Training that goes wrong, for every family. The engine stops a chunk at the first step whose loss or
// gradient is not finite, changing nothing (engine/train/step.hpp), and the worker pauses there (DIVERGED):
// this says which step and which quantity, and offers two ways on at a tenth of the learning rate: continue
// from the kept weights (enough after a single bad batch), or start again from the seed (needed when the
// weights had already grown too large, as an exploding ReLU RNN's have). A loss that is still finite but has
// grown far above where it started gets a warning with the same offers, once per model.
import { Cancelled } from './bridge.js';
import { fmtInt, fmtLoss } from './format.js';

const LEARNING_RATE = 'learningRate';  // the worker's shared request (worker/loop.js)

// The loss has "blown up" when its smoothed value is this far above the first step's.
const RISE_FACTOR = 2;
const RISE_NATS = 3;

export class DivergenceGuard {
  constructor(controller) {
    this.c = controller;
    this.warnedFor = null;  // the History a rising-loss warning was given for
  }

  // A tenth of the learning rate in force, in three significant digits.
  lowerRate() {
    return Number((this.c.state.lr / 10).toPrecision(3));
  }

  offers() {
    const lr = this.lowerRate();
    return [
      { label: `Continue at learning rate ${lr}`, testid: 'continue-lower-lr', onClick: () => this.continueAt(lr) },
      { label: `Start again at learning rate ${lr}`, testid: 'restart-lower-lr', onClick: () => this.c.setField('lr', String(lr)) },
    ];
  }

  // m: {step, what: 'loss' | 'gradient' | 'weights', value, who: 'model' | 'twin' (a family's second model)}
  diverged(m) {
    const c = this.c;
    c.setRunning(false, false);
    c.notices.clearKey('diverging');  // this notice says more, with the same offers
    const whose = m.who === 'twin' ? 'the comparison model’s' : 'the';
    const title = `Training paused at step ${fmtInt(m.step)}: ${whose} ${m.what === 'gradient' ? 'gradient norm' : m.what} ${m.what === 'weights' ? 'are not finite' : `was ${m.value}`}`;
    if (m.what === 'weights') {
      c.notices.error(title, ['An earlier update made the weights overflow, so there is nothing good left to continue from.',
        `Start again at a lower learning rate, or open a saved model. ${c.words.unstable}`], { key: 'diverged', actions: this.offers().slice(1) });
      return;
    }
    c.notices.error(title, [
      `That step changed nothing: the weights and optimizer state are those of step ${fmtInt(m.step - 1)}.`,
      `The learning rate (${c.state.lr}) is probably too high for this model. ${c.words.unstable}`,
    ], { key: 'diverged', actions: this.offers() });
  }

  // After each progress: warns once per model when the loss has grown far above its first value.
  watch() {
    const h = this.c.history;
    if (!h || this.warnedFor === h || h.losses.n < 2) return;
    const first = h.losses.a[0], now = h.smoothedLoss;
    if (!(Number.isFinite(first) && now > Math.max(RISE_FACTOR * first, first + RISE_NATS))) return;
    this.warnedFor = h;
    this.c.notices.warn('The loss is rising', [
      `It is ${fmtLoss(now)} nats now, against ${fmtLoss(first)} at the first step: training is diverging. ${this.c.words.unstable}`,
    ], { key: 'diverging', actions: this.offers() });
  }

  // Continues from the weights the engine has at learning rate `lr`: the engine's optimizer keeps its state,
  // and the link and the controls now say `lr` (the link replays a run at that rate from step 0).
  async continueAt(lr) {
    const c = this.c;
    c.notices.clearKey('diverged');
    c.notices.clearKey('diverging');
    try {
      await c.bridge.request(LEARNING_RATE, { lr }).promise;
    } catch (e) {
      if (!(e instanceof Cancelled)) c.notices.error('Could not change the learning rate', [e.message]);
      return;
    }
    c.state.lr = lr;
    if (c.applied) c.applied.lr = lr;
    c.syncControls();
    c.writeHashSoon();
    c.session.saveSoon();
    c.play();
  }
}
