// Keeps the URL hash in step with a controller's family (replaceState, so the history is not flooded),
// applies links pasted into the address bar, and copies the share link.
import { encodeLink } from './link.js';

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

export class LinkKeeper {
  constructor(controller) {
    this.c = controller;
    this.lastHash = null;     // the hash this page wrote last (the page ignores it coming back)
    this.noticedText = null;  // the own text last said not to fit in a link
    this.writeSoon = debounceAsync(() => this.write(), 200);
  }

  warn(notices) {
    this.c.notices.warn('Parts of the link could not be used', linkLines(notices));
  }

  async write() {
    const c = this.c;
    if (!c.active) return;
    const state = c.linkState();
    const { hash, notices } = await encodeLink(c.family, state);
    // say once per text that it does not fit in links
    const text = c.table.textOf(state);
    if (notices.length && this.noticedText !== text) c.notices.warn('About the share link', notices, { key: 'link-text' });
    else if (!notices.length) c.notices.clearKey('link-text');
    this.noticedText = notices.length ? text : null;
    this.lastHash = hash;
    if (c.active && location.hash.slice(1) !== hash) history.replaceState(null, '', `#${hash}`);
  }

  // A link of this family typed or pasted into the address bar while it is shown (decoded by the page):
  // another experiment opens its saved session when there is one, else a new model, and the trained model
  // it replaces stays saved and is offered back; link.fresh (a lesson's) builds a fresh model even for the
  // experiment there is.
  async apply(link) {
    const c = this.c;
    if (link.notices.length) this.warn(link.notices);
    const before = c.linkState();
    c.state = link.states[c.family.id];
    c.syncControls();
    if (link.fresh || !c.table.sameExperiment(before, c.state)) {
      const trained = c.ready && c.step > 0 && !link.fresh;
      await c.session.leave();
      const left = trained ? c.session.id : null;
      const saved = link.fresh ? null : await c.session.find(c.state);
      if (saved) await c.restoreRecord(saved, c.state, false);
      else if (await c.loadData()) await c.build({ confirmed: false });
      const previous = left && left !== c.session.id ? await c.session.load(left) : null;
      if (previous) c.session.offer(previous);
    } else {
      c.linkApplied(before);
      c.refreshViews();
      this.writeSoon();
    }
  }

  async copy() {
    const c = this.c;
    const { hash, notices } = await encodeLink(c.family, c.linkState());
    const url = `${location.href.split('#')[0]}#${hash}`;
    try {
      await navigator.clipboard.writeText(url);
      c.notices.info('Link copied', [c.words.copied, ...notices], { key: 'copy', timeout: 6000 });
    } catch {
      c.notices.warn('Copy this link', [url, ...notices], { key: 'copy' });
    }
  }
}
