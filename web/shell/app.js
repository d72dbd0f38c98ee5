// The page: two modes (the char-LM Experiment and the Seq2SeqExperiment) sharing one engine worker, one
// toolbar, one header, one session store and the URL hash. It decides which mode to show at start (the
// link's, else the one used last), switches between them (the one left pauses and saves; the one shown
// restores its own saved session), sends the toolbar, header and keyboard to the mode on show, and reads
// links pasted into the address bar. No training logic of its own.
import { MODES, decodeHash } from './state.js';
import { MODEL_NAMES, modelKind } from './model-file.js';

const TAGLINES = {
  charlm: 'Train a tiny character-level language model (RNN, LSTM or GRU) right in this tab, and watch what happens inside it.',
  seq2seq: 'Train a tiny encoder–decoder with attention (reverse, sort, add, dates, toy translation or your own pairs) right in this tab, and watch where it looks.',
};

export class App {
  constructor({ store, notices, toolbar, header, modeSwitch, controllers, panes, tagline }) {
    Object.assign(this, { store, notices, toolbar, header, modeSwitch, controllers, panes, tagline });
    this.mode = 'charlm';
    this.storeOk = false;
    this.switching = null;
  }

  get active() {
    return this.controllers[this.mode];
  }

  async boot() {
    this.toolbar.setStatus('Loading the engine…');
    const [link, storeOk] = await Promise.all([decodeHash(location.hash), this.store.open()]);
    this.storeOk = storeOk;
    if (!storeOk)
      this.notices.warn('Sessions are not saved here', ['This browser does not allow IndexedDB for this page, so a reload starts afresh. Download the model to keep it.']);
    let mode = link.present ? link.mode : storeOk ? await this.store.lastMode() : null;
    if (!MODES.includes(mode)) mode = 'charlm';
    this.show(mode);
    // a mode switch asked for while the first mode starts waits for it
    this.switching = this.active.start({ link: link.present ? link : null, storeOk });
    try {
      await this.switching;
    } finally {
      this.switching = null;
    }
    window.addEventListener('hashchange', () => this.onHashChange());
  }

  // Shows a mode's sidebar, views, readouts and tagline (no engine work).
  show(mode) {
    this.mode = mode;
    document.body.dataset.mode = mode;
    for (const el of this.panes) el.hidden = el.dataset.modePane !== mode;
    this.modeSwitch.set(mode);
    this.toolbar.setMode(mode);
    this.toolbar.setRunning(false);
    this.toolbar.setEnabled(false);
    this.header.setMode(mode);
    if (this.tagline) this.tagline.textContent = TAGLINES[mode];
    if (this.storeOk) this.store.setLastMode(mode).catch(() => {});
  }

  // The user picked the other mode (or a link or a model file needs it). link: a decoded link for it.
  async switchMode(mode, link = null) {
    if (!MODES.includes(mode)) return;
    if (this.switching) await this.switching;
    if (mode === this.mode && !link) return;
    const run = async () => {
      this.modeSwitch.setEnabled(false);
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
        this.modeSwitch.setEnabled(true);
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
    if (hash === this.active.lastHash) return;
    const link = await decodeHash(hash);
    if (!link.present) return;
    await this.switchMode(link.mode, link);
  }

  // Opens a model file in the mode it belongs to, switching modes when needed (and saying so).
  async openModel(file) {
    const kind = await modelKind(file);
    const want = kind === 'seq2seq' ? 'seq2seq' : kind === 'char_lm' ? 'charlm' : this.mode;
    if (want !== this.mode) {
      this.notices.info(`${file.name} is a ${MODEL_NAMES[kind]}`, [`Switched to the ${want === 'seq2seq' ? 'seq2seq' : 'language-model'} mode to open it; your ${this.mode === 'seq2seq' ? 'seq2seq' : 'language-model'} session is saved and comes back when you switch again.`], { key: 'mode-switch', timeout: 12000 });
      await this.switchMode(want);
    }
    await this.active.openModel(file);
  }

  // ---- the shared controls act on the mode shown ----
  togglePlay() { if (!this.switching) this.active.togglePlay(); }
  stepOnce() { if (!this.switching) this.active.stepOnce(); }
  reset() { if (!this.switching) this.active.reset(); }
  copyLink() { return this.active.copyLink(); }
  downloadModel(withState) { return this.active.downloadModel(withState); }
  flush() { this.active.flush(); }
}

// window.recurrentPlayground: the page for scripts and the console. Its own properties are `mode`,
// `charlm`, `seq2seq`, `switchMode(mode)`; any other property reads the controller of the mode shown (so
// `recurrentPlayground.step`, `.history`, `.ready`, `.state` work in either mode, as they always did for
// the char LM).
export function consoleHandle(app) {
  return new Proxy(app, {
    get(target, key) {
      if (key === 'charlm' || key === 'seq2seq') return target.controllers[key];
      if (key in target) {
        const v = target[key];
        return typeof v === 'function' ? v.bind(target) : v;
      }
      const c = target.active;
      const v = c[key];
      return typeof v === 'function' ? v.bind(c) : v;
    },
    has(target, key) {
      return key in target || key in target.active;
    },
  });
}
