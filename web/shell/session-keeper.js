// A controller's session in its family's IndexedDB slot. Saved a few seconds after a change or while
// training (every 5 s; every 30 s once the checkpoint is over 16 MB), when the tab is hidden or closed, and
// when the user switches families; a record holds the link state, the own text (stored apart, only when it
// changes), the checkpoint, the loss history and whatever the family adds (recordExtras). When the family
// is shown, it decides between the saved session and a link.
import { Cancelled } from './bridge.js';
import { fmtAgo, fmtInt } from './format.js';
import { renameKeys } from './legacy.js';
import { EXPORT } from './protocol.js';
import { textKey } from './storage.js';

const SAVE_EVERY_MS = 5000;
const SAVE_EVERY_BIG_MS = 30000;
const BIG_CHECKPOINT = 16 * 1024 * 1024;

export class SessionKeeper {
  constructor(controller) {
    this.c = controller;
    this.dirty = false;
    this.inflight = false;
    this.last = 0;
    this.checkpointBytes = 0;
    this.warned = false;
  }

  // Something worth keeping changed: save at the next tick, however soon after the last save.
  saveSoon() {
    this.dirty = true;
    this.last = -Infinity;
  }

  tick(now) {
    const every = this.checkpointBytes > BIG_CHECKPOINT ? SAVE_EVERY_BIG_MS : SAVE_EVERY_MS;
    if (this.dirty && !this.inflight && now - this.last >= every) this.save();
  }

  // Saves now (the tab is hidden or closing, or the user leaves this family).
  flush() {
    const c = this.c;
    if (c.active && c.ready && (this.dirty || c.running)) {
      this.last = -Infinity;
      return this.save();
    }
    return Promise.resolve();
  }

  async save() {
    const c = this.c;
    if (!c.storeOk || !c.ready || this.inflight) return;
    this.inflight = true;
    this.dirty = false;
    try {
      const r = await c.bridge.request(EXPORT, c.exportArgs({ save: true })).promise;
      this.checkpointBytes = r.bytes.length;
      const table = c.table;
      const state = { ...c.state, ...table.experimentFields(c.applied) };
      const own = table.usesText(state) ? c.applied[table.textField.key] : undefined;
      const record = {
        kind: c.family.id,
        savedAt: Date.now(),
        state: table.textField ? { ...state, [table.textField.key]: '' } : state,
        textKey: own !== undefined ? textKey(own) : undefined,
        text: own,
        checkpoint: r.bytes,
        step: r.step,
        history: c.history.toRecord(r.step),
        ...c.recordExtras(r),
      };
      await c.store.save(record, c.family.slot);
    } catch (e) {
      if (!(e instanceof Cancelled) && !this.warned) {
        this.warned = true;
        c.notices.warn('Could not save the session', [String(e.message || e), 'Training goes on; download the model to keep it.']);
      }
    } finally {
      this.inflight = false;
      this.last = performance.now();
    }
  }

  // The saved session of this family with its state completed (the first page's keys renamed, defaults for
  // fields added since, the own text back in place), or null.
  async load() {
    const c = this.c;
    if (!c.storeOk) return null;
    let stored = null;
    try {
      stored = await c.store.load(c.family.slot);
    } catch {
      return null;
    }
    if (!stored) return null;
    const t = c.table.textField;
    const state = stored.version === 1 ? renameKeys(c.family, stored.state) : stored.state;
    stored.state = { ...c.table.defaults(), ...state, ...(t ? { [t.key]: stored.text || '' } : {}) };
    return stored;
  }

  // Which session the family starts with: sets the controller's state from the link (decoded, or null) or
  // the saved session, and returns the saved record to restore (null: build from the state). A link wins
  // over a saved session of another experiment, with a notice that offers the saved one instead; a fresh
  // link (a lesson's) always starts a new model.
  async choose(link) {
    const c = this.c;
    const stored = await this.load();
    if (link) {
      const { state, notices } = this.withStoredText(link, stored);
      if (notices.length) c.link.warn(notices);
      c.state = state;
      if (stored && !link.fresh && c.table.sameExperiment(stored.state, state)) return stored;
      if (stored) this.offer(stored);
      return null;
    }
    // after a family switch, settings changed since the last save win over the saved session
    if (!stored || (c.applied && !c.table.sameExperiment(stored.state, c.linkState()))) return null;
    c.state = { ...stored.state, views: c.applied ? c.state.views : stored.state.views };
    return stored;
  }

  // A link made for an own text too large to carry: the text is the one stored in this browser, when the
  // stored session is that experiment. Returns the link's {state, notices}.
  withStoredText(link, stored) {
    const c = this.c;
    const state = link.states[c.family.id];
    const t = c.table.textField;
    if (!link.missingText || !stored || !c.table.usesText(stored.state)) return { state, notices: link.notices };
    const withText = { ...state, [t.switch]: t.on, [t.key]: stored.state[t.key] };
    if (!c.table.sameExperiment(stored.state, withText)) return { state, notices: link.notices };
    return { state: withText, notices: link.notices.filter((n) => !n.includes(c.family.textWords.missing)) };
  }

  offer(rec) {
    const c = this.c;
    c.notices.info('Opened the experiment in the link', [
      `It takes precedence over your previous ${c.words.session} in this browser (step ${fmtInt(rec.step)}, saved ${fmtAgo(Date.now() - rec.savedAt)}), which was not restored.`,
    ], { key: 'precedence', actions: [{ label: 'Restore my previous session instead', testid: 'restore-previous', onClick: () => c.restoreRecord(rec, rec.state, true) }] });
  }
}
