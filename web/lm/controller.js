// The char LM's controller: the shell's Controller (shell/controller.js) with what a language model adds —
// the training text (a preset loaded from a file, or your own), its held-out split and size checks, the
// probe views (heatmap, gates, neuron inspector, gradient flow), streamed samples and next-character
// predictions, and its readouts (held-out loss, perplexity, characters per second).
import { Controller } from '../shell/controller.js';
import { calibrate, heldOutCap, sensitivityChars } from '../shell/estimate.js';
import { fmtCompact, fmtInt, fmtLoss, fmtPerplexity } from '../shell/format.js';
import { CONFIG_GROUPS } from './fields.js';
import { LiveRequest } from '../shell/live-requests.js';
import { ProbeData } from './probe-data.js';
import { presetById } from './presets.js';
import { checkText, loadPreset, readTextFile, textStats } from './text-source.js';
import { Cancelled } from '../shell/bridge.js';
import { modelFileHooks } from './model-file.js';

const PROBE_VIEWS = ['states', 'gates', 'neuron', 'gradients'];

export class CharLMController extends Controller {
  constructor(shell) {
    super(shell);
    this.text = '';            // the training text of the state (a preset's file, or the custom text)
    this.appliedText = '';     // ... and of the model the engine has
    this.appliedStats = null;  // its size, vocabulary and held-out split
    this.probe = null;         // ProbeData of the last probe
    this.words = {
      session: 'session',
      restored: 'weights, optimizer state and loss history.',
      unstable: 'Lower the learning rate or turn on gradient clipping.',
      copied: 'Anyone who opens it gets this text, model and training settings, seed and views; pressing play reproduces the same loss curve.',
    };
  }

  // ---------------------------------------------------------------- the text and the model

  // Loads this.text for the current state (a preset file or the custom text). False on failure.
  async loadData() {
    const s = this.state;
    if (s.preset === 'custom') {
      const r = checkText(s.text);
      if (r.error) {
        this.notices.error('The custom text cannot be used', [r.error, 'Using the Shakespeare preset instead.']);
        s.preset = this.table.field('preset').def;
        s.text = '';
        this.syncControls();
        return this.loadData();
      }
      this.text = s.text;
      return true;
    }
    try {
      this.toolbar.setStatus('Loading the text…');
      this.text = await loadPreset(s.preset);
      return true;
    } catch (e) {
      this.notices.error('The text could not be loaded', [e.message]);
      this.toolbar.setStatus('No text');
      return false;
    }
  }

  // The text's size and vocabulary, and the held-out split (and fraction for the engine) for settings s,
  // whose cost e (the engine's estimate) caps the held-out part.
  textStats(text, s, e) {
    const cap = e ? heldOutCap(e) : 10000;
    return textStats(text, s.holdout, cap);
  }

  // What the engine's estimator reads: the experiment, and the vocabulary (the model's once there is one).
  costQuery(state, applied) {
    const vocab = applied && this.info ? this.info.vocabSize : new Set(this.text).size;
    return { experiment: this.table.engineConfig(state, ['data', ...CONFIG_GROUPS]), data: { vocab: Math.max(2, vocab) } };
  }

  async judge() {
    const text = this.text, s = this.state;
    const needed = s.batch * s.seq + 1;
    let stats = null;
    const verdict = await this.costVerdict((e) => {
      stats = this.textStats(text, s, e);
      if (stats.trainChars >= needed) return '';
      return `The training text has ${stats.trainChars.toLocaleString('en-US')} characters, but batch × sequence length needs at least ${needed.toLocaleString('en-US')}. Lower the batch size or sequence length, or use a longer text.`;
    });
    if (stats) this.dataPanel.setStats(stats);
    const tooShort = verdict && verdict.e && verdict.refuse && stats && stats.trainChars < needed;
    return verdict && { ...verdict, stats, title: tooShort ? 'The training text is too short' : undefined };
  }

  configureFields(verdict) {
    this.nextFraction = verdict.stats.fraction;
    return { config: JSON.stringify(this.table.engineConfig(this.state, CONFIG_GROUPS)), text: this.text, holdout: this.nextFraction, baselines: this.baselineSettings() };
  }

  // The memoryless baselines the state asks for (0 = off).
  baselineSettings() {
    return { ngram: this.state.ngram, window: this.state.window };
  }

  importFields(bytes, state, record, e) {
    this.nextFraction = this.textStats(this.text, state, e).fraction;
    return { bytes, text: this.text, holdout: this.nextFraction, config: JSON.stringify(this.table.engineConfig(state, CONFIG_GROUPS)), baselines: { ngram: state.ngram, window: state.window } };
  }

  // The held-out fraction as the engine got it (the link's, capped on big texts and models).
  commandValues() {
    return this.appliedFraction === undefined ? {} : { holdout: this.appliedFraction };
  }

  captureSettings() {
    return { ...super.captureSettings(), text: this.text };
  }

  restoreSettings(pending) {
    super.restoreSettings(pending);
    this.text = pending.text;
  }

  reverted() {
    this.text = this.appliedText;
    this.dataPanel.setStats(this.appliedStats);
  }

  stepWork(e) {
    return `${fmtInt(e.unitsPerStep)} characters`;
  }

  adoptDetails(r) {
    const info = r.info;
    this.appliedText = this.text;
    this.appliedFraction = this.nextFraction;
    this.history.addHeldOut(r.heldOut || []);
    // the window network always starts afresh with a model (restored or opened too); the n-gram's points stand
    this.history.clearBaseline('window');
    if (!(this.state.ngram > 0)) this.history.clearBaseline('ngram');
    this.history.addBaselines(r.baselines || []);
    if (r.baselineError) this.baselineRefused(r.baselineError);
    this.probe = null;
    // Distinct characters of the text as trained on: an opened model's vocabulary may be larger than the
    // text's, and characters outside it were left out.
    const distinct = [...new Set(this.text)].filter((c) => this.vocabSet.has(c)).length;
    this.appliedStats = { chars: info.trainChars + info.heldChars, distinct, trainChars: info.trainChars, heldChars: info.heldChars };
    this.dataPanel.setStats(this.appliedStats);
    const v = this.views;
    v.loss.setBaselines(this.state);
    v.loss.setHistory(this.history);
    v.samples.reset();
    v.states.setSources(this.family.catalogue.sources(this.state.cell), this.state.heat);
    for (const key of PROBE_VIEWS) v[key].reset();
    this.clampView();
  }

  // ---------------------------------------------------------------- controls

  syncControls() {
    super.syncControls();
    const s = this.state;
    this.dataPanel.setValues(s);
    this.baselinePanel.setValues(s);
    this.views.samples.setValues(s);
    this.views.loss.setLogY(s.logy);
    this.probePanel.setValues(this.probeSource(), s.layer, this.applied ? this.applied.layers : s.layers);
  }

  viewChanged(key, value) {
    switch (key) {
      case 'logy':
        this.views.loss.setLogY(value);
        break;
      case 'probe':
      case 'layer':
        this.clampView();
        this.syncControls();
        this.refreshProbe(true);
        break;
      case 'ngram':
      case 'window':
        this.baselinePanel.setValues(this.state);
        this.history.clearBaseline(key);
        this.views.loss.setBaselines(this.state);
        this.views.loss.setHistory(this.history);
        this.sendBaselines();
        break;
      case 'unit':
      case 'heat':
        this.clampView();
        this.renderProbeViews();
        break;
      default:
        this.views.samples.setValues(this.state);
    }
  }

  // The engine's baselines as the state asks for them; their current losses go on the chart at once.
  sendBaselines() {
    if (!this.ready) return;
    const req = this.bridge.request('baselines', this.baselineSettings());
    req.promise.then((r) => {
      this.history.addBaselines(r.baselines);
      this.views.loss.setHistory(this.history);
    }, (e) => {
      if (!(e instanceof Cancelled)) this.baselineRefused(e.message);
    });
  }

  // The engine could not build a baseline (an n-gram model too big for the text): it is off, and says why.
  baselineRefused(message) {
    const key = /n-gram/.test(message) ? 'ngram' : 'window';
    this.state[key] = 0;
    this.history.clearBaseline(key);
    this.syncControls();
    this.views.loss.setBaselines(this.state);
    this.writeHashSoon();
    if (!this.baselinePanel.markInvalid(key, message)) this.notices.warn('A baseline could not be built', [message], { key: 'baseline' });
  }

  viewOpened(id) {
    if (PROBE_VIEWS.includes(id)) {
      this.renderProbeViews();
      this.refreshProbe();
    }
    if (id === 'predict') this.requestPredict();
  }

  linkApplied() {
    this.clampView();
  }

  selectUnit(unit) {
    if (!Number.isFinite(unit)) return;
    const H = this.applied ? this.applied.hidden : this.state.hidden;
    this.setField('unit', String(Math.max(0, Math.min(H - 1, Math.round(unit)))));
  }

  clampView() {
    const a = this.applied || this.state;
    this.state.layer = Math.min(this.state.layer, a.layers - 1);
    this.state.unit = Math.min(this.state.unit, a.hidden - 1);
    if (!this.family.catalogue.sources(a.cell).some((x) => x.value === this.state.heat)) this.state.heat = 'h';
  }

  async setPreset(id) {
    if (id === 'custom' && !this.state.text) {
      this.syncControls();
      this.dataPanel.own.open = true;
      this.dataPanel.textarea.focus();
      this.notices.info('Paste or upload your text', ['Paste it into the box under “Use your own text”, or upload a .txt file (UTF-8).'], { key: 'custom-help', timeout: 8000 });
      return;
    }
    if (id === this.state.preset && id !== 'custom') return;
    this.state.preset = id;
    this.state.probe = '';
    this.syncControls();
    if (await this.loadData()) await this.build({ confirmed: false });
  }

  async useCustomText(text, source) {
    const r = checkText(text);
    if (r.error) {
      this.notices.error(`The ${source} cannot be used`, [r.error], { key: 'text' });
      return;
    }
    if (r.warning) this.notices.warn('Large text', [r.warning], { key: 'text' });
    else this.notices.clearKey('text');
    this.state.preset = 'custom';
    this.state.text = r.text;
    this.setPreset('custom');
  }

  async useTextFile(file) {
    const r = await readTextFile(file);
    if (r.error) {
      this.notices.error('This file cannot be used', [r.error], { key: 'text' });
      return;
    }
    await this.useCustomText(r.text, file.name);
  }

  // ---------------------------------------------------------------- progress and readouts

  progressed(m) {
    const from = this.history.losses.n;
    this.history.add(m.losses, m.gradNorms);
    this.history.addHeldOut(m.heldOut);
    this.history.addBaselines(m.baselines || []);
    this.views.loss.update(from, m.heldOut, m.baselines || []);
    if (this.cost && m.losses.length) calibrate(this.cost.flopsPerStep, m.losses.length, m.seconds);
    return m.chars;
  }

  readouts(perSecond) {
    const held = this.history.lastHeldOut;
    const basis = Number.isFinite(held) ? held : this.history.smoothedLoss;
    return {
      'readout-held-out-loss': fmtLoss(held),
      'readout-perplexity': fmtPerplexity(basis),
      'readout-chars-per-sec': Number.isFinite(perSecond) && perSecond > 0 ? fmtCompact(perSecond) : '–',
    };
  }

  renderReadouts() {
    super.renderReadouts();
    const a = this.applied || this.state;
    const label = `${this.family.catalogue.cellLabel(a.cell)} ${a.hidden}${a.layers > 1 ? `×${a.layers}` : ''} @${fmtCompact(this.step)}`;
    this.views.loss.setModelLabel(label);
    this.views.gradients.setModelLabel(label);
  }

  // ---------------------------------------------------------------- probes, samples, predictions

  refreshViews() {
    this.refreshProbe(true);
    this.requestPredict();
  }

  liveRequests() {
    return {
      probe: new LiveRequest({ every: 1000, slowdown: 4, wanted: () => PROBE_VIEWS.some((id) => this.isOpen(id)), send: () => this.sendProbe() }),
      sample: new LiveRequest({ every: 2500, slowdown: 3, wanted: () => this.isOpen('samples') && this.views.samples.autoSample, send: () => this.sendSample() }),
      predict: new LiveRequest({ every: 800, wanted: () => this.isOpen('predict') && !!this.views.predict.text, send: () => this.sendPredict() }),
    };
  }

  defaultProbe() {
    const p = presetById(this.state.preset);
    if (p) return p.probe;
    let s = this.text.slice(0, 240);
    if (/[\uD800-\uDBFF]$/.test(s)) s = s.slice(0, -1);
    return s;
  }

  probeSource() {
    return this.state.probe || this.defaultProbe();
  }

  refreshProbe(force = false) {
    if (!this.ready || (!force && !PROBE_VIEWS.some((id) => this.isOpen(id)))) return;
    this.live.probe.fire(force);
  }

  sendProbe() {
    const { text, note } = this.knownText(this.probeSource(), 'probe text');
    this.probePanel.setNote(text ? note : 'The probe text has no characters the model knows.');
    if (!text) return null;
    const sens = this.isOpen('gradients') && this.cost ? sensitivityChars(this.cost, 400) : 0;
    const req = this.bridge.request('probe', { text, sensitivityChars: sens });
    req.promise.then((r) => {
      this.probe = new ProbeData(r, Array.from(text), this.family.catalogue, this.applied.cell, this.applied.seq);
      this.renderProbeViews();
    }, (e) => {
      if (!(e instanceof Cancelled)) this.probePanel.setNote(`Probe failed: ${e.message}`);
    });
    return req;
  }

  renderProbeViews() {
    const p = this.probe;
    if (!p) return;
    const view = { source: this.state.heat, layer: Math.min(this.state.layer, p.L - 1), unit: Math.min(this.state.unit, p.H - 1) };
    if (this.isOpen('states')) this.views.states.update(p, view);
    if (this.isOpen('gates')) this.views.gates.update(p, view);
    if (this.isOpen('neuron')) this.views.neuron.update(p, view);
    if (this.isOpen('gradients')) this.views.gradients.update(p);
  }

  requestSample() {
    if (this.ready) this.live.sample.fire(true);
  }

  sendSample() {
    const s = this.state;
    const { text: prime, note } = this.knownText(s.prime, 'priming text');
    if (note) this.notices.info('Priming text', [note], { key: 'prime', timeout: 6000 });
    const view = this.views.samples;
    view.begin({ step: this.step, prime, temperature: s.temperature, topK: s.top_k, greedy: s.greedy });
    const req = this.bridge.request('sample', { prime, length: s.sample_len, temperature: s.temperature, topK: s.top_k, greedy: s.greedy }, (chunk) => view.update(chunk));
    req.promise.then(() => view.end(), (e) => view.end(e instanceof Cancelled ? `(stopped: ${e.message})` : e.message));
    return req;
  }

  requestPredict() {
    if (!this.ready || !this.isOpen('predict')) return;
    if (this.views.predict.text) {
      this.live.predict.fire(true);
      return;
    }
    this.views.predict.setNote('');
    this.views.predict.reset();
  }

  sendPredict() {
    const view = this.views.predict;
    const { text, note } = this.knownText(view.text, 'text');
    view.setNote(note);
    const req = this.bridge.request('predict', { text, temperature: 1, topK: 0, greedy: false });
    req.promise.then((r) => view.update(r.probs, this.vocab), (e) => {
      if (!(e instanceof Cancelled)) view.setNote(e.message);
    });
    return req;
  }
}

// The model files' hooks (download name and note, the text a file records and opens on).
Object.assign(CharLMController.prototype, modelFileHooks);
