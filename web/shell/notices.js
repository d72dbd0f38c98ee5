// The notice area: messages for the user (info, warn, error), each with optional action buttons and a close
// button. Text only (textContent), never markup.
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
}

function toLines(lines) {
  if (!lines) return [];
  return Array.isArray(lines) ? lines : [lines];
}
