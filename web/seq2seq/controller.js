// The seq2seq experiment controller: owns the seq2seq state (the link table's S2S_FIELDS), the user's pairs,
// the loss histories and accuracy points of the model and of its no-attention twin; turns control changes
// into engine calls through the bridge; feeds progress, evaluations and translations to the views; keeps
// the URL hash and the saved session (IndexedDB slot 'seq2seq') up to date and restores either. The page
// (app.js) starts it when the seq2seq mode is shown and stops it when the user switches back.
import { Cancelled } from './bridge.js';
import {
  encodeSeq2SeqState, parseValue, s2sDefaultState, s2sEngineConfig, s2sExperimentFields, s2sField, s2sSameExperiment,
  S2S_FIELDS, isWellFormed,
} from './state.js';
import { defaultInput, pairStats, solve, taskById, taskDefaults, typicalLengths } from './tasks.js';
import { calibrate, estimateSeq2Seq, judgeSeq2Seq } from './estimate.js';
import { History } from './history.js';
import { textKey } from './storage.js';
import { byLength } from './views/length-view.js';
import { fmtAgo, fmtBytes, fmtCompact, fmtInt, fmtSeconds } from './format.js';
import { h, perFrame, showChar } from './dom.js';

const SLOT = 'seq2seq';
const EVAL_ALL_LIMIT = 2000;       // the examples table and the by-length view read at most this many held-out examples
const TRANSLATE_MIN_MS = 250;
const EVALUATE_GAP_MS = 2500;
const SAVE_EVERY_MS = 5000;
const MAX_MODEL_FILE = 512 * 1024 * 1024;
const MAX_PAIRS_FILE = 32 * 1024 * 1024;
const EXPERIMENT_GROUPS = new Set(['data', 'model', 'train']);

const CELL_NAMES = {
  lstm: 'LSTM', lstm_peephole: 'peephole LSTM', lstm_coupled: 'coupled LSTM', gru: 'GRU', rnn_tanh: 'tanh RNN', rnn_relu: 'ReLU RNN',
};
export const ATTENTION_NAMES = {
  none: 'no attention', bahdanau: 'Bahdanau attention', dot: 'dot attention', general: 'general attention', concat: 'concat attention',
};

const same = (a, b) => (Array.isArray(a) ? JSON.stringify(a) === JSON.stringify(b) : a === b);
const linkLines = (notices) => notices.map((n) => n.replace(/^Link: /, ''));

export class Seq2SeqExperiment {
  constructor({ bridge, store, notices, toolbar, header, taskPanel, controls, views }) {
    Object.assign(this, { bridge, store, notices, toolbar, header, taskPanel, controls, views });
    this.state = s2sDefaultState();
    this.applied = null;          // experiment fields (and pairs) the engine's model was built from
    this.info = null;
    this.vocabSet = new Set();
    this.history = new History();
    this.twinHistory = null;      // the twin's losses while the comparison runs
    this.evals = { main: [], twin: [] };  // [step, exact, perChar] on the curve's subset
    this.ready = false;
    this.running = false;
    this.active = false;
    this.step = 0;
    this.twinStep = 0;
    this.comparing = false;       // the worker has a twin
    this.catchingUp = false;      // ... which is behind the model
    this.storeOk = false;
    this.rate = [];
    this.translation = null;
    this.evaluation = null;
    this.selected = -1;           // the hypothesis whose attention is drawn: -1 greedy, else a beam index
    this.inflight = { evaluate: null, translate: null, save: false };
    this.last = { evaluate: 0, translate: 0, save: 0 };
    this.fresh = { evaluate: false, translate: false };  // new accuracy points since the views last asked
    this.lastHash = null;
    this.updateReadouts = perFrame(() => this.renderReadouts());
    this.writeHashSoon = debounceAsync(() => this.writeHash(), 200);

    bridge.on('progress', (m) => {
      if (this.active && m.mode === 'seq2seq') this.onProgress(m);
    });
    bridge.on('runState', (m) => {
      if (this.active) this.setRunning(m.running, false);
    });
    bridge.on('error', (m) => {
      if (!this.active) return;
      this.setRunning(false, false);
      this.notices.error('Training stopped', [m.error]);
    });
    bridge.on('fatal', (m) => {
      if (this.active) this.onFatal(m.error);
    });
    this.timer = setInterval(() => this.background(), 250);
  }

  // ---------------------------------------------------------------- start and stop

  // Shows this mode: restores the saved session, or opens the link (decoded, for seq2seq; or null), or builds
  // a fresh model from the current settings. The page has already opened the store (storeOk).
  async start({ link, storeOk }) {
    this.active = true;
    this.toolbar.setStatus('Loading the engine…');
    link = link || { present: false };
    this.storeOk = storeOk;
    let stored = null;
    if (storeOk) {
      try {
        stored = await this.store.load(SLOT);
      } catch {
        stored = null;
      }
    }
    if (stored) stored.state = { ...s2sDefaultState(), ...stored.state, pairs: stored.text || '' };

    let restore = null;
    if (link.present && link.missingText && stored && stored.state.task === 'pairs') {
      // A link for pairs too large to carry: the pairs are the ones stored in this browser.
      const withPairs = { ...link.s2s, task: 'pairs', pairs: stored.state.pairs };
      if (s2sSameExperiment(stored.state, withPairs)) {
        link.s2s = withPairs;
        link.notices = link.notices.filter((n) => !n.includes('does not carry them'));
      }
    }
    if (link.present) {
      if (link.notices.length) this.notices.warn('Parts of the link could not be used', linkLines(link.notices));
      this.state = link.s2s;
      if (stored && s2sSameExperiment(stored.state, link.s2s)) {
        restore = stored;
      } else if (stored) {
        const rec = stored;
        this.notices.info('Opened the experiment in the link', [
          `It takes precedence over your previous seq2seq session in this browser (step ${fmtInt(rec.step)}, saved ${fmtAgo(Date.now() - rec.savedAt)}), which was not restored.`,
        ], { key: 'precedence', actions: [{ label: 'Restore my previous session instead', testid: 'restore-previous', onClick: () => this.restoreRecord(rec, rec.state, true) }] });
      }
    } else if (stored && (!this.applied || s2sSameExperiment(stored.state, this.linkState()))) {
      // (after a mode switch, settings changed since the last save win over the saved session)
      restore = stored;
      this.state = { ...stored.state, views: this.applied ? this.state.views : stored.state.views };
    }
    this.syncControls();
    try {
      await this.bridge.ready;
      this.engineStarted = true;
    } catch (e) {
      this.toolbar.setStatus('The engine did not load');
      this.notices.error('The engine could not start', [String(e.message || e), 'This page needs WebAssembly with SIMD (a current Chrome, Firefox, Safari or Edge). If you serve the page yourself, build the engine first: bash scripts/build_wasm.sh']);
      return;
    }
    if (!this.active) return;
    if (restore) await this.restoreRecord(restore, this.state, false);
    else await this.build({ confirmed: false });
    this.writeHashSoon();
  }

  // Leaves this mode: pauses, saves the session, and goes quiet.
  async stop() {
    if (!this.active) return;
    this.pause(true);
    if (this.ready) {
      this.last.save = 0;
      await this.save();
    }
    for (const req of [this.inflight.evaluate, this.inflight.translate]) if (req) req.cancel();
    this.active = false;
    this.ready = false;
    this.running = false;
  }

  // Restores a saved session: weights (and the twin's), loss histories and accuracy points.
  async restoreRecord(record, state, replacing) {
    this.pause(true);
    this.state = { ...state };
    if (this.state.task === 'pairs') this.state.pairs = record.text || '';
    this.syncControls();
    let r;
    try {
      r = await this.bridge.importSeq2Seq(new Uint8Array(record.checkpoint), s2sEngineConfig(this.state), this.pairsOf(this.state), {
        base: record.step, twinBytes: record.twinCheckpoint ? new Uint8Array(record.twinCheckpoint) : null, compare: this.wantsTwin(),
      });
    } catch (e) {
      if (e instanceof Cancelled) return;
      this.notices.warn('The saved model could not be restored', [e.message, 'Starting a fresh model with the same settings.']);
      await this.build({ confirmed: true });
      return;
    }
    this.adoptConfig(r.info.config);
    this.adopt(r, {
      history: History.fromRecord(record.history, r.step),
      twinHistory: record.twinHistory && record.twinCheckpoint ? History.fromRecord(record.twinHistory, r.twinStep) : null,
      evals: record.evals,
    });
    this.notices.info(replacing ? 'Restored your previous seq2seq session' : 'Restored your seq2seq session', [
      `Step ${fmtInt(r.step)}, saved ${fmtAgo(Date.now() - record.savedAt)} — weights, loss history and accuracy. The optimizer state starts afresh (the engine keeps none for seq2seq models). Press Space to keep training.`,
    ], { key: 'restored', timeout: 12000 });
    if (replacing) this.writeHashSoon();
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

  async build({ confirmed }) {
    const s = this.state;
    if (s.task === 'pairs' && !s.pairs) {
      this.askForPairs();
      this.revert();
      return false;
    }
    const verdict = judgeSeq2Seq(s, this.vocabGuess(s), this.lengths(s));
    this.showSize(verdict.e, null);
    if (verdict.refuse) {
      this.notices.error('This model cannot be built', [verdict.refuse], { key: 'build' });
      this.revert();
      return false;
    }
    if (verdict.warn && !confirmed) {
      const pending = { ...this.state };
      this.notices.warn('Big model', [verdict.warn], {
        key: 'build',
        actions: [
          { label: 'Build it anyway', testid: 'confirm-build', onClick: () => { this.state = pending; this.syncControls(); this.build({ confirmed: true }); } },
          { label: 'Cancel', testid: 'cancel-build', onClick: () => this.revert() },
        ],
      });
      this.revert();
      if (!this.applied) this.toolbar.setStatus('Waiting for you to confirm the model size');
      return false;
    }
    this.notices.clearKey('build');
    this.pause(true);
    const hadModel = this.ready;
    this.ready = false;
    this.toolbar.setEnabled(false);
    this.toolbar.setStatus('Building the model…');
    let r;
    try {
      r = await this.bridge.configureSeq2Seq(s2sEngineConfig(s), this.pairsOf(s), this.wantsTwin());
    } catch (e) {
      if (e instanceof Cancelled) return false;
      this.notices.error('This model cannot be built', [e.message], { key: 'build' });
      if (s.task === 'pairs') this.taskPanel.setError(e.message);
      this.revert();
      // the engine kept the model it had: carry on with it
      if (hadModel && this.applied && this.active) {
        this.ready = true;
        this.toolbar.setEnabled(true);
        this.toolbar.setStatus(`Paused at step ${fmtInt(this.step)}`);
      }
      return false;
    }
    this.taskPanel.setError('');
    this.adopt(r, {});
    this.saveSoon();
    return true;
  }

  // Takes over a freshly configured or imported session (the CONFIGURED message).
  adopt(r, { history = null, twinHistory = null, evals = null }) {
    const info = r.info;
    this.info = info;
    this.vocabSet = new Set(JSON.parse(info.vocab));
    this.applied = { ...s2sExperimentFields(this.state), pairs: this.pairsOf(this.state) };
    this.step = r.step;
    this.comparing = !!r.twin;
    this.twinStep = r.twin ? r.twinStep : 0;
    this.catchingUp = !!r.catchingUp;
    this.history = history && history.lastStep === r.step ? history : new History(r.step);
    this.twinHistory = r.twin ? (twinHistory && twinHistory.lastStep === this.twinStep ? twinHistory : new History(this.twinStep)) : null;
    this.evals = {
      main: evals && evals.main ? evals.main.filter(([st]) => st <= r.step) : [],
      twin: evals && evals.twin && this.twinHistory && this.twinHistory === twinHistory ? evals.twin.filter(([st]) => st <= this.twinStep) : [],
    };
    this.addEvals(r.evals || []);
    if (r.twinError) this.notices.warn('The no-attention twin could not start', [r.twinError], { key: 'twin' });
    this.rate = [];
    this.translation = null;
    this.evaluation = null;
    this.selected = -1;
    this.ready = true;
    this.toolbar.setEnabled(true);
    this.header.setEnabled(true);
    this.toolbar.setStatus(this.catchingUp ? this.catchUpText() : this.step ? `Paused at step ${fmtInt(this.step)}` : 'Ready: press Space or ▶ Play to train');
    this.taskPanel.setStats(info);
    this.showSize(estimateSeq2Seq(this.applied, info.vocabSize, this.lengths(this.applied)), info.params);
    const v = this.views;
    v.curves.setData(this.history, this.twinHistory, this.evals);
    v.examples.reset();
    v.attention.reset();
    v.beam.reset();
    v.length.reset();
    this.syncControls();
    this.renderReadouts();
    this.requestEvaluate(true);
    this.requestTranslate(true);
    this.writeHashSoon();
  }

  // Sets the experiment fields from the engine's normalised experiment JSON (after opening a file).
  adoptConfig(configJson) {
    let cfg;
    try {
      cfg = JSON.parse(configJson);
    } catch {
      return;
    }
    for (const f of S2S_FIELDS) {
      if (!f.engine || cfg[f.engine] === undefined) continue;
      const r = parseValue(f, typeof cfg[f.engine] === 'boolean' ? (cfg[f.engine] ? '1' : '0') : String(cfg[f.engine]));
      if (r.value !== undefined && !r.error) this.state[f.key] = f.type === 'number' ? Number(r.value.toPrecision(12)) : r.value;
    }
  }

  // Back to the settings of the model the engine has (after a refused or failed build).
  revert() {
    if (this.applied) {
      Object.assign(this.state, this.applied);
      this.writeHashSoon();  // the link shows the model there is, not the one refused
    } else {
      this.toolbar.setStatus('No model yet: change the settings');
    }
    this.syncControls();
  }

  showSize(e, params) {
    if (!e) return;
    this.controls.setSize(`${fmtCompact(params || e.params)} parameters · ${fmtBytes(e.bytes)} · about ${fmtSeconds(e.stepSeconds)} per step here (${fmtInt(e.targetCharsPerStep)} target characters)`);
  }

  askForPairs() {
    this.taskPanel.openPairs();
    this.notices.info('Paste or upload your pairs', ['Under “Use your own pairs”: one source<TAB>target pair per line, or upload a .tsv file (UTF-8). Then press “Train on these pairs”.'], { key: 'pairs-help', timeout: 10000 });
  }

  // ---------------------------------------------------------------- controls

  syncControls() {
    const s = this.state;
    this.taskPanel.setValues(s);
    this.controls.setValues(s);
    this.views.curves.setLogY(s.logy);
    this.views.beam.setValues(s);
    this.views.attention.setInput(s.input, this.exampleInput());
    this.syncCompare();
    for (const [id, view] of Object.entries(this.views)) view.card.setOpen(s.views.includes(id));
  }

  syncCompare() {
    const a = this.applied || this.state;
    this.views.length.setCompare(this.state.compare, a.attention !== 'none', a.attention === 'none' ? 'this model (no attention)' : `this model (${ATTENTION_NAMES[a.attention]})`);
  }

  // A control changed: validate, then rebuild the model (experiment fields) or update the views.
  setField(key, raw) {
    const f = s2sField(key);
    if (!f) return;
    const r = parseValue(f, raw);
    if (r.error) {
      this.notices.warn(`${f.label[0].toUpperCase()}${f.label.slice(1)}: ${r.error}`, [], { key: `invalid-${key}`, timeout: 8000 });
      this.syncControls();
      this.controls.markInvalid(key, r.error);
      return;
    }
    this.notices.clearKey(`invalid-${key}`);
    if (same(this.state[key], r.value)) return;
    if (EXPERIMENT_GROUPS.has(f.group)) {
      this.state[key] = r.value;
      if (key === 'task') {
        this.state.input = '';
        Object.assign(this.state, taskDefaults(r.value));  // each task starts from lengths that suit it
      }
      if (key === 'bidirectional' && r.value && this.state.attention === 'dot') {
        this.state.attention = 'general';
        this.notices.info('Switched the attention to Luong general', ['Dot attention compares the decoder state with each encoder state directly, so it needs a unidirectional encoder (a bidirectional one has states twice as wide). General attention learns that comparison instead.'], { key: 'dot', timeout: 10000 });
      }
      this.syncControls();
      this.build({ confirmed: false });
      return;
    }
    this.state[key] = r.value;
    switch (key) {
      case 'compare':
        this.setCompare(r.value);
        break;
      case 'logy':
        this.views.curves.setLogY(r.value);
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
    this.writeHashSoon();
  }

  setViewOpen(id, open) {
    const views = new Set(this.state.views);
    if (open) views.add(id);
    else views.delete(id);
    this.setField('views', Object.keys(this.views).filter((v) => views.has(v)).join(','));
    if (open) {
      if (id === 'attention' || id === 'beam') this.requestTranslate(true);
      if (id === 'examples' || id === 'length') this.requestEvaluate(true);
    }
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
    if (typeof text !== 'string' || !text.trim()) {
      this.notices.error(`The ${source} cannot be used`, ['There is nothing there: paste one source<TAB>target pair per line.'], { key: 'pairs' });
      return;
    }
    if (!isWellFormed(text)) {
      this.notices.error(`The ${source} cannot be used`, ['They contain broken Unicode (a lone surrogate), which cannot be encoded as UTF-8.'], { key: 'pairs' });
      return;
    }
    const st = pairStats(text);
    if (!st.pairs) {
      this.notices.error(`The ${source} cannot be used`, ['No line has a source, a tab and a target.'], { key: 'pairs' });
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
    if (file.size > MAX_PAIRS_FILE) {
      this.notices.error('This file cannot be used', [`${file.name} is ${fmtBytes(file.size)}; the page reads pair files up to ${fmtBytes(MAX_PAIRS_FILE)}.`], { key: 'pairs' });
      return;
    }
    let text;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(await file.arrayBuffer());
    } catch {
      this.notices.error('This file cannot be used', [`${file.name} is not valid UTF-8 text. Save it as UTF-8 and try again.`], { key: 'pairs' });
      return;
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
    const req = this.bridge.setCompare(on);
    let r;
    try {
      r = await req.promise;
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
    if (this.catchingUp) this.toolbar.setStatus(this.catchUpText());
    this.requestEvaluate(true);
    this.requestTranslate(true);
    this.saveSoon();
  }

  selectHypothesis(index) {
    this.selected = index;
    this.renderTranslation();
  }

  // ---------------------------------------------------------------- training

  togglePlay() {
    if (this.running) this.pause();
    else this.play();
  }

  play() {
    if (!this.ready || this.running) return;
    this.bridge.play();
    this.setRunning(true, true);
  }

  pause(quiet = false) {
    if (!this.running) return;
    this.bridge.pause();
    this.setRunning(false, true);
    if (!quiet) this.afterPause();
  }

  // The worker handles messages in order, so these run on the weights as they are after the pause.
  afterPause() {
    if (this.info) this.showSize(estimateSeq2Seq(this.applied, this.info.vocabSize, this.lengths(this.applied)), this.info.params);
    this.requestEvaluate(true);
    this.requestTranslate(true);
    this.saveSoon();
  }

  stepOnce() {
    if (!this.ready) return;
    if (this.running) {
      this.pause();
      return;
    }
    this.bridge.step(1);
  }

  reset() {
    if (!this.applied) return;
    this.pause(true);
    Object.assign(this.state, this.applied);
    this.syncControls();
    this.build({ confirmed: true });
  }

  setRunning(running, local) {
    const was = this.running;
    this.running = running;
    this.toolbar.setRunning(running);
    if (running) this.toolbar.setStatus(this.catchingUp ? this.catchUpText() : 'Training…');
    else if (this.ready) this.toolbar.setStatus(this.catchingUp ? this.catchUpText() : `Paused at step ${fmtInt(this.step)}`);
    if (was && !running && !local) this.afterPause();  // the worker stopped by itself
  }

  catchUpText() {
    return `The no-attention twin is catching up: step ${fmtInt(this.twinStep)} of ${fmtInt(this.step)}`;
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

  onProgress(m) {
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
    this.step = m.step;
    if (this.comparing) this.twinStep = m.twinStep;
    const wasCatchingUp = this.catchingUp;
    this.catchingUp = !!m.catchingUp;
    this.views.curves.update(from, twinFrom);
    if (m.evals.length) this.views.curves.setEvals(this.evals);
    const t = performance.now();
    this.rate.push([t, m.targetChars, m.seconds]);
    while (this.rate.length > 1 && t - this.rate[0][0] > 2000) this.rate.shift();
    if (this.info && m.losses.length && !m.twinLosses.length)
      calibrate(estimateSeq2Seq(this.applied, this.info.vocabSize, this.lengths(this.applied)).flopsPerStep, m.losses.length, m.seconds);
    if (m.nonfinite > 0)
      this.notices.warn('Training is unstable', [`${fmtInt(m.nonfinite)} recent step${m.nonfinite > 1 ? 's' : ''} gave a non-finite loss or gradient and ${m.nonfinite > 1 ? 'were' : 'was'} skipped (the weights were kept). Lower the learning rate or the gradient-norm clip.`], { key: 'nonfinite' });
    if (this.catchingUp) this.toolbar.setStatus(this.catchUpText());
    else if (!this.running && !this.bridge.running) this.toolbar.setStatus(`Paused at step ${fmtInt(this.step)}`);
    else if (wasCatchingUp) this.toolbar.setStatus('Training…');
    this.updateReadouts();
    if (newMain) this.fresh.translate = true;
    if (m.evals.length) this.fresh.evaluate = true;
    // single steps, or the twin has just caught up while paused: refresh the views right away
    if (!this.running && !this.catchingUp && (m.losses.length || wasCatchingUp)) {
      this.requestEvaluate(true);
      this.requestTranslate(true);
      this.saveSoon();
      this.save();
    }
  }

  renderReadouts() {
    let chars = 0, secs = 0;
    for (const [, c, s] of this.rate) {
      chars += c;
      secs += s;
    }
    const last = this.evals.main[this.evals.main.length - 1];
    this.toolbar.updateSeq2Seq({
      step: this.ready ? this.step : NaN,
      loss: this.history.smoothedLoss,
      exact: last ? last[1] : NaN,
      perChar: last ? last[2] : NaN,
      targetCharsPerSec: secs > 0 ? chars / secs : NaN,
      params: this.info ? this.info.params : NaN,
    });
  }

  // Periodic work: translations and evaluations after each new accuracy point, and saves, each throttled.
  background() {
    if (!this.ready || !this.active) return;
    const now = performance.now();
    const open = (id) => this.state.views.includes(id);
    if (this.running || this.catchingUp) {
      if ((open('attention') || open('beam')) && this.fresh.translate && !this.inflight.translate && now - this.last.translate >= TRANSLATE_MIN_MS) this.requestTranslate();
      if ((open('examples') || open('length')) && this.fresh.evaluate && !this.inflight.evaluate && now - this.last.evaluate >= (this.evaluateGap || EVALUATE_GAP_MS)) this.requestEvaluate();
    }
    if (this.dirty && !this.inflight.save && now - this.last.save >= SAVE_EVERY_MS) this.save();
    if (this.running) this.dirty = true;
  }

  // ---------------------------------------------------------------- evaluation and translation

  exampleInput() {
    return defaultInput(this.applied || this.state, this.info && this.info.samples);
  }

  // The typed input (or the example) limited to characters the model knows, and a note about the rest.
  knownInput() {
    const raw = Array.from(this.state.input || this.exampleInput()).slice(0, 255);
    const dropped = new Set();
    let text = '';
    for (const ch of raw) {
      if (this.vocabSet.has(ch)) text += ch;
      else dropped.add(ch);
    }
    const note = dropped.size ? `Left out (not in the model's vocabulary): ${[...dropped].slice(0, 12).map((c) => `'${showChar(c)}'`).join(' ')}${dropped.size > 12 ? ' …' : ''}` : '';
    return { text, note };
  }

  requestTranslate(force) {
    if (!this.ready) return;
    const open = (id) => this.state.views.includes(id);
    if (!open('attention') && !open('beam')) return;
    if (this.inflight.translate) {
      if (!force) return;
      this.inflight.translate.cancel();
    }
    const { text, note } = this.knownInput();
    this.views.attention.setNote(text ? note : `${note || 'Type an input.'} Nothing left to translate.`);
    this.views.attention.setInput(this.state.input, this.exampleInput());
    if (!text) return;
    const beam = this.state.beam, alpha = this.state.alpha;
    const req = this.bridge.translate(text, beam, alpha, this.comparing && open('beam'));
    this.inflight.translate = req;
    this.fresh.translate = false;
    req.promise.then((r) => {
      this.translation = { ...r, input: text, beam, alpha };
      if (this.selected >= r.beams.length) this.selected = -1;
      this.renderTranslation();
    }, (e) => {
      if (!(e instanceof Cancelled)) this.views.attention.setNote(e.message);
    }).finally(() => {
      if (this.inflight.translate === req) this.inflight.translate = null;
      this.last.translate = performance.now();
    });
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

  requestEvaluate(force) {
    if (!this.ready) return;
    const open = (id) => this.state.views.includes(id);
    if (!open('examples') && !open('length')) return;
    if (this.inflight.evaluate) {
      if (!force) return;
      this.inflight.evaluate.cancel();
    }
    const req = this.bridge.evaluate(EVAL_ALL_LIMIT, this.comparing && open('length'));
    this.inflight.evaluate = req;
    this.fresh.evaluate = false;
    const t0 = performance.now();
    req.promise.then((r) => {
      this.evaluation = r;
      if (this.state.views.includes('examples')) this.views.examples.update(r.main, r.step);
      this.renderLength();
    }, (e) => {
      if (!(e instanceof Cancelled)) this.notices.warn('Could not evaluate the model', [e.message], { key: 'evaluate', timeout: 8000 });
    }).finally(() => {
      if (this.inflight.evaluate === req) this.inflight.evaluate = null;
      this.last.evaluate = performance.now();
      // evaluate less often when it is slow (many held-out examples), so it never crowds out training
      this.evaluateGap = Math.max(EVALUATE_GAP_MS, 6 * (this.last.evaluate - t0));
    });
  }

  renderLength() {
    const r = this.evaluation;
    if (!r) return;
    this.views.length.update(byLength(r.main.examples), r.twin ? byLength(r.twin.examples) : null, { count: r.main.count, step: r.step, twinStep: r.twinStep });
  }

  // ---------------------------------------------------------------- saving and links

  saveSoon() {
    this.dirty = true;
    this.last.save = 0;
  }

  async save() {
    if (!this.storeOk || !this.ready || this.inflight.save) return;
    this.inflight.save = true;
    this.dirty = false;
    try {
      const r = await this.bridge.exportSeq2Seq(this.comparing).promise;
      const state = { ...this.state, ...s2sExperimentFields(this.applied) };
      const pairs = state.task === 'pairs';
      const twin = !!r.twinBytes && !!this.twinHistory;
      const record = {
        kind: 'seq2seq',
        savedAt: Date.now(),
        state: { ...state, pairs: '' },
        textKey: pairs ? textKey(this.applied.pairs) : undefined,
        text: pairs ? this.applied.pairs : undefined,
        checkpoint: r.bytes,
        step: r.step,
        history: this.history.toRecord(r.step),
        evals: { main: this.evals.main.filter(([s]) => s <= r.step), twin: twin ? this.evals.twin.filter(([s]) => s <= r.step) : [] },
        twinCheckpoint: twin ? r.twinBytes : undefined,
        twinHistory: twin ? this.twinHistory.toRecord(r.step) : undefined,
      };
      await this.store.save(record, SLOT);
    } catch (e) {
      if (!(e instanceof Cancelled) && !this.saveWarned) {
        this.saveWarned = true;
        this.notices.warn('Could not save the session', [String(e.message || e), 'Training goes on; download the model to keep it.']);
      }
    } finally {
      this.inflight.save = false;
      this.last.save = performance.now();
    }
  }

  flush() {
    if (this.active && this.ready && (this.dirty || this.running)) {
      this.last.save = 0;
      this.save();
    }
  }

  linkState() {
    return this.applied ? { ...this.state, ...s2sExperimentFields(this.applied), pairs: this.applied.pairs } : this.state;
  }

  async writeHash() {
    if (!this.active) return;
    const state = this.linkState();
    const { hash, notices } = await encodeSeq2SeqState(state);
    if (notices.length && this.linkNoticePairs !== state.pairs) this.notices.warn('About the share link', notices, { key: 'link-text' });
    else if (!notices.length) this.notices.clearKey('link-text');
    this.linkNoticePairs = notices.length ? state.pairs : null;
    this.lastHash = hash;
    if (this.active && location.hash.slice(1) !== hash) history.replaceState(null, '', `#${hash}`);
  }

  // A seq2seq link typed or pasted into the address bar while this mode is shown (decoded by the page).
  async applyLink(link) {
    if (link.notices.length) this.notices.warn('Parts of the link could not be used', linkLines(link.notices));
    const before = this.linkState();
    this.state = link.s2s;
    this.syncControls();
    if (!s2sSameExperiment(before, link.s2s)) {
      await this.build({ confirmed: false });
    } else {
      if (before.compare !== link.s2s.compare) this.setCompare(link.s2s.compare);
      this.requestTranslate(true);
      this.requestEvaluate(true);
      this.writeHashSoon();
    }
  }

  async copyLink() {
    const { hash, notices } = await encodeSeq2SeqState(this.linkState());
    const url = `${location.href.split('#')[0]}#${hash}`;
    try {
      await navigator.clipboard.writeText(url);
      this.notices.info('Link copied', ['Anyone who opens it gets this task, model and training settings, seed, input and views; pressing play reproduces the same loss and accuracy curves.', ...notices], { key: 'copy', timeout: 6000 });
    } catch {
      this.notices.warn('Copy this link', [url, ...notices], { key: 'copy' });
    }
  }

  // ---------------------------------------------------------------- models in and out

  async downloadModel() {
    if (!this.ready) return;
    try {
      const r = await this.bridge.exportSeq2Seq(false).promise;
      const a = this.applied;
      const name = `seq2seq-${a.task}-${a.attention}-h${a.hidden}${a.layers > 1 ? `x${a.layers}` : ''}-step${r.step}.safetensors`;
      const url = URL.createObjectURL(new Blob([r.bytes], { type: 'application/octet-stream' }));
      const link = h('a', { href: url, download: name, hidden: true });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 5000);
      this.notices.info('Model downloaded', [`${name} (${fmtBytes(r.bytes.length)}): the encoder-decoder as safetensors with PyTorch-style names; its metadata (model=seq2seq, the vocabulary and the experiment) lets this page open it again and regenerate the same held-out examples.`], { key: 'download', timeout: 8000 });
    } catch (e) {
      if (!(e instanceof Cancelled)) this.notices.error('Could not export the model', [e.message]);
    }
  }

  async openModel(file) {
    if (!this.ready && !this.bridge.alive) return;
    if (file.size > MAX_MODEL_FILE) {
      this.notices.error(`Could not open ${file.name}`, [`It is ${fmtBytes(file.size)}; the page opens models up to ${fmtBytes(MAX_MODEL_FILE)}.`, 'Your current session is unchanged.'], { key: 'open' });
      return;
    }
    const wasRunning = this.running;
    this.pause();
    let bytes;
    try {
      bytes = new Uint8Array(await file.arrayBuffer());
    } catch (e) {
      this.notices.error(`Could not read ${file.name}`, [String(e.message || e)], { key: 'open' });
      return;
    }
    const state = this.linkState();
    let r;
    try {
      r = await this.bridge.importSeq2Seq(bytes, s2sEngineConfig(state), this.pairsOf(state), { compare: this.wantsTwin() });
    } catch (e) {
      if (e instanceof Cancelled) return;
      const lines = [e.message, 'Your current session is unchanged.'];
      if (/pairs/.test(e.message) && state.task !== 'pairs') lines.splice(1, 0, 'A model trained on your own pairs needs those pairs: load them first (Task → Use your own pairs), then open the model again.');
      this.notices.error(`Could not open ${file.name}`, lines, { key: 'open' });
      if (wasRunning) this.play();
      return;
    }
    this.adoptConfig(r.info.config);
    this.state.input = '';
    this.adopt(r, {});
    const a = this.applied;
    const task = taskById(a.task);
    this.notices.info(`Opened ${file.name}`, [
      `${task ? task.title : a.task}: ${a.bidirectional ? 'bidirectional ' : ''}${CELL_NAMES[a.encoder_cell]} encoder, ${CELL_NAMES[a.decoder_cell]} decoder, ${a.hidden} hidden units × ${a.layers} layer${a.layers > 1 ? 's' : ''}, ${ATTENTION_NAMES[a.attention]}; vocabulary of ${r.info.vocabSize}, ${fmtCompact(r.info.params)} parameters.`,
      r.step > 0 ? `Trained for ${fmtInt(r.step)} steps; training continues from there with a fresh optimizer.` : 'Training starts from these weights with a fresh optimizer.',
      'A share link carries these settings, not the opened weights.',
    ], { key: 'open' });
    this.saveSoon();
  }

  // ---------------------------------------------------------------- failures

  onFatal(error) {
    if (!this.engineStarted) return;
    this.ready = false;
    this.running = false;
    this.toolbar.setRunning(false);
    this.toolbar.setEnabled(false);
    this.toolbar.setStatus('The engine stopped');
    this.notices.error('The engine stopped', [error, 'Restart it to continue from the last saved state of this session.'], {
      key: 'fatal',
      actions: [{ label: 'Restart the engine', testid: 'restart-engine', onClick: () => this.restartEngine() }],
    });
  }

  async restartEngine() {
    this.toolbar.setStatus('Restarting the engine…');
    try {
      await this.bridge.restart();
    } catch (e) {
      this.onFatal(String(e.message || e));
      return;
    }
    const stored = this.storeOk ? await this.store.load(SLOT).catch(() => null) : null;
    if (stored && this.applied && s2sSameExperiment({ ...s2sDefaultState(), ...stored.state, pairs: stored.text || '' }, this.linkState()))
      await this.restoreRecord(stored, { ...this.state }, false);
    else await this.build({ confirmed: true });
  }
}

function debounceAsync(fn, ms) {
  let t = 0;
  return () => {
    clearTimeout(t);
    t = setTimeout(() => {
      fn().catch((e) => console.error(e));
    }, ms);
  };
}
