// The page: the registered families (one controller each) sharing one engine worker, one toolbar, one
// header, one session store and the URL hash. It decides which family to show at start (the link's, else
// the one used last), switches between them (the one left pauses and saves; the one shown restores its own
// saved session), sends the toolbar, header and keyboard to the family shown, opens model files in the
// family they belong to, opens lessons and saved sessions (the Sessions menu), and reads links pasted into
// the address bar. No training logic of its own.
import { familyById } from './legacy.js';
import { decodeLink } from './link.js';
import { readFileMetadata } from './safetensors.js';
import { describeSessions } from './session-list.js';
import { fmtAgo, fmtInt } from './format.js';

export class App {
  // families: the registry; controllers: Map of family id -> controller; pages: Map of id -> its page module
  constructor({ families, controllers, pages, store, notices, toolbar, header, modeMenu, tagline }) {
    Object.assign(this, { families, controllers, pages, store, notices, toolbar, header, modeMenu, tagline });
    this.defaultFamily = families[0];
    this.mode = this.defaultFamily.id;
    this.storeOk = false;
    this.switching = null;
  }

  get active() {
    return this.controllers.get(this.mode);
  }

  family(id) {
    return this.families.find((f) => f.id === id) || null;
  }

  async boot() {
    this.toolbar.setStatus('Loading the engine…');
    const [link, storeOk] = await Promise.all([decodeLink(location.hash, this.families), this.store.open()]);
    this.storeOk = storeOk;
    if (!storeOk)
      this.notices.warn('Sessions are not saved here', ['This browser does not allow IndexedDB for this page, so a reload starts afresh. Download the model to keep it.']);
    const last = !link.present && storeOk ? familyById(this.families, await this.store.lastMode()) : null;
    const mode = link.present ? link.mode : last ? last.id : this.defaultFamily.id;
    this.show(mode);
    // a mode switch asked for while the first family starts waits for it
    this.switching = this.active.start({ link: link.present ? link : null, storeOk });
    try {
      await this.switching;
    } finally {
      this.switching = null;
    }
    window.addEventListener('hashchange', () => this.onHashChange());
  }

  // The family a hash names, before it is decoded (so a link never flashes another family first).
  modeInHash(hash) {
    const m = /(?:^#|&)mode=([^&]*)/.exec(hash);
    const f = m ? familyById(this.families, m[1]) : null;
    return f ? f.id : this.defaultFamily.id;
  }

  // Shows a family's sidebar, views, readouts and tagline (no engine work).
  show(mode) {
    this.mode = mode;
    document.body.dataset.mode = mode;
    for (const el of document.querySelectorAll('[data-mode-pane]')) el.hidden = el.dataset.modePane !== mode;
    this.modeMenu.set(mode);
    this.toolbar.setMode(mode);
    this.toolbar.setRunning(false);
    this.toolbar.setEnabled(false);
    this.header.setDownload(this.pages.get(mode).download, !!this.controllers.get(mode).project);
    if (this.tagline) this.tagline.textContent = this.family(mode).tagline;
    if (this.storeOk) this.store.setLastMode(mode).catch(() => {});
  }

  // The user picked another family (or a link or a model file needs it). link: a decoded link for it.
  async switchMode(mode, link = null) {
    if (!this.family(mode)) return;
    if (this.switching) await this.switching;
    if (mode === this.mode && !link) return;
    const run = async () => {
      this.modeMenu.setEnabled(false);
      try {
        if (mode !== this.mode) {
          await this.active.stop();
          this.notices.clearKey('restored');
          this.notices.clearKey('precedence');
          this.show(mode);
          await this.active.start({ link, storeOk: this.storeOk });
        } else {
          await this.active.applyLink(link);
        }
      } finally {
        this.modeMenu.setEnabled(true);
      }
    };
    this.switching = run();
    try {
      await this.switching;
    } finally {
      this.switching = null;
    }
  }

  async onHashChange() {
    const hash = location.hash.slice(1);
    if (hash === this.active.link.lastHash) return;
    const link = await decodeLink(hash, this.families);
    if (!link.present) return;
    await this.switchMode(link.mode, link);
  }

  // Opens a model file in the family it belongs to, switching families when needed (and saying so).
  async openModel(file) {
    const meta = await readFileMetadata(file);
    const kind = meta && typeof meta.model === 'string' ? meta.model : null;
    const owner = kind ? this.families.find((f) => Object.hasOwn(f.models, kind)) : null;
    if (owner && owner.id !== this.mode) {
      const here = this.family(this.mode);
      this.notices.info(`${file.name} is a ${owner.models[kind]}`, [`Switched to the ${owner.linkName} mode to open it; your ${here.linkName} session is saved and comes back when you switch again.`], { key: 'mode-switch', timeout: 12000 });
      await this.switchMode(owner.id);
    }
    await this.active.openModel(file);
  }

  // Opens a lesson (web/lessons.js): its link, on a fresh model of its family (a saved session of the same
  // experiment is offered, not restored), and its caption with a button that trains the steps it assumes.
  async openLesson(lesson) {
    const link = await decodeLink(lesson.link, this.families, { partial: true });
    link.fresh = true;
    await this.switchMode(link.mode, link);
    const c = this.active;
    const show = (train) => this.notices.info(lesson.title, lesson.caption, {
      key: 'lesson',
      actions: train ? [{ label: `Train ${lesson.steps.toLocaleString('en-US')} steps`, testid: 'lesson-train', onClick: () => show(!c.trainSteps(lesson.steps)) }] : [],
    });
    show(lesson.steps > 0);  // a lesson of a family with nothing to train is its link alone
  }

  // ---- saved sessions (the Sessions menu) ----

  // The menu's rows: {rows, current (the id of the session shown), open (the ids of every family's model),
  // families (how many have sessions), storeOk}.
  async listSessions() {
    const rows = this.storeOk ? describeSessions(await this.store.list().catch(() => []), this.families) : [];
    const open = [...this.controllers.values()].map((c) => c.session.id).filter(Boolean);
    return { rows, current: this.active.session.id, open, families: new Set(rows.map((r) => r.family.id)).size, storeOk: this.storeOk };
  }

  // Restores a saved session, in its family (switching to it when needed; the session shown is saved first).
  async openSession(id) {
    const entry = (await this.store.list().catch(() => [])).find((e) => e.id === id);
    const row = entry ? describeSessions([entry], this.families)[0] : null;
    if (!row) {
      this.notices.warn('That session is no longer saved', ['It may have been deleted in another tab.'], { key: 'session-missing', timeout: 8000 });
      return;
    }
    if (row.family.id !== this.mode) {
      this.controllers.get(row.family.id).session.wanted = id;
      await this.switchMode(row.family.id);
      return;
    }
    if (this.switching) await this.switching;
    this.switching = this.active.session.open(id);
    try {
      await this.switching;
    } finally {
      this.switching = null;
    }
  }

  // Deletes a saved session, with a notice that can put it back.
  async deleteSession(id) {
    const [row] = describeSessions((await this.store.list()).filter((e) => e.id === id), this.families);
    let record = null;
    try {
      record = await this.store.remove(id);
    } catch (e) {
      this.notices.error('Could not delete the session', [String(e.message || e)], { key: 'session-delete' });
      return;
    }
    if (!record || !row) return;
    this.notices.info(`Deleted ${row.name}`, [`Step ${fmtInt(row.step)}, saved ${fmtAgo(Date.now() - row.savedAt)}.`], {
      key: 'session-delete', timeout: 12000,
      actions: [{ label: 'Undo', testid: 'undo-delete', onClick: () => this.store.save(id, record).catch((e) => this.notices.error('Could not put the session back', [String(e.message || e)])) }],
    });
  }

  // ---- the shared controls act on the family shown ----
  togglePlay() { if (!this.switching) this.active.togglePlay(); }
  stepOnce() { if (!this.switching) this.active.stepOnce(); }
  reset() { if (!this.switching) this.active.reset(); }
  copyLink() { return this.active.copyLink(); }
  downloadModel(withState) { return this.active.downloadModel(withState); }
  downloadProject() { return this.active.downloadProject(); }
  showSummary() { return this.active.showSummary(); }
  copyCommand() { return this.active.copyCommand(); }
  downloadExperiment() { return this.active.downloadExperiment(); }
  flush() { this.active.flush(); }
}

// window.recurrentPlayground: the page for scripts and the console. Its own properties are `mode`,
// `switchMode(mode)` and one per family id (`lm`, `seq2seq`: that family's controller; the first page's
// `charlm` still names the char LM's); any other property reads the controller of the family shown (so
// `recurrentPlayground.step`, `.history`, `.ready`, `.state` work in every family).
export function consoleHandle(app) {
  const controllerOf = (key) => {
    const f = typeof key === 'string' ? familyById(app.families, key) : null;
    return f ? app.controllers.get(f.id) : null;
  };
  return new Proxy(app, {
    get(target, key) {
      const named = controllerOf(key);
      if (named) return named;
      if (key in target) {
        const v = target[key];
        return typeof v === 'function' ? v.bind(target) : v;
      }
      const c = target.active;
      const v = c[key];
      return typeof v === 'function' ? v.bind(c) : v;
    },
    has(target, key) {
      return !!controllerOf(key) || key in target || key in target.active;
    },
  });
}
