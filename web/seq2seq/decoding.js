// What a seq2seq model writes: the translation of the input typed in the attention view (greedy and beam
// search, each with its attention, and the twin's greedy output) and the greedy outputs for the held-out
// set (the examples table and accuracy by length). Both are requested again after each new accuracy point
// while training (LiveRequest), and at once when the model or the settings change.
import { Cancelled } from '../shell/bridge.js';
import { fmtInt } from '../shell/format.js';
import { LiveRequest } from '../shell/live-requests.js';
import { solve } from './tasks.js';
import { byLength } from './views/length-view.js';

const EVAL_ALL_LIMIT = 2000;  // the examples table and the by-length view read at most this many held-out examples

export class Decoding {
  constructor(controller) {
    this.c = controller;
    this.fresh = { evaluate: false, translate: false };  // new accuracy points since the views last asked
    this.reset();
  }

  // A new model: nothing decoded yet.
  reset() {
    this.translation = null;
    this.evaluation = null;
    this.selected = -1;  // the hypothesis whose attention is drawn: -1 greedy, else a beam index
  }

  select(index) {
    this.selected = index;
    this.render();
  }

  liveRequests() {
    const c = this.c;
    const open = (a, b) => () => c.isOpen(a) || c.isOpen(b);
    const translating = open('attention', 'beam'), evaluating = open('examples', 'length');
    return {
      translate: new LiveRequest({ every: 250, wanted: () => translating() && this.fresh.translate, send: () => this.sendTranslate() }),
      evaluate: new LiveRequest({ every: 2500, slowdown: 6, wanted: () => evaluating() && this.fresh.evaluate, send: () => this.sendEvaluate() }),
    };
  }

  translate(force = false) {
    const c = this.c;
    if (c.ready && (c.isOpen('attention') || c.isOpen('beam'))) c.live.translate.fire(force);
  }

  sendTranslate() {
    const c = this.c;
    const { text, note } = c.knownText(Array.from(c.state.input || c.exampleInput()).slice(0, 255).join(''), '');
    c.views.attention.setNote(text ? note : `${note || 'Type an input.'} Nothing left to translate.`);
    c.views.attention.setInput(c.state.input, c.exampleInput());
    if (!text) return null;
    const beam = c.state.beam, alpha = c.state.alpha;
    const req = c.bridge.request('translate', { input: text, beam, alpha, twin: c.comparing && c.isOpen('beam') });
    this.fresh.translate = false;
    req.promise.then((r) => {
      this.translation = { ...r, input: text, beam, alpha };
      if (this.selected >= r.beams.length) this.selected = -1;
      this.render();
    }, (e) => {
      if (!(e instanceof Cancelled)) c.views.attention.setNote(e.message);
    });
    return req;
  }

  render() {
    const c = this.c;
    const t = this.translation;
    if (!t) return;
    const hyp = this.selected >= 0 && t.beams[this.selected] ? t.beams[this.selected] : t.greedy;
    const which = this.selected >= 0 ? `beam hypothesis ${this.selected + 1} of ${t.beams.length}` : 'greedy output';
    c.views.attention.update({
      source: t.input, output: hyp.text, values: hyp.attention, steps: hyp.steps, sourceLen: t.sourceLen,
      hasAttention: c.applied.attention !== 'none',
      caption: `Step ${fmtInt(t.step)} · ${which}: “${hyp.text}”${hyp.finished ? '' : ' (no end mark within the length limit)'}`,
    });
    c.views.beam.update(t, { expected: solve(c.applied, t.input), selected: this.selected, width: t.beam, alpha: t.alpha });
  }

  evaluate(force = false) {
    const c = this.c;
    if (c.ready && (c.isOpen('examples') || c.isOpen('length'))) c.live.evaluate.fire(force);
  }

  sendEvaluate() {
    const c = this.c;
    const req = c.bridge.request('evaluate', { limit: EVAL_ALL_LIMIT, twin: c.comparing && c.isOpen('length') });
    this.fresh.evaluate = false;
    req.promise.then((r) => {
      this.evaluation = r;
      if (c.isOpen('examples')) c.views.examples.update(r.main, r.step);
      c.views.length.update(byLength(r.main.examples), r.twin ? byLength(r.twin.examples) : null, { count: r.main.count, step: r.step, twinStep: r.twinStep });
    }, (e) => {
      if (!(e instanceof Cancelled)) c.notices.warn('Could not evaluate the model', [e.message], { key: 'evaluate', timeout: 8000 });
    });
    return req;
  }
}
