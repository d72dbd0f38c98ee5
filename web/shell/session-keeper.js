// A controller's session in the browser's store (storage.js). Each model is saved under an id of its own:
// a new model (a rebuild, a link, a lesson, an opened file) gets a new id, so a trained session is never
// replaced by another one (only a model never trained gives its id to the next), and the Sessions menu
// lists them all. Saved a few seconds after a change or while training (every 5 s; every 30 s once the
// checkpoint is over 16 MB), when the tab is hidden or closed, when the user switches families, and before
// the model is replaced; a record holds the link state, the own text (stored apart), the checkpoint, the
// loss history and whatever the family adds (recordExtras). When the family is shown, it decides between a
// saved session and a link.
import { Cancelled } from './bridge.js';
import { fmtAgo, fmtInt } from './format.js';
import { renameKeys } from './legacy.js';
import { EXPORT } from './protocol.js';
import { MAX_SESSIONS, isExperiment, newSessionId, sessionsOf } from './session-list.js';
import { textKey } from './storage.js';

const SAVE_EVERY_MS = 5000;
const SAVE_EVERY_BIG_MS = 30000;
const BIG_CHECKPOINT = 16 * 1024 * 1024;

export class SessionKeeper {
  constructor(controller) {
    this.c = controller;
    this.id = null;           // the id the model is saved under (null: a new model, not saved yet)
    this.savedStep = 0;       // the step last saved under it (a trained session keeps its id to itself)
    this.wanted = null;       // a session asked for in the Sessions menu, restored when the family is shown
    this.dirty = false;
    this.inflight = null;     // the save under way
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
  async flush() {
    const c = this.c;
    if (this.inflight) await this.inflight;
    if (c.active && c.ready && (this.dirty || c.running)) await this.save();
  }

  // The model is about to be replaced (a rebuild, a link, a file, another session): pauses, and saves its
  // last steps under its own id first.
  async leave() {
    const c = this.c;
    c.pause(true);
    if (this.inflight) await this.inflight;
    if (c.active && c.ready && (this.dirty || c.step !== this.savedStep)) await this.save();
    c.pause(true);  // play may have been pressed meanwhile
  }

  // The controller adopted a model: restored from `record`, or (null) a new one, which gets an id of its own
  // unless the one before was never trained.
  began(record) {
    if (record) {
      this.id = record.id || null;
      this.savedStep = record.step;
    } else {
      if (this.savedStep > 0) this.id = null;
      this.savedStep = 0;
    }
  }

  save() {
    if (!this.inflight) {
      this.inflight = this.write().finally(() => {
        this.inflight = null;
        this.last = performance.now();
      });
    }
    return this.inflight;
  }

  async write() {
    const c = this.c;
    if (!c.storeOk || !c.ready) return;
    this.dirty = false;
    // what the record describes is read before the export: the model may be replaced while it is under way
    const id = this.id || (this.id = newSessionId());
    const table = c.table;
    const state = { ...c.state, ...table.experimentFields(c.applied) };
    const own = table.usesText(state) ? c.applied[table.textField.key] : undefined;
    const history = c.history;
    try {
      const r = await c.bridge.request(EXPORT, c.exportArgs({ save: true })).promise;
      this.checkpointBytes = r.bytes.length;
      const record = {
        kind: c.family.id,
        savedAt: Date.now(),
        state: table.textField ? { ...state, [table.textField.key]: '' } : state,
        textKey: own !== undefined ? textKey(own) : undefined,
        text: own,
        checkpoint: r.bytes,
        step: r.step,
        history: history.toRecord(r.step),
        ...c.recordExtras(r),
      };
      let target = id;
      let saved = await c.store.save(target, record);
      // another tab restored this session and trained it further: this model goes on under an id of its own
      if (saved.behind && this.id === id) {
        target = this.id = newSessionId();
        saved = await c.store.save(target, record);
      }
      if (this.id === target && !saved.behind) this.savedStep = r.step;
      this.warned = false;
      const lost = saved.dropped.filter((e) => e.step > 0);
      if (lost.length) c.notices.info('Dropped the oldest saved session', [`This browser keeps the ${MAX_SESSIONS} most recent sessions; the one from ${fmtAgo(Date.now() - lost[0].savedAt)} (step ${fmtInt(lost[0].step)}) made room for this one. Download a model to keep it for good.`], { key: 'sessions-dropped', timeout: 12000 });
    } catch (e) {
      if (e instanceof Cancelled || this.warned) return;
      this.warned = true;
      const full = e && (e.name === 'QuotaExceededError' || /quota/i.test(String(e.message)));
      if (full) c.notices.warn('This session is not being saved: the browser\'s storage for this page is full', [String(e.message || e), 'Delete sessions you no longer need from the Sessions menu, or download the model to keep it. Training goes on.'], { key: 'save-failed' });
      else c.notices.warn('Could not save the session', [String(e.message || e), 'Training goes on; download the model to keep it.'], { key: 'save-failed' });
    }
  }

  // A saved session with its state completed (the first page's keys renamed, defaults for fields added
  // since, the own text back in place), or null. Without an id: the session of this model, else the family's
  // most recent.
  async load(id) {
    const c = this.c;
    if (!c.storeOk) return null;
    try {
      let stored = await c.store.load(id || this.id);
      if (!stored && !id) {
        const newest = sessionsOf(await c.store.list(), c.family)[0];
        stored = newest ? await c.store.load(newest.id) : null;
      }
      return stored && this.complete(stored);
    } catch {
      return null;
    }
  }

  complete(stored) {
    const c = this.c;
    const t = c.table.textField;
    const state = stored.version === 1 ? renameKeys(c.family, stored.state) : stored.state;
    stored.state = { ...c.table.defaults(), ...state, ...(t ? { [t.key]: stored.text || '' } : {}) };
    return stored;
  }

  // The family's most recent session of the experiment of `state` (its own text included), or null.
  async find(state) {
    const c = this.c;
    if (!c.storeOk) return null;
    const key = c.table.usesText(state) ? textKey(c.table.textOf(state)) : undefined;
    try {
      const match = sessionsOf(await c.store.list(), c.family).find((e) => isExperiment(c.table, e, state, key));
      return match ? this.load(match.id) : null;
    } catch {
      return null;
    }
  }

  // Which session the family starts with: sets the controller's state from the link (decoded, or null) or
  // a saved session, and returns the saved record to restore (null: build from the state). A link opens
  // the saved session of its experiment when there is one, else a new model, with a notice that offers the
  // session the family had; a fresh link (a lesson's) always starts a new model.
  async choose(link) {
    const c = this.c;
    if (link) {
      const { state, notices } = await this.withStoredText(link);
      if (notices.length) c.link.warn(notices);
      c.state = state;
      const same = link.fresh ? null : await this.find(state);
      if (same) return same;
      const previous = await this.load();
      if (previous) this.offer(previous);
      return null;
    }
    const wanted = this.wanted;
    this.wanted = null;
    const stored = await this.load(wanted);
    // after a family switch, settings changed since the last save win over the saved session
    if (!stored || (!wanted && c.applied && !c.table.sameExperiment(stored.state, c.linkState()))) return null;
    c.state = { ...stored.state, views: c.applied && !wanted ? c.state.views : stored.state.views };
    return stored;
  }

  // A link made for an own text too large to carry: the text is the one stored in this browser for that
  // experiment, when there is one. Returns the link's {state, notices}.
  async withStoredText(link) {
    const c = this.c;
    const state = link.states[c.family.id];
    const t = c.table.textField;
    if (!link.missingText || !c.storeOk) return { state, notices: link.notices };
    const withText = { ...state, [t.switch]: t.on };
    try {
      for (const e of sessionsOf(await c.store.list(), c.family)) {
        if (!c.table.usesText(e.state) || !isExperiment(c.table, e, withText, e.textKey)) continue;
        const text = await c.store.text(e.textKey);
        if (text === null) continue;
        return { state: { ...withText, [t.key]: text }, notices: link.notices.filter((n) => !n.includes(c.family.textWords.missing)) };
      }
    } catch { /* the link as it is */ }
    return { state, notices: link.notices };
  }

  // Restores a saved session in place of the model there is (which is saved first, under its own id).
  async restore(record) {
    await this.leave();
    await this.c.restoreRecord(record, record.state, true);
  }

  // The Sessions menu picked one of this family's sessions.
  async open(id) {
    if (id === this.id) return;
    const record = await this.load(id);
    if (record) await this.restore(record);
    else this.c.notices.warn('That session is no longer saved', ['It may have been deleted in another tab.'], { key: 'session-missing', timeout: 8000 });
  }

  // A link took the place of a saved session: say so, and offer to go back to it.
  offer(rec) {
    const c = this.c;
    c.notices.info('Opened the experiment in the link', [
      `It takes precedence over your previous ${c.words.session} in this browser (step ${fmtInt(rec.step)}, saved ${fmtAgo(Date.now() - rec.savedAt)}), which is kept: restore it here, or any time from Sessions.`,
    ], { key: 'precedence', actions: [{ label: 'Restore my previous session instead', testid: 'restore-previous', onClick: () => this.restore(rec) }] });
  }
}
