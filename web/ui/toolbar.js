// The training bar: play/pause, single step, reset, and the live readouts (each mode has its own set; step,
// loss and params are shared).
import { h, icon, setText } from '../dom.js';
import { fmtCompact, fmtInt, fmtLoss } from '../format.js';

export class Toolbar {
  constructor({ onPlay, onStep, onReset }) {
    this.play = h('button', {
      type: 'button', class: 'btn btn-play', dataset: { testid: 'play', state: 'paused' }, 'aria-pressed': 'false',
      title: 'Play / pause training (Space)', onclick: () => onPlay(),
    }, icon('play'), h('span', { class: 'label' }, 'Play'));
    this.step = h('button', { type: 'button', class: 'btn', dataset: { testid: 'step' }, title: 'Train one step (S or →)', onclick: () => onStep() },
      icon('step'), 'Step');
    this.reset = h('button', { type: 'button', class: 'btn', dataset: { testid: 'reset' }, title: 'Start again from the same initial weights (R)', onclick: () => onReset() },
      icon('reset'), 'Reset');
    const readout = (testid, label, title) => {
      const value = h('span', { class: 'readout-value', dataset: { testid } }, '–');
      return [h('div', { class: 'readout', title }, h('span', { class: 'readout-label' }, label), value), value];
    };
    const [stepBox, step] = readout('readout-step', 'step', 'Optimizer steps taken');
    const [lossBox, loss] = readout('readout-loss', 'loss', 'Training loss, moving average (nats per character)');
    const [heldBox, held] = readout('readout-held-out-loss', 'held-out', 'Loss on the held-out end of the text (nats per character)');
    const [pplBox, ppl] = readout('readout-perplexity', 'perplexity', 'e^(held-out loss), or e^(training loss) when nothing is held out');
    const [cpsBox, cps] = readout('readout-chars-per-sec', 'chars/s', 'Training characters processed per second');
    const [paramBox, params] = readout('readout-params', 'params', 'Number of trainable parameters');
    const [exactBox, exact] = readout('readout-exact', 'exact match', 'Held-out examples the model gets exactly right (greedy decoding; the first 200, measured every 25–200 steps)');
    const [perCharBox, perChar] = readout('readout-per-char', 'per char', 'Held-out target characters predicted right, position by position');
    const [tcpsBox, tcps] = readout('readout-target-chars-per-sec', 'target chars/s', 'Target characters trained on per second (with the twin, both models share the time)');
    this.values = { step, loss, held, ppl, cps, params, exact, perChar, tcps };
    this.boxes = { charlm: [heldBox, pplBox, cpsBox], seq2seq: [exactBox, perCharBox, tcpsBox] };
    this.lossBox = lossBox;
    this.status = h('span', { class: 'status', dataset: { testid: 'engine-status' }, role: 'status' }, 'Loading the engine…');
    this.el = h('div', { class: 'toolbar', dataset: { testid: 'toolbar' } },
      h('div', { class: 'toolbar-buttons' }, this.play, this.step, this.reset),
      h('div', { class: 'readouts' }, stepBox, lossBox, heldBox, pplBox, cpsBox, exactBox, perCharBox, tcpsBox, paramBox),
      this.status);
    this.setEnabled(false);
    this.setMode('charlm');
  }

  setMode(mode) {
    for (const [m, boxes] of Object.entries(this.boxes)) for (const b of boxes) b.hidden = m !== mode;
    this.lossBox.title = mode === 'seq2seq' ? 'Training loss, moving average (nats per target character)' : 'Training loss, moving average (nats per character)';
    for (const v of Object.values(this.values)) setText(v, '–');
  }

  setRunning(running) {
    this.play.dataset.state = running ? 'running' : 'paused';
    this.play.setAttribute('aria-pressed', String(running));
    this.play.querySelector('.icon').replaceWith(icon(running ? 'pause' : 'play'));
    this.play.querySelector('.label').textContent = running ? 'Pause' : 'Play';
    this.play.classList.toggle('running', running);
  }

  setEnabled(on) {
    this.play.disabled = this.step.disabled = this.reset.disabled = !on;
  }

  setStatus(text) {
    setText(this.status, text);
  }

  update({ step, loss, heldOut, charsPerSec, params }) {
    const v = this.values;
    setText(v.step, Number.isFinite(step) ? fmtInt(step) : '–');
    setText(v.loss, fmtLoss(loss));
    setText(v.held, fmtLoss(heldOut));
    const basis = Number.isFinite(heldOut) ? heldOut : loss;
    setText(v.ppl, Number.isFinite(basis) ? Math.exp(basis).toFixed(2) : '–');
    setText(v.cps, Number.isFinite(charsPerSec) && charsPerSec > 0 ? fmtCompact(charsPerSec) : '–');
    setText(v.params, Number.isFinite(params) ? fmtCompact(params) : '–');
  }

  updateSeq2Seq({ step, loss, exact, perChar, targetCharsPerSec, params }) {
    const v = this.values;
    const pct = (x) => (Number.isFinite(x) ? `${(x * 100).toFixed(x >= 0.9995 || x === 0 ? 0 : 1)}%` : '–');
    setText(v.step, Number.isFinite(step) ? fmtInt(step) : '–');
    setText(v.loss, fmtLoss(loss));
    setText(v.exact, pct(exact));
    setText(v.perChar, pct(perChar));
    setText(v.tcps, Number.isFinite(targetCharsPerSec) && targetCharsPerSec > 0 ? fmtCompact(targetCharsPerSec) : '–');
    setText(v.params, Number.isFinite(params) ? fmtCompact(params) : '–');
  }
}
