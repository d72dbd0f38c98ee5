// The controller of a family with no training loop (descriptor `trains: false`: the worked-example lab).
// It answers what the page (app.js) asks of every controller: it shows the family with the link's state or
// its defaults, keeps the URL hash up to date and copies the link (link-keeper.js), validates a changed
// control with the field table, and turns each change into one engine computation (the family's
// `compute()`, through CONFIGURE: its runner answers at once). The training, file and session actions have
// nothing to act on (the toolbar's buttons and the header's download are hidden for such a family), so
// they do nothing; nothing is saved in the browser, as the link holds every setting. A failed engine is
// restarted and the state computed again.
import { Cancelled } from './bridge.js';
import { LinkKeeper } from './link-keeper.js';
import { parseValue } from './link-values.js';

export class StaticController {
  // shell: {family, bridge, store, notices, toolbar, header}
  constructor({ family, bridge, store, notices, toolbar, header }) {
    Object.assign(this, { family, bridge, store, notices, toolbar, header });
    this.table = family.fields;
    this.state = this.table.defaults();
    this.active = false;
    this.ready = false;
    this.running = false;
    this.step = 0;
    this.views = {};
    this.session = { id: null, wanted: null, open: async () => {} };  // no saved sessions: the link is the session
    this.link = new LinkKeeper(this);
    this.writeHashSoon = this.link.writeSoon;
    // The engine failed (its worker died, or a call failed inside the module): a fresh one, and the same
    // computation again; nothing is lost, as the state is all there is.
    bridge.on('fatal', (m) => this.active && this.restartEngine(m.error));
  }

  async restartEngine(error) {
    this.ready = false;
    this.toolbar.setStatus('Restarting the engine…');
    try {
      await this.bridge.restart();
    } catch (e) {
      this.notices.error('The engine stopped', [error, String(e.message || e)], { key: 'fatal' });
      return;
    }
    this.notices.warn('The engine failed and was restarted', [error], { key: 'engine-restarted', timeout: 12000 });
    await this.compute();
  }

  attach(parts) {
    Object.assign(this, parts);
  }

  // Shows the family: the link's state (decoded, or null: the settings it had, else its defaults).
  async start({ link }) {
    this.active = true;
    if (link) this.takeLink(link);
    this.syncControls();
    this.toolbar.setStatus('Loading the engine…');
    try {
      await this.bridge.ready;
    } catch (e) {
      this.toolbar.setStatus('The engine did not load');
      this.notices.error('The engine could not start', [String(e.message || e)]);
      return;
    }
    if (!this.active) return;
    await this.compute();
    this.writeHashSoon();
  }

  async stop() {
    this.active = false;
    this.ready = false;
  }

  takeLink(link) {
    if (link.notices.length) this.link.warn(link.notices);
    this.state = link.states[this.family.id];
  }

  async applyLink(link) {
    this.takeLink(link);
    this.syncControls();
    await this.compute();
    this.writeHashSoon();
  }

  linkState() {
    return this.state;
  }

  // A control changed: validated by the table (the reason under the control when refused), then computed.
  setField(key, raw) {
    const f = this.table.field(key);
    if (!f) return;
    const r = parseValue(f, raw);
    if (r.error) {
      this.syncControls();
      this.invalid(key, `${f.label[0].toUpperCase()}${f.label.slice(1)}: ${r.error}`);
      return;
    }
    this.setValues({ [key]: r.value });
  }

  // Several settings at once (a preset); the family's fieldsChanged() keeps them consistent.
  setValues(values) {
    const changed = Object.keys(values).filter((k) => JSON.stringify(this.state[k]) !== JSON.stringify(values[k]));
    Object.assign(this.state, values);
    if (!changed.length) return;
    this.fieldsChanged(changed);
    this.syncControls();
    this.writeHashSoon();
    if (changed.some((k) => this.table.field(k).engine)) this.compute();
    else this.refreshViews();
  }

  // Shows why a value was refused: under its control when it has one, else as a notice.
  invalid(key, message) {
    if (!this.markInvalid(key, message)) this.notices.warn(message, [], { key: `invalid-${key}`, timeout: 8000 });
  }

  // The engine's run of the state: the family's runner answers the CONFIGURE at once; a newer change
  // supersedes one under way.
  async compute() {
    const experiment = JSON.stringify(this.table.engineConfig(this.state));
    let r;
    try {
      r = await this.bridge.configure(this.family.id, { experiment });
    } catch (e) {
      if (e instanceof Cancelled) return;
      this.notices.error('The engine could not compute this', [e.message], { key: 'compute' });
      return;
    }
    if (!this.active) return;
    this.notices.clearKey('compute');
    this.ready = true;
    this.computed(r.result);
    this.showStatus();
  }

  setViewOpen(id, open) {
    const views = new Set(this.state.views);
    if (open) views.add(id);
    else views.delete(id);
    this.setValues({ views: Object.keys(this.views).filter((v) => views.has(v)) });
  }

  // ---- what a family that trains does, with nothing to act on here ----
  togglePlay() {}
  stepOnce() {}
  reset() {}
  trainSteps() { return false; }
  flush() {}
  copyLink() { return this.link.copy(); }
  downloadModel() {}
  downloadProject() {}
  downloadExperiment() {}
  copyCommand() {}
  openModel(file) {
    this.notices.info(`${file.name} is not a model this page opens`, [`The ${this.family.linkName} mode has no model files; switch to a mode that trains to open one.`], { key: 'open', timeout: 8000 });
  }

  // ---- hooks a family supplies ----
  syncControls() {}            // the controls show this.state
  markInvalid() { return false; }  // shows a refusal under a control; false when there is none
  fieldsChanged() {}           // settings changed (before the computation): keep the others consistent
  computed() {}                // the engine's result: show it
  refreshViews() {}            // a setting that only changes what is shown changed
  showStatus() {}              // the status line
}
