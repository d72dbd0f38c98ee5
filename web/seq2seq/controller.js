// The seq2seq controller: the shell's Controller (shell/controller.js) with what an encoder-decoder adds —
// the task or your own pairs, the accuracy points, the fixed-context twin (the same experiment without
// attention, trained in lockstep in the worker, with its own loss history and accuracy), translations with
// their attention and beam hypotheses, the held-out evaluation, and its readouts (exact match, per
// character, target characters per second).
import { Controller } from '../shell/controller.js';
import { Cancelled } from '../shell/bridge.js';
import { calibrate } from '../shell/estimate.js';
import { fmtCompact, fmtInt } from '../shell/format.js';
import { openedTrainingLines } from '../shell/model-files.js';
import { History } from '../shell/history.js';
import { S2S_CONFIG_GROUPS } from './fields.js';
import { checkPairs, readPairsFile } from './pairs-source.js';
import { defaultInput, taskDefaults } from './tasks.js';
import { Decoding } from './decoding.js';

const pct = (x) => (Number.isFinite(x) ? `${(x * 100).toFixed(x >= 0.9995 || x === 0 ? 0 : 1)}%` : '–');

export class Seq2SeqController extends Controller {
  constructor(shell) {
    super(shell);
    this.twinHistory = null;      // the twin's losses while the comparison runs
    this.evals = { main: [], twin: [] };  // [step, exact, perChar] on the curve's subset
    this.twinStep = 0;
    this.comparing = false;       // the worker has a twin
    this.catchingUp = false;      // ... which is behind the model
    this.decoding = new Decoding(this);
    this.words = {
      session: 'seq2seq session',
      restored: 'weights, optimizer state and data position, loss history and accuracy.',
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

  config(s) {
    return this.table.engineConfig(s, S2S_CONFIG_GROUPS);
  }

  // What the engine's estimator reads: the experiment and your pairs (a task's examples it makes itself).
  costQuery(state) {
    return { experiment: this.config(state), data: state.task === 'pairs' ? { pairs: state.pairs || '' } : {} };
  }

  async judge() {
    const s = this.state;
    if (s.task === 'pairs' && !s.pairs) {
      this.askForPairs();
      return null;
    }
    const verdict = await this.costVerdict();
    // the engine refuses your pairs before it estimates a model: the fault is in the pairs, not the model
    this.pairsRefused = !!(verdict && verdict.refuse && !verdict.e && s.task === 'pairs');
    if (this.pairsRefused) {
      this.taskPanel.setError(verdict.refuse);
      return { ...verdict, title: 'These pairs cannot be used' };
    }
    return verdict;
  }

  configureFields() {
    return { config: JSON.stringify(this.config(this.state)), pairs: this.pairsOf(this.state), compare: this.wantsTwin() };
  }

  // record: a saved session (its step and its twin's checkpoint come along), or null for a file
  importFields(bytes, state, record) {
    const fields = { bytes, config: JSON.stringify(this.config(state)), pairs: this.pairsOf(state), compare: this.wantsTwin() };
    if (record) Object.assign(fields, { base: record.step, twinBytes: record.twinCheckpoint ? new Uint8Array(record.twinCheckpoint) : null });
    return fields;
  }

  buildFailed(e) {
    if (this.state.task === 'pairs') this.taskPanel.setError(e.message);
  }

  stepWork(e) {
    return `${fmtInt(Math.round(e.unitsPerStep))} target characters`;
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
    this.decoding.reset();
    this.taskPanel.setError('');
    this.taskPanel.setStats(r.info);
    const v = this.views;
    v.curves.setData(this.history, this.twinHistory, this.evals);
    for (const id of ['examples', 'attention', 'beam', 'length']) v[id].reset();
  }

  askForPairs() {
    this.taskPanel.openOwn();
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
    this.views.length.setCompare(this.state.compare, a.attention !== 'none', a.attention === 'none' ? 'this model (no attention)' : `this model (${this.family.catalogue.attentionLabel(a.attention)})`);
  }

  experimentChanged(key, value) {
    if (key === 'task') {
      this.state.input = '';
      Object.assign(this.state, taskDefaults(this.family.catalogue, value));  // each task starts from lengths that suit it
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
        this.decoding.translate(true);
        break;
      case 'input':
        this.decoding.selected = -1;
        this.decoding.translate(true);
        break;
      default:
        break;
    }
  }

  viewOpened(id) {
    if (id === 'attention' || id === 'beam') this.decoding.translate(true);
    if (id === 'examples' || id === 'length') this.decoding.evaluate(true);
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
    const r = checkPairs(text);
    if (r.error) {
      this.notices.error(`The ${source} cannot be used`, [r.error], { key: 'pairs' });
      if (r.lineError) this.taskPanel.setError(r.lineError);
      return;
    }
    this.notices.clearKey('pairs');
    this.state.task = 'pairs';
    this.state.pairs = text;
    this.state.input = '';
    this.taskPanel.setOwnText(text);
    this.syncControls();
    await this.build({ confirmed: false });
  }

  // The pairs in the box changed: a refusal of the earlier ones no longer applies.
  pairsEdited() {
    if (this.pairsRefused) this.notices.clearKey('build');
    this.pairsRefused = false;
  }

  async usePairsFile(file) {
    const r = await readPairsFile(file);
    if (r.error) this.notices.error('This file cannot be used', [r.error], { key: 'pairs' });
    else await this.usePairs(r.text, file.name);
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
    this.decoding.select(index);
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
    if (this.cost && m.losses.length && !m.twinLosses.length) calibrate(this.cost.flopsPerStep, m.losses.length, m.seconds);
    if (newMain) this.decoding.fresh.translate = true;
    if (m.evals.length) this.decoding.fresh.evaluate = true;
    return m.targetChars;
  }

  readouts(perSecond) {
    const last = this.evals.main[this.evals.main.length - 1];
    return {
      // named with the step it was measured at: it is not re-measured every step, unlike the step readout
      'readout-exact': { text: pct(last ? last[1] : NaN), note: last ? `@${fmtCompact(last[0])}` : '' },
      'readout-per-char': pct(last ? last[2] : NaN),
      'readout-target-chars-per-sec': Number.isFinite(perSecond) && perSecond > 0 ? fmtCompact(perSecond) : '–',
    };
  }

  // ---------------------------------------------------------------- what the model writes (decoding.js)

  refreshViews() {
    this.decoding.evaluate(true);
    this.decoding.translate(true);
  }

  liveRequests() {
    return this.decoding.liveRequests();
  }

  // the last translation and held-out evaluation (recurrentPlayground.translation / .evaluation)
  get translation() { return this.decoding.translation; }
  get evaluation() { return this.decoding.evaluation; }

  exampleInput() {
    return defaultInput(this.applied || this.state, this.info && this.info.samples);
  }

  // ---------------------------------------------------------------- model files and the saved session

  // A saved session keeps the optimizer state and data position, so reopening it trains on exactly.
  exportArgs({ save, withState }) {
    return { twin: save && this.comparing, withTrainingState: save || !!withState };
  }

  downloadName(r, withState) {
    const a = this.applied;
    return `seq2seq-${a.task}-${a.attention}-h${a.hidden}${a.layers > 1 ? `x${a.layers}` : ''}-step${r.step}${withState ? '-resumable' : ''}.safetensors`;
  }

  downloadNote(withState) {
    return `the encoder-decoder as safetensors with PyTorch-style names${withState ? ', plus the optimizer state and data position to resume training exactly' : ''}; its metadata (model=seq2seq, the vocabulary and the experiment) lets this page open it again and regenerate the same held-out examples.`;
  }

  // The PyTorch project's data (shell/pytorch-project.js): your pairs, which train_seq2seq.py continues on;
  // a generated task's pairs come from the engine's generators, so such a run continues here or with `rnn`.
  projectData() {
    const a = this.applied;
    const cat = this.family.catalogue;
    const task = cat.task('seq2seq', a.task);
    const own = a.task === 'pairs';
    const cells = a.encoder_cell === a.decoder_cell ? `${cat.cellLabel(a.encoder_cell)} encoder and decoder` : `${cat.cellLabel(a.encoder_cell)} encoder, ${cat.cellLabel(a.decoder_cell)} decoder`;
    return {
      summary: `A sequence-to-sequence model: ${a.bidirectional ? 'bidirectional ' : ''}${cells}, ${a.hidden} hidden units × ${a.layers} layer${a.layers > 1 ? 's' : ''}, ${cat.attentionLabel(a.attention)}, trained on ${own ? 'your own pairs' : `the generated task ${task ? task.title : a.task}`}`,
      files: own ? [{ name: 'pairs.tsv', data: a.pairs, about: 'the pairs it trains on (source<TAB>target, one per line), as UTF-8' }] : [],
      data: own ? ['--pairs', 'pairs.tsv'] : ['--task', a.task],
      train: [],
      batch: a.batch,
      notes: ['The pairs are split into training and held-out ones by the run\'s seed, as the page split them.'],
      reopen: own ? 'It trains on your pairs: load `pairs.tsv` in the page first (Task → Use your own pairs), then open the file.' : '',
      refusal: own ? '' : `\`train_seq2seq.py\` continues runs on your own pairs. This one trained on the generated task '${a.task}', whose pairs come from the engine's generators, so its training continues in the page or with the \`rnn\` command line (below); in PyTorch, its module loads the weights (see "In your own code").`,
    };
  }

  openFailedHint(e, state) {
    return /pairs/.test(e.message) && state.task !== 'pairs' ? 'A model trained on your own pairs needs those pairs: load them first (Task → Use your own pairs), then open the model again.' : '';
  }

  openedFile() {
    this.state.input = '';
  }

  openedLines(r) {
    const a = this.applied;
    const cat = this.family.catalogue;
    const task = cat.task('seq2seq', a.task);
    return [
      `${task ? task.title : a.task}: ${a.bidirectional ? 'bidirectional ' : ''}${cat.cellLabel(a.encoder_cell)} encoder, ${cat.cellLabel(a.decoder_cell)} decoder, ${a.hidden} hidden units × ${a.layers} layer${a.layers > 1 ? 's' : ''}, ${cat.attentionLabel(a.attention)}; vocabulary of ${r.info.vocabSize}, ${fmtCompact(r.info.params)} parameters.`,
      ...openedTrainingLines(r),
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
