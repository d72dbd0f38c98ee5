// The training bar: play/pause, single step, reset, and the live readouts: step, loss and params for every
// family, and each family's own between them (registered with addFamily, shown with setMode).
import { h, icon, setText } from '../shell/dom.js';
import { fmtCompact, fmtInt, fmtLoss } from '../shell/format.js';

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
    this.stepValue = this.readout('readout-step', 'step', 'Optimizer steps taken');
    this.lossValue = this.readout('readout-loss', 'loss', '');
    this.lossBox = this.lossValue.parentElement;
    this.paramsValue = this.readout('readout-params', 'params', 'Number of trainable parameters');
    this.familyBoxes = new Map();   // family id -> {boxes, values: testid -> element, lossTitle}
    this.readouts = h('div', { class: 'readouts' }, this.stepValue.parentElement, this.lossBox, this.paramsValue.parentElement);
    this.status = h('span', { class: 'status', dataset: { testid: 'engine-status' }, role: 'status' }, 'Loading the engine…');
    this.el = h('div', { class: 'toolbar', dataset: { testid: 'toolbar' } },
      this.buttons = h('div', { class: 'toolbar-buttons' }, this.play, this.step, this.reset),
      this.readouts,
      this.status);
    this.setEnabled(false);
  }

  readout(testid, label, title) {
    const value = h('span', { class: 'readout-value', dataset: { testid } }, '–');
    h('div', { class: 'readout', title }, h('span', { class: 'readout-label' }, label), value);
    return value;
  }

  // A family's own readouts, shown between the loss and the parameter count while it is shown:
  // [{testid, label, title}]; lossTitle describes its loss; training: false for a family with nothing to
  // train (the lab), which shows the status line alone.
  addFamily(id, { readouts, lossTitle, training = true }) {
    const values = new Map(readouts.map((r) => [r.testid, this.readout(r.testid, r.label, r.title)]));
    const boxes = [...values.values()].map((v) => v.parentElement);
    for (const b of boxes) {
      b.hidden = true;
      this.readouts.insertBefore(b, this.paramsValue.parentElement);
    }
    this.familyBoxes.set(id, { boxes, values, lossTitle, training });
  }

  setMode(id) {
    for (const [m, f] of this.familyBoxes) for (const b of f.boxes) b.hidden = m !== id;
    const family = this.familyBoxes.get(id);
    this.lossBox.title = family ? family.lossTitle : '';
    this.current = family || null;
    const training = !family || family.training;
    this.buttons.hidden = this.readouts.hidden = !training;
    for (const v of this.readouts.querySelectorAll('.readout-value')) setText(v, '–');
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

  // step, loss and params are numbers; extra maps the shown family's readout testids to their text.
  // extra: the family's readouts, testid -> text, or {text, note} for one with a small note after its value
  // (e.g. the step it was measured at)
  update({ step, loss, params, extra = {} }) {
    setText(this.stepValue, Number.isFinite(step) ? fmtInt(step) : '–');
    setText(this.lossValue, fmtLoss(loss));
    setText(this.paramsValue, Number.isFinite(params) ? fmtCompact(params) : '–');
    if (!this.current) return;
    for (const [testid, v] of Object.entries(extra)) {
      const value = this.current.values.get(testid);
      if (typeof v === 'string') {
        setText(value, v);
      } else if (value.textContent !== v.text + (v.note || '')) {
        value.textContent = v.text;
        if (v.note) value.append(h('span', { class: 'readout-note', dataset: { testid: `${testid}-note` } }, v.note));
      }
    }
  }
}
