// The char-LM experiment controller: owns the page state (the link table's fields), the training text and
// the loss history; turns control changes into engine calls through the bridge; feeds progress and probes to
// the views; keeps the URL hash and the saved session (IndexedDB slot 'current') up to date; restores either
// on load. The page (app.js) starts it when the language-model mode is shown and stops it when the user
// switches to seq2seq; while stopped it ignores the engine and leaves the hash alone.
import { Cancelled } from './bridge.js';
import { FIELDS, defaultState, encodeState, engineConfig, field, parseValue, sameExperiment } from './state.js';
import { checkText, effectiveHoldout, loadPreset, readTextFile, textStats } from './text-source.js';
import { calibrate, estimate, heldOutCap, judge, sensitivityChars } from './estimate.js';
import { History } from './history.js';
import { ProbeData, sourcesFor } from './probe-data.js';
import { presetById } from './presets.js';
import { textKey } from './storage.js';
import { fmtAgo, fmtBytes, fmtCompact, fmtInt, fmtSeconds } from './format.js';
import { h, perFrame, showChar } from './dom.js';

const PROBE_EVERY_MS = 1000;
const SAMPLE_GAP_MS = 2500;
const PREDICT_EVERY_MS = 800;
const SAVE_EVERY_MS = 5000;
const SAVE_EVERY_BIG_MS = 30000;  // when the checkpoint is over 16 MB
const PROBE_VIEWS = ['states', 'gates', 'neuron', 'gradients'];
const MAX_MODEL_FILE = 512 * 1024 * 1024;
const EXPERIMENT_GROUPS = new Set(['data', 'model', 'train']);

const CELL_NAMES = {
  lstm: 'LSTM', lstm_peephole: 'peephole LSTM', lstm_coupled: 'coupled LSTM', gru: 'GRU', rnn_tanh: 'tanh RNN', rnn_relu: 'ReLU RNN',
};

function experimentFields(s) {
  const out = {};
  for (const f of FIELDS) if (EXPERIMENT_GROUPS.has(f.group)) out[f.key] = s[f.key];
  return out;
}

const same = (a, b) => (Array.isArray(a) ? JSON.stringify(a) === JSON.stringify(b) : a === b);

export class Experiment {
  constructor({ bridge, store, notices, toolbar, header, dataPanel, modelPanel, probePanel, views }) {
    Object.assign(this, { bridge, store, notices, toolbar, header, dataPanel, modelPanel, probePanel, views });
    this.state = defaultState();
    this.applied = null;       // experiment fields the engine's model was built from
    this.text = '';
    this.info = null;
    this.vocab = [];
    this.vocabSet = new Set();
    this.history = new History();
    this.ready = false;
    this.running = false;
    this.active = false;
    this.step = 0;
    this.storeOk = false;
    this.rate = [];
    this.probe = null;
    this.inflight = { probe: null, sample: null, predict: null, save: false };
    this.last = { probe: 0, sample: 0, predict: 0, save: 0 };
    this.lastHash = null;
    this.checkpointBytes = 0;
    this.updateReadouts = perFrame(() => this.renderReadouts());
    this.writeHashSoon = debounceAsync(() => this.writeHash(), 200);

    bridge.on('progress', (m) => {
      if (this.active && m.mode !== 'seq2seq') this.onProgress(m);
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

  // ---------------------------------------------------------------- start-up

  // Shows this mode: restores the saved session, or opens the link (a decoded char-LM link, or null), or
  // builds a fresh model from the current settings. The page has already opened the store (storeOk).
  async start({ link, storeOk }) {
    this.active = true;
    this.toolbar.setStatus('Loading the engine…');
    link = link || { present: false };
    this.storeOk = storeOk;
    let stored = null;
    if (storeOk) {
      try {
        stored = await this.store.load();
      } catch {
        stored = null;
      }
    }
    if (stored) stored.state = { ...defaultState(), ...stored.state, text: stored.text || '' };

    let restore = null;
    if (link.present && link.missingText && stored && stored.state.preset === 'custom') {
      // A link for a text too large to carry: the text is the one stored in this browser.
      const withText = { ...link.state, preset: 'custom', text: stored.state.text };
      if (sameExperiment(stored.state, withText)) {
        link.state = withText;
        link.notices = link.notices.filter((n) => !n.includes('does not carry one'));
      }
    }
    if (link.present) {
      if (link.notices.length) this.notices.warn('Parts of the link could not be used', linkLines(link.notices));
      this.state = link.state;
      if (stored && sameExperiment(stored.state, link.state)) {
        restore = stored;
      } else if (stored) {
        const rec = stored;
        this.notices.info('Opened the experiment in the link', [
          `It takes precedence over your previous session in this browser (step ${fmtInt(rec.step)}, saved ${fmtAgo(Date.now() - rec.savedAt)}), which was not restored.`,
        ], { key: 'precedence', actions: [{ label: 'Restore my previous session instead', testid: 'restore-previous', onClick: () => this.restoreRecord(rec, rec.state, true) }] });
      }
    } else if (stored && (!this.applied || sameExperiment(stored.state, this.linkState()))) {
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
    else await this.openText();
    this.writeHashSoon();
  }

  // Leaves this mode (the user switched to seq2seq): pauses, saves the session, and goes quiet.
  async stop() {
    if (!this.active) return;
    this.pause(true);
    if (this.ready) {
      this.last.save = -Infinity;  // due now, however soon after load
      await this.save();
    }
    for (const req of [this.inflight.probe, this.inflight.sample, this.inflight.predict]) if (req) req.cancel();
    this.active = false;
    this.ready = false;
    this.running = false;
  }

  // Restores a saved session: its text, weights, optimizer state and loss history.
  async restoreRecord(record, state, replacing) {
    this.pause(true);
    this.state = { ...state };
    if (this.state.preset === 'custom') this.state.text = record.text || '';
    this.syncControls();
    if (!(await this.loadText())) return;
    const stats = this.textStats(this.text, this.state);
    let r;
    try {
      r = await this.bridge.importModel(new Uint8Array(record.checkpoint), this.text, stats.fraction, engineConfig(this.state));
    } catch (e) {
      if (e instanceof Cancelled) return;
      this.notices.warn('The saved model could not be restored', [e.message, 'Starting a fresh model with the same settings.']);
      await this.build({ confirmed: true });
      return;
    }
    this.adoptConfig(r.info.config);
    this.adopt(r, History.fromRecord(record.history, r.info.step));
    this.notices.info(replacing ? 'Restored your previous session' : 'Restored your session', [
      `Step ${fmtInt(r.info.step)}, saved ${fmtAgo(Date.now() - record.savedAt)} — weights, optimizer state and loss history. Press Space to keep training.`,
    ], { key: 'restored', timeout: 12000 });
    if (replacing) this.writeHashSoon();
  }

  // ---------------------------------------------------------------- text and model

  // Loads this.text for the current state (a preset file or the custom text). False on failure.
  async loadText() {
    const s = this.state;
    if (s.preset === 'custom') {
      const r = checkText(s.text);
      if (r.error) {
        this.notices.error('The custom text cannot be used', [r.error, 'Using the Shakespeare preset instead.']);
        s.preset = field('preset').def;
        s.text = '';
        this.syncControls();
        return this.loadText();
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

  async openText() {
    if (await this.loadText()) await this.build({ confirmed: false });
  }

  // Builds a fresh model from this.state and this.text (after the size checks).
  async build({ confirmed }) {
    const stats = this.textStats(this.text, this.state);
    this.dataPanel.setStats(stats);
    const verdict = judge(this.state, stats.distinct, stats.trainChars);
    this.showSize(verdict.e);
    if (verdict.refuse) {
      this.notices.error('This model cannot be built', [verdict.refuse], { key: 'build' });
      this.revert();
      return false;
    }
    if (verdict.warn && !confirmed) {
      const pending = { ...this.state };
      const pendingText = this.text;
      this.notices.warn('Big model', [verdict.warn], {
        key: 'build',
        actions: [
          { label: 'Build it anyway', testid: 'confirm-build', onClick: () => { this.state = pending; this.text = pendingText; this.syncControls(); this.build({ confirmed: true }); } },
          { label: 'Cancel', testid: 'cancel-build', onClick: () => this.revert() },
        ],
      });
      this.revert();
      if (!this.applied) this.toolbar.setStatus('Waiting for you to confirm the model size');
      return false;
    }
    this.notices.clearKey('build');
    this.pause(true);
    this.ready = false;
    this.toolbar.setEnabled(false);
    this.toolbar.setStatus('Building the model…');
    let r;
    try {
      r = await this.bridge.configure(engineConfig(this.state), this.text, stats.fraction);
    } catch (e) {
      if (e instanceof Cancelled) return false;
      this.notices.error('This model cannot be built', [e.message], { key: 'build' });
      this.revert();
      return false;
    }
    this.adopt(r, new History(r.info.step));
    this.saveSoon();
    return true;
  }

  // Takes over a freshly configured or imported session.
  adopt(r, history) {
    const info = r.info;
    this.info = info;
    this.vocab = JSON.parse(info.vocab);
    this.vocabSet = new Set(this.vocab);
    this.applied = { ...experimentFields(this.state), text: this.state.text };
    this.appliedText = this.text;
    this.history = history;
    this.history.addHeldOut(r.heldOut || []);
    this.step = info.step;
    this.rate = [];
    this.probe = null;
    this.ready = true;
    this.toolbar.setEnabled(true);
    this.header.setEnabled(true);
    this.toolbar.setStatus(this.step ? `Paused at step ${fmtInt(this.step)}` : 'Ready: press Space or ▶ Play to train');
    const chars = info.trainChars + info.heldChars;
    // Distinct characters of the text as trained on: an opened model's vocabulary may be larger than the text's,
    // and characters outside it were left out.
    const distinct = [...new Set(this.text)].filter((c) => this.vocabSet.has(c)).length;
    this.dataPanel.setStats({ chars, distinct, trainChars: info.trainChars, heldChars: info.heldChars });
    this.showSize(estimate(this.state, info.vocabSize));
    const v = this.views;
    v.loss.setHistory(this.history);
    v.samples.reset();
    v.states.setSources(this.state.cell, this.state.heat);
    for (const key of ['states', 'gates', 'neuron', 'gradients']) v[key].reset();
    this.clampView();
    this.syncControls();
    this.renderReadouts();
    this.updateLabels();
    this.refreshProbe();
    this.requestPredict();
    this.writeHashSoon();
  }

  // Sets the experiment fields from an engine config JSON (after opening a model file).
  adoptConfig(configJson) {
    let cfg;
    try {
      cfg = JSON.parse(configJson);
    } catch {
      return;
    }
    for (const f of FIELDS) {
      if (!f.engine || cfg[f.engine] === undefined) continue;
      const r = parseValue(f, typeof cfg[f.engine] === 'boolean' ? (cfg[f.engine] ? '1' : '0') : String(cfg[f.engine]));
      if (r.value !== undefined && !r.error) this.state[f.key] = r.value;
    }
  }

  // Back to the settings and text of the model the engine has (after a refused or failed build).
  // The text's size and vocabulary, and the held-out split (and fraction for the engine) for settings s.
  textStats(text, s) {
    const distinct = new Set(text).size;
    const cap = heldOutCap(s, distinct);
    const stats = textStats(text, s.holdout, cap);
    return { ...stats, fraction: effectiveHoldout(stats.chars, s.holdout, cap) };
  }

  revert() {
    if (this.applied) {
      Object.assign(this.state, this.applied);
      this.text = this.appliedText;
      this.dataPanel.setStats(this.textStats(this.text, this.state));
    } else {
      this.toolbar.setStatus('No model yet: change the settings');
    }
    this.syncControls();
  }

  showSize(e) {
    if (!e) return;
    this.modelPanel.setSize(`${fmtCompact(e.params)} parameters · ${fmtBytes(e.bytes)} · about ${fmtSeconds(e.stepSeconds)} per step here (${fmtInt(e.charsPerStep)} characters)`);
  }

  // ---------------------------------------------------------------- controls

  syncControls() {
    const s = this.state;
    this.dataPanel.setValues(s);
    this.modelPanel.setValues(s);
    this.views.samples.setValues(s);
    this.views.loss.setLogY(s.logy);
    this.probePanel.setValues(this.probeSource(), s.layer, this.applied ? this.applied.layers : s.layers);
    for (const [id, view] of Object.entries(this.views)) view.card.setOpen(s.views.includes(id));
  }

  // A control changed: validate, then rebuild the model (experiment fields) or update the views.
  setField(key, raw) {
    const f = field(key);
    if (!f) return;
    const r = parseValue(f, raw);
    if (r.error) {
      this.notices.warn(`${f.label[0].toUpperCase()}${f.label.slice(1)}: ${r.error}`, [], { key: `invalid-${key}`, timeout: 8000 });
      this.syncControls();
      this.modelPanel.markInvalid(key, r.error);
      return;
    }
    this.notices.clearKey(`invalid-${key}`);
    if (same(this.state[key], r.value)) return;
    if (EXPERIMENT_GROUPS.has(f.group)) {
      this.state[key] = r.value;
      this.syncControls();
      this.build({ confirmed: false });
      return;
    }
    this.state[key] = r.value;
    switch (key) {
      case 'logy':
        this.views.loss.setLogY(r.value);
        break;
      case 'probe':
      case 'layer':
        this.clampView();
        this.syncControls();
        this.refreshProbe(true);
        break;
      case 'unit':
      case 'heat':
        this.clampView();
        this.renderProbeViews();
        break;
      default:
        this.views.samples.setValues(this.state);
    }
    this.writeHashSoon();
  }

  setViewOpen(id, open) {
    const views = new Set(this.state.views);
    if (open) views.add(id);
    else views.delete(id);
    this.setField('views', Object.keys(this.views).filter((v) => views.has(v)).join(','));
    if (open) {
      if (PROBE_VIEWS.includes(id)) {
        this.renderProbeViews();
        this.refreshProbe();
      }
      if (id === 'predict') this.requestPredict();
    }
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
    if (!sourcesFor(a.cell).includes(this.state.heat)) this.state.heat = 'h';
  }

  async setPreset(id) {
    if (id === 'custom') {
      if (this.state.text) {
        this.state.preset = 'custom';
        this.state.probe = '';
        this.syncControls();
        await this.openText();
      } else {
        this.syncControls();
        const details = this.dataPanel.el.querySelector('details');
        details.open = true;
        this.dataPanel.textarea.focus();
        this.notices.info('Paste or upload your text', ['Paste it into the box under “Use your own text”, or upload a .txt file (UTF-8).'], { key: 'custom-help', timeout: 8000 });
      }
      return;
    }
    if (id === this.state.preset) return;
    this.state.preset = id;
    this.state.probe = '';
    this.syncControls();
    await this.openText();
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
    this.state.probe = '';
    this.syncControls();
    await this.openText();
  }

  async useTextFile(file) {
    const r = await readTextFile(file);
    if (r.error) {
      this.notices.error('This file cannot be used', [r.error], { key: 'text' });
      return;
    }
    await this.useCustomText(r.text, file.name);
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

  // quiet: the model is about to be replaced, so the views need no refresh
  pause(quiet = false) {
    if (!this.running) return;
    this.bridge.pause();
    this.setRunning(false, true);
    if (!quiet) this.afterPause();
  }

  // The worker handles messages in order, so these run on the weights as they are after the pause.
  afterPause() {
    if (this.info) this.showSize(estimate(this.applied, this.info.vocabSize));  // now with this device's measured speed
    this.refreshProbe(true);
    this.requestPredict();
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
    if (running) this.toolbar.setStatus('Training…');
    else if (this.ready) this.toolbar.setStatus(`Paused at step ${fmtInt(this.step)}`);
    if (was && !running && !local) this.afterPause();  // the worker stopped by itself
  }

  onProgress(m) {
    const from = this.history.losses.n;
    this.history.add(m.losses, m.gradNorms);
    this.history.addHeldOut(m.heldOut);
    this.step = m.step;
    this.views.loss.update(from, m.heldOut);
    const t = performance.now();
    this.rate.push([t, m.chars, m.seconds]);
    while (this.rate.length > 1 && t - this.rate[0][0] > 2000) this.rate.shift();
    if (this.info) calibrate(estimate(this.applied, this.info.vocabSize).flopsPerStep, m.losses.length, m.seconds);
    if (m.nonfinite > 0)
      this.notices.warn('Training is unstable', [`${fmtInt(m.nonfinite)} recent step${m.nonfinite > 1 ? 's' : ''} gave a non-finite loss or gradient and ${m.nonfinite > 1 ? 'were' : 'was'} skipped (the weights were kept). Lower the learning rate or turn on gradient clipping.`], { key: 'nonfinite' });
    if (!this.running && !this.bridge.running) this.toolbar.setStatus(`Paused at step ${fmtInt(this.step)}`);
    this.updateReadouts();
    if (!this.running) {
      // single steps: refresh the views right away, and save them (a save in flight leaves it to the next tick)
      this.refreshProbe(true);
      this.requestPredict();
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
    this.toolbar.update({
      step: this.ready ? this.step : NaN,
      loss: this.history.smoothedLoss,
      heldOut: this.history.lastHeldOut,
      charsPerSec: secs > 0 ? chars / secs : NaN,
      params: this.info ? this.info.params : NaN,
    });
    this.updateLabels();
  }

  updateLabels() {
    const a = this.applied || this.state;
    const label = `${CELL_NAMES[a.cell]} ${a.hidden}${a.layers > 1 ? `×${a.layers}` : ''} @${fmtCompact(this.step)}`;
    this.views.loss.setModelLabel(label);
    this.views.gradients.setModelLabel(label);
  }

  // Periodic work while the page is open: probes, samples, predictions and saves, each throttled.
  background() {
    if (!this.ready || !this.active) return;
    const now = performance.now();
    const open = (id) => this.state.views.includes(id);
    if (this.running) {
      if (PROBE_VIEWS.some(open) && !this.inflight.probe && now - this.last.probe >= (this.probeGap || PROBE_EVERY_MS)) this.refreshProbe();
      if (open('samples') && this.views.samples.autoSample && !this.inflight.sample && now - this.last.sample >= (this.sampleGap || SAMPLE_GAP_MS)) this.requestSample();
      if (open('predict') && !this.inflight.predict && now - this.last.predict >= PREDICT_EVERY_MS) this.requestPredict();
    }
    const every = this.checkpointBytes > 16 * 1024 * 1024 ? SAVE_EVERY_BIG_MS : SAVE_EVERY_MS;
    if (this.dirty && !this.inflight.save && now - this.last.save >= every) this.save();
    if (this.running) this.dirty = true;
  }

  // ---------------------------------------------------------------- probes and views

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

  // The probe text limited to characters the model knows (and a note about the rest).
  knownText(text, what) {
    const dropped = new Set();
    let out = '';
    for (const ch of text) {
      if (this.vocabSet.has(ch)) out += ch;
      else dropped.add(ch);
    }
    const note = dropped.size ? `Left out of the ${what} (not in the model's vocabulary): ${[...dropped].slice(0, 12).map((c) => `'${showChar(c)}'`).join(' ')}${dropped.size > 12 ? ' …' : ''}` : '';
    return { text: out, note };
  }

  async refreshProbe(force) {
    if (!this.ready) return;
    if (!force && !PROBE_VIEWS.some((id) => this.state.views.includes(id))) return;
    if (this.inflight.probe) {
      if (!force) return;
      this.inflight.probe.cancel();
    }
    const { text, note } = this.knownText(this.probeSource(), 'probe text');
    this.probePanel.setNote(text ? note : 'The probe text has no characters the model knows.');
    if (!text) return;
    const sens = this.state.views.includes('gradients') ? sensitivityChars(this.applied, this.info.vocabSize, 400) : 0;
    const req = this.bridge.probe(text, sens);
    this.inflight.probe = req;
    const t0 = performance.now();
    try {
      const r = await req.promise;
      // probe less often when probing is slow (a big model), so it never crowds out training
      this.probeGap = Math.max(PROBE_EVERY_MS, 4 * (performance.now() - t0));
      this.probe = new ProbeData(r, Array.from(text), this.applied.cell, this.applied.seq);
      this.renderProbeViews();
    } catch (e) {
      if (!(e instanceof Cancelled)) this.probePanel.setNote(`Probe failed: ${e.message}`);
    } finally {
      if (this.inflight.probe === req) this.inflight.probe = null;
      this.last.probe = performance.now();
    }
  }

  renderProbeViews() {
    const p = this.probe;
    if (!p) return;
    const view = { source: this.state.heat, layer: Math.min(this.state.layer, p.L - 1), unit: Math.min(this.state.unit, p.H - 1) };
    const open = (id) => this.state.views.includes(id);
    if (open('states')) this.views.states.update(p, view);
    if (open('gates')) this.views.gates.update(p, view);
    if (open('neuron')) this.views.neuron.update(p, view);
    if (open('gradients')) this.views.gradients.update(p);
  }

  requestSample() {
    if (!this.ready) return;
    if (this.inflight.sample) this.inflight.sample.cancel();
    const s = this.state;
    const { text: prime, note } = this.knownText(s.prime, 'priming text');
    if (note) this.notices.info('Priming text', [note], { key: 'prime', timeout: 6000 });
    this.views.samples.begin({ step: this.step, prime, temp: s.temp, topk: s.topk, greedy: s.greedy });
    const req = this.bridge.sample({ prime, length: s.slen, temperature: s.temp, topK: s.topk, greedy: s.greedy }, (chunk) => this.views.samples.update(chunk));
    this.inflight.sample = req;
    const t0 = performance.now();
    req.promise.then(() => this.views.samples.end(), (e) => this.views.samples.end(e instanceof Cancelled ? `(stopped: ${e.message})` : e.message))
      .finally(() => {
        if (this.inflight.sample === req) this.inflight.sample = null;
        this.last.sample = performance.now();
        // sample less often when sampling is slow (a big model), so it never crowds out training
        this.sampleGap = Math.max(SAMPLE_GAP_MS, 3 * (this.last.sample - t0));
      });
  }

  requestPredict() {
    if (!this.ready || !this.state.views.includes('predict')) return;
    const raw = this.views.predict.text;
    if (!raw) {
      this.views.predict.setNote('');
      this.views.predict.reset();
      return;
    }
    if (this.inflight.predict) this.inflight.predict.cancel();
    const { text, note } = this.knownText(raw, 'text');
    this.views.predict.setNote(note);
    const req = this.bridge.predict({ text, temperature: 1, topK: 0, greedy: false });
    this.inflight.predict = req;
    req.promise.then((r) => this.views.predict.update(r.probs, this.vocab), (e) => {
      if (!(e instanceof Cancelled)) this.views.predict.setNote(e.message);
    }).finally(() => {
      if (this.inflight.predict === req) this.inflight.predict = null;
      this.last.predict = performance.now();
    });
  }

  // ---------------------------------------------------------------- saving and links

  saveSoon() {
    this.dirty = true;
    this.last.save = -Infinity;  // due now, however soon after load
  }

  async save() {
    if (!this.storeOk || !this.ready || this.inflight.save) return;
    this.inflight.save = true;
    this.dirty = false;
    try {
      const r = await this.bridge.exportModel(true).promise;
      this.checkpointBytes = r.bytes.length;
      const state = { ...this.state, ...experimentFields(this.applied) };
      const custom = state.preset === 'custom';
      const record = {
        savedAt: Date.now(),
        state: { ...state, text: '' },
        textKey: custom ? textKey(this.applied.text) : undefined,
        text: custom ? this.applied.text : undefined,
        checkpoint: r.bytes,
        step: r.step,
        history: this.history.toRecord(r.step),
      };
      await this.store.save(record);
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

  // Saves now (when the tab is hidden or closing).
  flush() {
    if (this.active && this.ready && (this.dirty || this.running)) {
      this.last.save = -Infinity;  // due now, however soon after load
      this.save();
    }
  }

  linkState() {
    return this.applied ? { ...this.state, ...experimentFields(this.applied), text: this.applied.text } : this.state;
  }

  async writeHash() {
    if (!this.active) return;
    const state = this.linkState();
    const { hash, notices } = await encodeState(state);
    // say once per text that it does not fit in links
    if (notices.length && this.linkNoticeText !== state.text) this.notices.warn('About the share link', notices, { key: 'link-text' });
    else if (!notices.length) this.notices.clearKey('link-text');
    this.linkNoticeText = notices.length ? state.text : null;
    this.lastHash = hash;
    if (this.active && location.hash.slice(1) !== hash) history.replaceState(null, '', `#${hash}`);
  }

  // A char-LM link typed or pasted into the address bar while this mode is shown (decoded by the page).
  async applyLink(link) {
    if (link.notices.length) this.notices.warn('Parts of the link could not be used', linkLines(link.notices));
    const before = this.linkState();
    this.state = link.state;
    this.syncControls();
    if (!sameExperiment(before, link.state)) {
      if (await this.loadText()) await this.build({ confirmed: false });
    } else {
      this.clampView();
      this.refreshProbe(true);
      this.writeHashSoon();
    }
  }

  async copyLink() {
    const { hash, notices } = await encodeState(this.linkState());
    const url = `${location.href.split('#')[0]}#${hash}`;
    try {
      await navigator.clipboard.writeText(url);
      this.notices.info('Link copied', ['Anyone who opens it gets this text, model and training settings, seed and views; pressing play reproduces the same loss curve.', ...notices], { key: 'copy', timeout: 6000 });
    } catch {
      this.notices.warn('Copy this link', [url, ...notices], { key: 'copy' });
    }
  }

  // ---------------------------------------------------------------- models in and out

  async downloadModel(withTrainingState) {
    if (!this.ready) return;
    try {
      const r = await this.bridge.exportModel(withTrainingState).promise;
      const a = this.applied;
      const name = `recurrent-${a.cell}-h${a.hidden}${a.layers > 1 ? `x${a.layers}` : ''}-step${r.step}${withTrainingState ? '-resumable' : ''}.safetensors`;
      const url = URL.createObjectURL(new Blob([r.bytes], { type: 'application/octet-stream' }));
      const link = h('a', { href: url, download: name, hidden: true });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 5000);
      this.notices.info('Model downloaded', [`${name} (${fmtBytes(r.bytes.length)}): safetensors with PyTorch's parameter names${withTrainingState ? ', plus the optimizer state to resume training exactly' : '; load it with load_state_dict(strict=True)'}.`], { key: 'download', timeout: 6000 });
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
    const stats = this.textStats(this.text, this.linkState());
    let r;
    try {
      r = await this.bridge.importModel(bytes, this.text, stats.fraction, engineConfig(this.linkState()));
    } catch (e) {
      if (e instanceof Cancelled) return;
      this.notices.error(`Could not open ${file.name}`, [e.message, 'Your current session is unchanged.'], { key: 'open' });
      if (wasRunning) this.play();
      return;
    }
    this.adoptConfig(r.info.config);
    if (r.text !== undefined) {
      this.state.preset = 'custom';
      this.state.text = r.text;
      this.text = r.text;
      this.state.probe = '';
    }
    this.adopt(r, new History(r.info.step));
    const s = this.state;
    const lines = [
      `${CELL_NAMES[s.cell]}, ${s.hidden} hidden units × ${s.layers} layer${s.layers > 1 ? 's' : ''}, ${s.embed ? `embedding ${s.embed}` : 'one-hot input'}, vocabulary of ${r.info.vocabSize}, ${fmtCompact(r.info.params)} parameters.`,
      r.info.step > 0 ? `Its optimizer state came along: training resumes at step ${fmtInt(r.info.step)}.` : 'Weights only: training starts a fresh optimizer with the settings on the left.',
    ];
    if (r.notice) lines.push(r.notice);
    lines.push('A share link carries these settings, not the opened weights.');
    this.notices.info(`Opened ${file.name}`, lines, { key: 'open' });
    this.saveSoon();
  }

  // ---------------------------------------------------------------- failures

  onFatal(error) {
    if (!this.engineStarted) return;  // it never started: boot() explains that
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
    const stored = this.storeOk ? await this.store.load().catch(() => null) : null;
    if (stored && this.applied && sameExperiment({ ...defaultState(), ...stored.state, text: stored.text || '' }, this.linkState()))
      await this.restoreRecord(stored, { ...this.state }, false);
    else await this.build({ confirmed: true });
  }
}

const linkLines = (notices) => notices.map((n) => n.replace(/^Link: /, ''));

function debounceAsync(fn, ms) {
  let t = 0;
  return () => {
    clearTimeout(t);
    t = setTimeout(() => {
      fn().catch((e) => console.error(e));
    }, ms);
  };
}
