// The notice area: messages for the user (info, warn, error), each with optional action buttons and a close
// button. Text only (textContent), never markup. The area sits under the header, so a warning or error that
// arrives while it is scrolled out of sight is also echoed by a toast at the bottom of the window.
import { h } from './dom.js';

export class Notices {
  constructor(container) {
    this.el = container;
    this.byKey = new Map();
  }

  // show({level: 'info'|'warn'|'error', title, lines: [..], actions: [{label, onClick, testid}], timeout, key})
  // A notice with a key replaces the previous notice with the same key. Returns a function that closes it.
  show({ level = 'info', title = '', lines = [], actions = [], timeout = 0, key = '' }) {
    if (key && this.byKey.has(key)) this.byKey.get(key)();
    const list = lines.length > 1 ? h('ul', null, lines.map((l) => h('li', null, l))) : lines.length ? h('p', null, lines[0]) : null;
    let closed = false;
    const close = () => {
      if (closed) return;
      closed = true;
      item.remove();
      if (key && this.byKey.get(key) === close) this.byKey.delete(key);
      if (this.toast && this.toast.item === item) this.hideToast();
    };
    const item = h('div', { class: `notice notice-${level}`, role: level === 'error' ? 'alert' : 'status', dataset: { testid: 'notice', level } },
      h('div', { class: 'notice-body' },
        title ? h('strong', null, title) : null,
        list,
        actions.length ? h('div', { class: 'notice-actions' }, actions.map((a) => h('button', {
          type: 'button', class: 'btn btn-small', dataset: a.testid ? { testid: a.testid } : undefined,
          onclick: () => { close(); a.onClick(); },
        }, a.label))) : null),
      h('button', { type: 'button', class: 'notice-close', 'aria-label': 'Dismiss', title: 'Dismiss', onclick: close }, '×'));
    this.el.appendChild(item);
    if (level !== 'info' && !this.inSight()) this.showToast(item, level, title || lines[0] || '');
    if (key) this.byKey.set(key, close);
    if (timeout > 0) setTimeout(close, timeout);
    return close;
  }

  info(title, lines, extra) { return this.show({ level: 'info', title, lines: toLines(lines), ...extra }); }
  warn(title, lines, extra) { return this.show({ level: 'warn', title, lines: toLines(lines), ...extra }); }
  error(title, lines, extra) { return this.show({ level: 'error', title, lines: toLines(lines), ...extra }); }

  clearKey(key) {
    if (this.byKey.has(key)) this.byKey.get(key)();
  }

  inSight() {
    const r = this.el.getBoundingClientRect();
    return r.bottom > 0 && r.top < window.innerHeight;
  }

  // One toast at a time: the newest warning, with a button that scrolls to the notice itself.
  showToast(item, level, text) {
    this.hideToast();
    const el = h('div', { class: `notice-toast notice-${level}`, role: 'alert', dataset: { testid: 'notice-toast', level } },
      h('span', { class: 'notice-toast-text' }, text),
      h('button', { type: 'button', class: 'btn btn-small', dataset: { testid: 'notice-toast-show' }, onclick: () => {
        this.hideToast();
        item.scrollIntoView({ block: 'center' });
      } }, 'Show'),
      h('button', { type: 'button', class: 'notice-close', 'aria-label': 'Dismiss', title: 'Dismiss', onclick: () => this.hideToast() }, '×'));
    document.body.append(el);
    this.toast = { item, el, timer: setTimeout(() => this.hideToast(), 10000) };
  }

  hideToast() {
    if (!this.toast) return;
    clearTimeout(this.toast.timer);
    this.toast.el.remove();
    this.toast = null;
  }
}

function toLines(lines) {
  if (!lines) return [];
  return Array.isArray(lines) ? lines : [lines];
}
