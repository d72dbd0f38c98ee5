// The seq2seq controller: the shell's Controller (shell/controller.js) with what an encoder-decoder adds —
// the task or your own pairs, the accuracy points, the fixed-context twin (the same experiment without
// attention, trained in lockstep in the worker, with its own loss history and accuracy), translations with
// their attention and beam hypotheses, the held-out evaluation, and its readouts (exact match, per
// character, target characters per second).
import { Controller } from '../shell/controller.js';
import { Cancelled } from '../shell/bridge.js';
import { CELL_NAMES } from '../shell/cells.js';
import { calibrate, estimateSeq2Seq, judgeSeq2Seq } from '../shell/estimate.js';
import { fmtBytes, fmtCompact, fmtInt } from '../shell/format.js';
import { History } from '../shell/history.js';
import { isWellFormed } from '../shell/link-values.js';
import { LiveRequest } from '../shell/live-requests.js';
import { s2sEngineConfig } from './fields.js';
import { defaultInput, pairStats, solve, taskById, taskDefaults, typicalLengths } from './tasks.js';
import { byLength } from './views/length-view.js';

const EVAL_ALL_LIMIT = 2000;       // the examples table and the by-length view read at most this many held-out examples
const MAX_PAIRS_FILE = 32 * 1024 * 1024;

export const ATTENTION_NAMES = {
  none: 'no attention', bahdanau: 'Bahdanau attention', dot: 'dot attention', general: 'general attention', concat: 'concat attention',
};

const pct = (x) => (Number.isFinite(x) ? `${(x * 100).toFixed(x >= 0.9995 || x === 0 ? 0 : 1)}%` : '–');

export class Seq2SeqController extends Controller {
  constructor(shell) {
    super(shell);
    this.twinHistory = null;      // the twin's losses while the comparison runs
    this.evals = { main: [], twin: [] };  // [step, exact, perChar] on the curve's subset
    this.twinStep = 0;
    this.comparing = false;       // the worker has a twin
    this.catchingUp = false;      // ... which is behind the model
    this.translation = null;
    this.evaluation = null;
    this.selected = -1;           // the hypothesis whose attention is drawn: -1 greedy, else a beam index
    this.fresh = { evaluate: false, translate: false };  // new accuracy points since the views last asked
    this.words = {
      session: 'seq2seq session',
      restored: 'weights, loss history and accuracy. The optimizer state starts afresh (the engine keeps none for seq2seq models).',
      unstable: 'Lower the learning rate or the gradient-norm clip.',
      copied: 'Anyone who opens it gets this task, model and training settings, seed, input and views; pressing play reproduces the same loss and accuracy curves.',
    };
  }

  // ---------------------------------------------------------------- building the model

  pairsOf(s) {
    return s.task === 'pairs' ? s.pairs || '' : '';
  }

  wantsTwin() {
    return !!this.state.compare && this.state.attention !== 'none';
  }

  // A guess of the vocabulary before the engine has read the data (for the size estimate).
  vocabGuess(s) {
    if (this.info && this.applied && this.applied.task === s.task && (s.task !== 'reverse' || this.applied.alphabet === s.alphabet)) return this.info.vocabSize;
    switch (s.task) {
      case 'reverse': case 'sort': return s.alphabet;
      case 'copy': return s.alphabet + 1;
      case 'add': return 11;
      case 'dates': return 60;
      case 'translate': return 30;
      default: return Math.max(2, new Set(s.pairs || '').size);
    }
  }

  lengths(s) {
    return typicalLengths(s, s.task === 'pairs' ? pairStats(s.pairs || '') : null);
  }

  judge() {
    const s = this.state;
    if (s.task === 'pairs' && !s.pairs) {
      this.askForPairs();
      return null;
    }
    return judgeSeq2Seq(s, this.vocabGuess(s), this.lengths(s));
  }

  configureFields() {
    return { config: JSON.stringify(s2sEngineConfig(this.state)), pairs: this.pairsOf(this.state), compare: this.wantsTwin() };
  }

  // record: a saved session (its step and its twin's checkpoint come along), or null for a file
  importFields(bytes, state, record) {
    const fields = { bytes, config: JSON.stringify(s2sEngineConfig(state)), pairs: this.pairsOf(state), compare: this.wantsTwin() };
    if (record) Object.assign(fields, { base: record.step, twinBytes: record.twinCheckpoint ? new Uint8Array(record.twinCheckpoint) : null });
    return fields;
  }

  buildFailed(e) {
    if (this.state.task === 'pairs') this.taskPanel.setError(e.message);
  }

  estimate() {
    return this.info ? estimateSeq2Seq(this.applied, this.info.vocabSize, this.lengths(this.applied)) : null;
  }

  stepWork(e) {
    return `${fmtInt(e.targetCharsPerStep)} target characters`;
  }

  adoptDetails(r, record) {
    this.comparing = !!r.twin;
    this.twinStep = r.twin ? r.twinStep : 0;
    this.catchingUp = !!r.catchingUp;
    const twinHistory = record && record.twinHistory && record.twinCheckpoint ? History.fromRecord(record.twinHistory, r.twinStep) : null;
    this.twinHistory = r.twin ? (twinHistory && twinHistory.lastStep === this.twinStep ? twinHistory : new History(this.twinStep)) : null;
    const evals = record && record.evals;
    this.evals = {
      main: evals && evals.main ? evals.main.filter(([st]) => st <= r.step) : [],
      twin: evals && evals.twin && twinHistory && this.twinHistory === twinHistory ? evals.twin.filter(([st]) => st <= this.twinStep) : [],
    };
    this.addEvals(r.evals || []);
    if (r.twinError) this.notices.warn('The no-attention twin could not start', [r.twinError], { key: 'twin' });
    this.translation = null;
    this.evaluation = null;
    this.selected = -1;
    this.taskPanel.setError('');
    this.taskPanel.setStats(r.info);
    const v = this.views;
    v.curves.setData(this.history, this.twinHistory, this.evals);
    for (const id of ['examples', 'attention', 'beam', 'length']) v[id].reset();
  }

  askForPairs() {
    this.taskPanel.openPairs();
    this.notices.info('Paste or upload your pairs', ['Under “Use your own pairs”: one source<TAB>target pair per line, or upload a .tsv file (UTF-8). Then press “Train on these pairs”.'], { key: 'pairs-help', timeout: 10000 });
  }

  // ---------------------------------------------------------------- controls

  syncControls() {
    super.syncControls();
    const s = this.state;
    this.taskPanel.setValues(s);
    this.views.curves.setLogY(s.logy);
    this.views.beam.setValues(s);
    this.views.attention.setInput(s.input, this.exampleInput());
    this.syncCompare();
  }

  syncCompare() {
    const a = this.applied || this.state;
    this.views.length.setCompare(this.state.compare, a.attention !== 'none', a.attention === 'none' ? 'this model (no attention)' : `this model (${ATTENTION_NAMES[a.attention]})`);
  }

  experimentChanged(key, value) {
    if (key === 'task') {
      this.state.input = '';
      Object.assign(this.state, taskDefaults(value));  // each task starts from lengths that suit it
    }
    if (key === 'bidirectional' && value && this.state.attention === 'dot') {
      this.state.attention = 'general';
      this.notices.info('Switched the attention to Luong general', ['Dot attention compares the decoder state with each encoder state directly, so it needs a unidirectional encoder (a bidirectional one has states twice as wide). General attention learns that comparison instead.'], { key: 'dot', timeout: 10000 });
    }
  }

  viewChanged(key, value) {
    switch (key) {
      case 'compare':
        this.setCompare(value);
        break;
      case 'logy':
        this.views.curves.setLogY(value);
        break;
      case 'beam':
      case 'alpha':
        this.views.beam.setValues(this.state);
        this.requestTranslate(true);
        break;
      case 'input':
        this.selected = -1;
        this.requestTranslate(true);
        break;
      default:
        break;
    }
  }

  viewOpened(id) {
    if (id === 'attention' || id === 'beam') this.requestTranslate(true);
    if (id === 'examples' || id === 'length') this.requestEvaluate(true);
  }

  linkApplied(before) {
    if (before.compare !== this.state.compare) this.setCompare(this.state.compare);
  }

  setTask(id) {
    if (id === 'pairs' && !this.state.pairs) {
      this.syncControls();
      this.askForPairs();
      return;
    }
    this.setField('task', id);
  }

  async usePairs(text, source) {
    const refuse = (why) => this.notices.error(`The ${source} cannot be used`, [why], { key: 'pairs' });
    if (typeof text !== 'string' || !text.trim()) return refuse('There is nothing there: paste one source<TAB>target pair per line.');
    if (!isWellFormed(text)) return refuse('They contain broken Unicode (a lone surrogate), which cannot be encoded as UTF-8.');
    const st = pairStats(text);
    if (!st.pairs) {
      refuse('No line has a source, a tab and a target.');
      this.taskPanel.setError(st.firstBad ? `line ${st.firstBad}: expected exactly one tab between source and target` : 'no pairs');
      return;
    }
    this.notices.clearKey('pairs');
    this.state.task = 'pairs';
    this.state.pairs = text;
    this.state.input = '';
    this.taskPanel.setPairsText(text);
    this.syncControls();
    await this.build({ confirmed: false });
  }

  async usePairsFile(file) {
    const refuse = (why) => this.notices.error('This file cannot be used', [why], { key: 'pairs' });
    if (file.size > MAX_PAIRS_FILE) return refuse(`${file.name} is ${fmtBytes(file.size)}; the page reads pair files up to ${fmtBytes(MAX_PAIRS_FILE)}.`);
    let text;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(await file.arrayBuffer());
    } catch {
      return refuse(`${file.name} is not valid UTF-8 text. Save it as UTF-8 and try again.`);
    }
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    await this.usePairs(text, file.name);
  }

  // Turns the fixed-context twin on or off (it trains in lockstep with the model, in the same worker).
  async setCompare(on) {
    this.state.compare = on;
    this.syncCompare();
    this.writeHashSoon();
    if (!this.ready) return;
    if (on && this.applied.attention === 'none') {
      this.notices.info('Nothing to compare with', ['This model has no attention already. Choose an attention kind (Model → attention) and the no-attention twin trains beside it.'], { key: 'twin', timeout: 8000 });
      return;
    }
    if (on === this.comparing) return;
    let r;
    try {
      r = await this.bridge.request('compare', { on: !!on }).promise;
    } catch (e) {
      if (!(e instanceof Cancelled)) this.notices.error('The no-attention twin could not start', [e.message], { key: 'twin' });
      return;
    }
    if (!this.ready) return;
    this.comparing = !!r.twin;
    this.evals.twin = [];
    this.twinHistory = this.comparing ? new History(r.twinStep) : null;
    this.twinStep = this.comparing ? r.twinStep : 0;
    this.catchingUp = this.comparing && this.twinStep < this.step;
    this.addEvals(r.evals || []);
    this.views.curves.setTwinHistory(this.twinHistory);
    this.views.curves.setEvals(this.evals);
    this.showStatus();
    this.refreshViews();
    this.session.saveSoon();
  }

  selectHypothesis(index) {
    this.selected = index;
    this.renderTranslation();
  }

  // ---------------------------------------------------------------- progress and readouts

  busyStatus() {
    return this.catchingUp ? `The no-attention twin is catching up: step ${fmtInt(this.twinStep)} of ${fmtInt(this.step)}` : '';
  }

  // Accuracy points from the worker: [step, who (0 model, 1 twin), exact, perChar]. True when the model got one.
  addEvals(points) {
    let main = false;
    for (const [st, who, exact, perChar] of points) {
      const list = who ? this.evals.twin : this.evals.main;
      const last = list[list.length - 1];
      if (last && last[0] === st) last.splice(1, 2, exact, perChar);
      else if (!last || last[0] < st) list.push([st, exact, perChar]);
      if (!who) main = true;
    }
    return main;
  }

  progressed(m) {
    const from = this.history.losses.n;
    if (m.losses.length) this.history.add(m.losses);
    let twinFrom = -1;
    if (m.twinLosses.length && this.twinHistory) {
      if (this.twinHistory.lastStep !== m.twinFrom) {
        this.twinHistory = new History(m.twinFrom);
        this.views.curves.setTwinHistory(this.twinHistory);
      }
      twinFrom = this.twinHistory.losses.n;
      this.twinHistory.add(m.twinLosses);
    }
    const newMain = this.addEvals(m.evals);
    if (this.comparing) this.twinStep = m.twinStep;
    this.catchingUp = !!m.catchingUp;
    this.views.curves.update(from, twinFrom);
    if (m.evals.length) this.views.curves.setEvals(this.evals);
    // the model's own speed calibrates the estimate (twin steps share the time)
    if (this.info && m.losses.length && !m.twinLosses.length) calibrate(this.estimate().flopsPerStep, m.losses.length, m.seconds);
    if (newMain) this.fresh.translate = true;
    if (m.evals.length) this.fresh.evaluate = true;
    return m.targetChars;
  }

  readouts(perSecond) {
    const last = this.evals.main[this.evals.main.length - 1];
    return {
      'readout-exact': pct(last ? last[1] : NaN),
      'readout-per-char': pct(last ? last[2] : NaN),
      'readout-target-chars-per-sec': Number.isFinite(perSecond) && perSecond > 0 ? fmtCompact(perSecond) : '–',
    };
  }

  // ---------------------------------------------------------------- evaluation and translation

  refreshViews() {
    this.requestEvaluate(true);
    this.requestTranslate(true);
  }

  liveRequests() {
    const open = (a, b) => () => this.isOpen(a) || this.isOpen(b);
    const translating = open('attention', 'beam'), evaluating = open('examples', 'length');
    return {
      translate: new LiveRequest({ every: 250, wanted: () => translating() && this.fresh.translate, send: () => this.sendTranslate() }),
      evaluate: new LiveRequest({ every: 2500, slowdown: 6, wanted: () => evaluating() && this.fresh.evaluate, send: () => this.sendEvaluate() }),
    };
  }

  exampleInput() {
    return defaultInput(this.applied || this.state, this.info && this.info.samples);
  }

  requestTranslate(force = false) {
    if (this.ready && (this.isOpen('attention') || this.isOpen('beam'))) this.live.translate.fire(force);
  }

  sendTranslate() {
    const { text, note } = this.knownText(Array.from(this.state.input || this.exampleInput()).slice(0, 255).join(''), '');
    this.views.attention.setNote(text ? note : `${note || 'Type an input.'} Nothing left to translate.`);
    this.views.attention.setInput(this.state.input, this.exampleInput());
    if (!text) return null;
    const beam = this.state.beam, alpha = this.state.alpha;
    const req = this.bridge.request('translate', { input: text, beam, alpha, twin: this.comparing && this.isOpen('beam') });
    this.fresh.translate = false;
    req.promise.then((r) => {
      this.translation = { ...r, input: text, beam, alpha };
      if (this.selected >= r.beams.length) this.selected = -1;
      this.renderTranslation();
    }, (e) => {
      if (!(e instanceof Cancelled)) this.views.attention.setNote(e.message);
    });
    return req;
  }

  renderTranslation() {
    const t = this.translation;
    if (!t) return;
    const hyp = this.selected >= 0 && t.beams[this.selected] ? t.beams[this.selected] : t.greedy;
    const which = this.selected >= 0 ? `beam hypothesis ${this.selected + 1} of ${t.beams.length}` : 'greedy output';
    this.views.attention.update({
      source: t.input, output: hyp.text, values: hyp.attention, steps: hyp.steps, sourceLen: t.sourceLen,
      hasAttention: this.applied.attention !== 'none',
      caption: `Step ${fmtInt(t.step)} · ${which}: “${hyp.text}”${hyp.finished ? '' : ' (no end mark within the length limit)'}`,
    });
    this.views.beam.update(t, { expected: solve(this.applied, t.input), selected: this.selected, width: t.beam, alpha: t.alpha });
  }

  requestEvaluate(force = false) {
    if (this.ready && (this.isOpen('examples') || this.isOpen('length'))) this.live.evaluate.fire(force);
  }

  sendEvaluate() {
    const req = this.bridge.request('evaluate', { limit: EVAL_ALL_LIMIT, twin: this.comparing && this.isOpen('length') });
    this.fresh.evaluate = false;
    req.promise.then((r) => {
      this.evaluation = r;
      if (this.isOpen('examples')) this.views.examples.update(r.main, r.step);
      this.views.length.update(byLength(r.main.examples), r.twin ? byLength(r.twin.examples) : null, { count: r.main.count, step: r.step, twinStep: r.twinStep });
    }, (e) => {
      if (!(e instanceof Cancelled)) this.notices.warn('Could not evaluate the model', [e.message], { key: 'evaluate', timeout: 8000 });
    });
    return req;
  }

  // ---------------------------------------------------------------- model files and the saved session

  exportArgs({ save }) {
    return { twin: save && this.comparing };
  }

  downloadName(r) {
    const a = this.applied;
    return `seq2seq-${a.task}-${a.attention}-h${a.hidden}${a.layers > 1 ? `x${a.layers}` : ''}-step${r.step}.safetensors`;
  }

  downloadNote() {
    return 'the encoder-decoder as safetensors with PyTorch-style names; its metadata (model=seq2seq, the vocabulary and the experiment) lets this page open it again and regenerate the same held-out examples.';
  }

  openFailedHint(e, state) {
    return /pairs/.test(e.message) && state.task !== 'pairs' ? 'A model trained on your own pairs needs those pairs: load them first (Task → Use your own pairs), then open the model again.' : '';
  }

  openedFile() {
    this.state.input = '';
  }

  openedLines(r) {
    const a = this.applied;
    const task = taskById(a.task);
    return [
      `${task ? task.title : a.task}: ${a.bidirectional ? 'bidirectional ' : ''}${CELL_NAMES[a.encoder_cell]} encoder, ${CELL_NAMES[a.decoder_cell]} decoder, ${a.hidden} hidden units × ${a.layers} layer${a.layers > 1 ? 's' : ''}, ${ATTENTION_NAMES[a.attention]}; vocabulary of ${r.info.vocabSize}, ${fmtCompact(r.info.params)} parameters.`,
      r.step > 0 ? `Trained for ${fmtInt(r.step)} steps; training continues from there with a fresh optimizer.` : 'Training starts from these weights with a fresh optimizer.',
    ];
  }

  // The twin's checkpoint and history (when it is level with the model) and the accuracy points.
  recordExtras(r) {
    const twin = !!r.twinBytes && !!this.twinHistory;
    return {
      evals: { main: this.evals.main.filter(([s]) => s <= r.step), twin: twin ? this.evals.twin.filter(([s]) => s <= r.step) : [] },
      twinCheckpoint: twin ? r.twinBytes : undefined,
      twinHistory: twin ? this.twinHistory.toRecord(r.step) : undefined,
    };
  }
}
