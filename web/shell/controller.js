// The controller of one family's page, the part every family shares: it owns the family's state (its field
// table's fields), the model the engine has (`applied`) and its loss history; restores the saved session or
// opens a link when the family is shown; builds models after a size check; turns control changes into
// rebuilds or view updates; plays, pauses, steps and resets; tracks progress and throughput; keeps the URL
// hash and the saved session up to date; and recovers from a stopped engine. A family subclasses it and
// supplies the hooks listed in README.md ("A family"); the page (app.js) starts and stops it.
import { Cancelled } from './bridge.js';
import { DivergenceGuard } from './divergence.js';
import { EngineRecovery } from './engine-recovery.js';
import { EXPERIMENT_GROUPS } from './field-table.js';
import { ExperimentExport } from './experiment-export.js';
import { sizeVerdict, stepSeconds } from './estimate.js';
import { fmtAgo, fmtBytes, fmtInt, fmtSeconds } from './format.js';
import { History } from './history.js';
import { parseValue } from './link-values.js';
import { LinkKeeper } from './link-keeper.js';
import { ModelFiles } from './model-files.js';
import { SessionKeeper } from './session-keeper.js';
import { TrainingControls } from './training-controls.js';
import { perFrame, showChar } from './dom.js';

const same = (a, b) => (Array.isArray(a) ? JSON.stringify(a) === JSON.stringify(b) : a === b);
const TICK_MS = 250;

export class Controller extends TrainingControls {
  // shell: {family, bridge, store, notices, toolbar, header, project (its row of PYTORCH_PROJECTS, or null)}
  constructor({ family, bridge, store, notices, toolbar, header, project = null }) {
    super();
    Object.assign(this, { family, bridge, store, notices, toolbar, header, project });
    this.table = family.fields;
    this.state = this.table.defaults();
    this.applied = null;       // the experiment fields (and own text) of the model the engine has
    this.info = null;          // the engine's description of it
    this.cost = null;          // the engine's estimate of it (Module.estimate: params, bytes, work per step)
    this.nextCost = null;      // ... and of the model being built or opened
    this.vocab = [];
    this.vocabSet = new Set();
    this.history = new History();
    this.ready = false;
    this.running = false;
    this.active = false;       // this family is shown (otherwise it ignores the engine and the hash)
    this.step = 0;
    this.storeOk = false;
    this.rate = [];            // [time, items, seconds] of recent progress, for the throughput readout
    this.views = {};
    this.live = {};            // name -> LiveRequest (liveRequests())
    this.session = new SessionKeeper(this);
    this.link = new LinkKeeper(this);
    this.files = new ModelFiles(this);
    this.exports = new ExperimentExport(this);
    this.divergence = new DivergenceGuard(this);
    this.recovery = new EngineRecovery(this);
    this.updateReadouts = perFrame(() => this.renderReadouts());
    this.writeHashSoon = this.link.writeSoon;

    const mine = (m) => this.active && (!m.family || m.family === family.id);
    bridge.on('progress', (m) => mine(m) && this.onProgress(m));
    bridge.on('runState', (m) => mine(m) && this.setRunning(m.running, false));
    bridge.on('error', (m) => {
      if (!mine(m)) return;
      this.setRunning(false, false);
      this.notices.error('Training stopped', [m.error]);
    });
    bridge.on('diverged', (m) => mine(m) && this.divergence.diverged(m));
    bridge.on('fatal', (m) => this.active && this.recovery.stopped(m.error));
    setInterval(() => this.background(), TICK_MS);
  }

  // The family's page parts, once mount() has built them: {views, controls, ...its panels}.
  attach(parts) {
    Object.assign(this, parts);
    this.live = this.liveRequests();
  }

  // ---------------------------------------------------------------- start and stop

  // Shows this family: opens the link (decoded, or null), else restores the saved session, else builds a
  // model from the current settings. The page has already opened the store (storeOk).
  async start({ link, storeOk }) {
    this.active = true;
    this.toolbar.setStatus('Loading the engine…');
    this.storeOk = storeOk;
    const restore = await this.session.choose(link);
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
    else if (await this.loadData()) await this.build({ confirmed: false });
    this.writeHashSoon();
  }

  // Leaves this family (the user switched): pauses, saves the session, and goes quiet.
  async stop() {
    if (!this.active) return;
    this.pause(true);
    if (this.ready) await this.session.flush();
    for (const req of Object.values(this.live)) req.cancel();
    this.active = false;
    this.ready = false;
    this.running = false;
  }

  // Restores a saved session: its data, weights and loss history (and what the family saved with them).
  async restoreRecord(record, state, replacing) {
    this.pause(true);
    this.state = { ...state };
    const t = this.table.textField;
    if (t && this.table.usesText(this.state)) this.state[t.key] = record.text || '';
    this.syncControls();
    if (!(await this.loadData())) return;
    let r;
    try {
      r = await this.importModel(new Uint8Array(record.checkpoint), this.state, record);
    } catch (e) {
      if (e instanceof Cancelled) return;
      this.notices.warn('The saved model could not be restored', [e.message, 'Starting a fresh model with the same settings.']);
      await this.build({ confirmed: true });
      return;
    }
    this.table.adoptEngineConfig(this.state, r.info.config);
    this.adopt(r, { history: History.fromRecord(record.history, r.step), record });
    this.notices.info(replacing ? `Restored your previous ${this.words.session}` : `Restored your ${this.words.session}`, [
      `Step ${fmtInt(r.step)}, saved ${fmtAgo(Date.now() - record.savedAt)} — ${this.words.restored} Press Space to keep training.`,
    ], { key: 'restored', timeout: 12000 });
    if (replacing) this.writeHashSoon();
  }

  // Opens a checkpoint's bytes on a state (record: the saved session it comes from, or null for a file).
  async importModel(bytes, state, record) {
    this.nextCost = await this.estimateOf(state).catch(() => null);
    const fields = this.importFields(bytes, state, record, this.nextCost);
    const transfer = Object.values(fields).filter((v) => v instanceof Uint8Array).map((v) => v.buffer);
    return this.bridge.importModel(this.family.id, fields, transfer);
  }

  // ---------------------------------------------------------------- what a model costs

  // The engine's estimate of a state's experiment (the family's costQuery says what it sends), asked of the
  // worker; rejects with the engine's message.
  estimateOf(state, applied = false) {
    const { experiment, data } = this.costQuery(state, applied);
    return this.bridge.estimate(this.family.id, experiment, data);
  }

  // The estimate of this.state as a verdict ({e, refuse} / {e, warn} / {e}), or null when the page moved
  // on meanwhile (the engine restarted). `more`: the family's own checks on the estimate, a refusal or ''.
  async costVerdict(more = () => '') {
    let e;
    try {
      e = await this.estimateOf(this.state);
    } catch (err) {
      if (err instanceof Cancelled) return null;
      return { refuse: err.message };
    }
    const refuse = more(e);
    return refuse ? { e, refuse } : sizeVerdict(e, this.family.catalogue.limits.sessionBytes, this.family.sizeAdvice);
  }

  // The estimate of the model the engine has, once known exactly (its real vocabulary); the size note shows it.
  async refreshCost() {
    const applied = this.applied;
    try {
      const e = await this.estimateOf(this.linkState(), true);
      if (this.applied !== applied) return;
      this.cost = e;
      this.showSize(e, this.info && this.info.params);
    } catch { /* the estimate of the model being built stands */ }
  }

  // ---------------------------------------------------------------- building the model

  // Builds a fresh model from this.state (after the size checks).
  async build({ confirmed }) {
    const verdict = await this.judge();
    if (!verdict) {
      this.revert();
      return false;
    }
    if (verdict.e) this.showSize(verdict.e);
    if (verdict.refuse) {
      this.notices.error(verdict.title || 'This model cannot be built', [verdict.refuse], { key: 'build' });
      this.revert();
      return false;
    }
    if (verdict.warn && !confirmed) {
      const pending = this.captureSettings();
      this.notices.warn('Big model', [verdict.warn], {
        key: 'build',
        actions: [
          { label: 'Build it anyway', testid: 'confirm-build', onClick: () => { this.restoreSettings(pending); this.syncControls(); this.build({ confirmed: true }); } },
          { label: 'Cancel', testid: 'cancel-build', onClick: () => this.revert() },
        ],
      });
      this.revert();
      if (!this.applied) this.toolbar.setStatus('Waiting for you to confirm the model size');
      return false;
    }
    this.notices.clearKey('build');
    await this.session.leave();  // pauses; the model replaced stays saved under its own id
    const hadModel = this.ready;
    this.ready = false;
    this.toolbar.setEnabled(false);
    this.toolbar.setStatus('Building the model…');
    this.nextCost = verdict.e;
    let r;
    try {
      r = await this.bridge.configure(this.family.id, this.configureFields(verdict));
    } catch (e) {
      if (e instanceof Cancelled) return false;
      this.notices.error('This model cannot be built', [e.message], { key: 'build' });
      this.buildFailed(e);
      this.revert();
      // the engine kept the model it had: carry on with it
      if (hadModel && this.applied && this.active) {
        this.ready = true;
        this.toolbar.setEnabled(true);
        this.showStatus();
      }
      return false;
    }
    this.adopt(r, {});
    this.session.saveSoon();
    return true;
  }

  // Takes over a freshly configured or imported model (the CONFIGURED message); history: its loss record
  // when restored; record: the saved session it comes from.
  adopt(r, { history = null, record = null }) {
    this.info = r.info;
    this.vocab = JSON.parse(r.info.vocab);
    this.vocabSet = new Set(this.vocab);
    const t = this.table.textField;
    this.applied = { ...this.table.experimentFields(this.state), ...(t ? { [t.key]: this.state[t.key] } : {}) };
    this.step = r.step;
    this.history = history && history.lastStep === r.step ? history : new History(r.step);
    this.rate = [];
    this.session.began(record);
    this.adoptDetails(r, record);
    this.ready = true;
    this.toolbar.setEnabled(true);
    this.header.setEnabled(true);
    this.showStatus(true);
    this.cost = this.nextCost;
    this.showSize(this.cost, r.info.params);
    this.refreshCost();
    this.syncControls();
    this.renderReadouts();
    this.refreshViews();
    this.writeHashSoon();
    this.startQueued();  // a lesson's steps asked for while this model was being built
  }

  // Back to the settings of the model the engine has (after a refused or failed build).
  revert() {
    if (this.applied) {
      Object.assign(this.state, this.applied);
      this.reverted();
      this.writeHashSoon();  // the link shows the model there is, not the one refused
    } else {
      this.toolbar.setStatus('No model yet: change the settings');
    }
    this.syncControls();
  }

  // The settings "Build it anyway" goes back to (a family with data outside its state adds it).
  captureSettings() {
    return { state: { ...this.state } };
  }

  restoreSettings(pending) {
    this.state = pending.state;
  }

  // The size note: the exact parameter count (the engine's, before and after building), memory and the
  // time of a step on this device.
  showSize(e, params) {
    if (e) this.controls.setSize(`${fmtInt(params || e.params)} parameters · ${fmtBytes(e.bytes)} · about ${fmtSeconds(stepSeconds(e))} per step here (${this.stepWork(e)})`);
  }

  // ---------------------------------------------------------------- controls

  syncControls() {
    this.controls.setValues(this.state);
    for (const [id, view] of Object.entries(this.views)) view.card.setOpen(this.state.views.includes(id));
  }

  // A control changed: validate with the table, then rebuild the model (experiment fields) or tell the
  // family (fields that only change what is shown).
  setField(key, raw) {
    const f = this.table.field(key);
    if (!f) return;
    const r = parseValue(f, raw);
    if (r.error) {
      const message = `${f.label[0].toUpperCase()}${f.label.slice(1)}: ${r.error}`;
      this.syncControls();
      // beside its control when it has one (the notices may be scrolled out of sight), else a notice
      if (!this.controls.markInvalid(key, message)) this.notices.warn(message, [], { key: `invalid-${key}`, timeout: 8000 });
      return;
    }
    this.notices.clearKey(`invalid-${key}`);
    if (same(this.state[key], r.value)) return;
    this.state[key] = r.value;
    if (EXPERIMENT_GROUPS.has(f.group)) {
      this.experimentChanged(key, r.value);
      this.syncControls();
      this.build({ confirmed: false });
      return;
    }
    this.viewChanged(key, r.value);
    this.writeHashSoon();
  }

  setViewOpen(id, open) {
    const views = new Set(this.state.views);
    if (open) views.add(id);
    else views.delete(id);
    this.setField('views', Object.keys(this.views).filter((v) => views.has(v)).join(','));
    if (open) this.viewOpened(id);
  }

  isOpen(id) {
    return this.state.views.includes(id);
  }

  // A text limited to the characters the model knows, and a note about the rest (what: where it is from).
  knownText(text, what) {
    const dropped = new Set();
    let out = '';
    for (const ch of text) {
      if (this.vocabSet.has(ch)) out += ch;
      else dropped.add(ch);
    }
    const shown = [...dropped].slice(0, 12).map((c) => `'${showChar(c)}'`).join(' ');
    const note = dropped.size ? `Left out${what ? ` of the ${what}` : ''} (not in the model's vocabulary): ${shown}${dropped.size > 12 ? ' …' : ''}` : '';
    return { text: out, note };
  }

  flush() {
    this.session.flush();
  }

  // ---------------------------------------------------------------- links and files (link-keeper.js, model-files.js)

  // The state a link and a save describe: the settings on screen, with the experiment of the model there is.
  linkState() {
    return this.applied ? { ...this.state, ...this.applied } : this.state;
  }

  applyLink(link) { return this.link.apply(link); }
  copyLink() { return this.link.copy(); }
  downloadModel(withTrainingState) { return this.files.download(withTrainingState); }
  downloadProject() { return this.files.downloadProject(); }
  showSummary() { return this.files.summary(); }
  openModel(file) { return this.files.open(file); }
  copyCommand() { return this.exports.copyCommand(); }
  downloadExperiment() { return this.exports.downloadJson(); }

  // ---------------------------------------------------------------- hooks a family may keep as they are

  async loadData() { return true; }     // makes the data the state names ready (false: it could not)
  reverted() {}                          // after revert() put the applied settings back
  buildFailed() {}                       // the engine refused a build (before revert)
  experimentChanged() {}                 // an experiment field changed (before the rebuild)
  viewChanged() {}                       // a field that only changes what is shown changed
  viewOpened() {}                        // a view card was opened
  busyStatus() { return ''; }            // training the family does unasked (shown instead of the status)
  recordExtras() { return {}; }          // more to save with the session
  commandValues() { return {}; }         // settings the engine got that differ from the state's
  fileMetadata() { return {}; }          // metadata entries to add to a downloaded model file
  async fileData(meta, state) { return { state, lines: [], warn: false }; }  // the data to open a file on
  projectData() { return null; }         // a PyTorch project's data and words (families with a project row)
  liveRequests() { return {}; }          // name -> LiveRequest
}
