// A header menu: a button that opens a short list of items, built on <details> (it opens and closes with the
// keyboard without help) and closed again by a pick, Escape or a click elsewhere. The mode menu, the
// lessons, the saved sessions and the command-line exports are each one. Text only.
import { h, clear } from '../shell/dom.js';

export class Menu {
  // label: the button's text (a string or nodes); testid: the button's; items: [{id, label, note, title,
  // testid, disabled, aside: {label, title, testid, onClick} (a small button beside the item)}]; onPick(id);
  // checkable: items show which one is chosen (setChecked); onOpen(): the menu opened (to refresh its items)
  constructor({ label, title = '', testid, items = [], onPick, checkable = false, className = '', onOpen = null }) {
    this.onPick = onPick;
    this.checkable = checkable;
    this.enabled = true;
    this.button = h('summary', { class: 'btn menu-button', title, dataset: { testid } });
    this.list = h('div', { class: 'menu-list', role: 'menu' });
    this.el = h('details', { class: `menu ${className}`.trim() }, this.button, this.list);
    this.setLabel(label);
    this.setItems(items);
    this.el.addEventListener('toggle', () => {
      if (this.el.open && !this.enabled) this.el.open = false;
      if (this.el.open && onOpen) onOpen();
      if (this.el.open) this.fit();
    });
    this.el.addEventListener('keydown', (e) => {
      if (e.key !== 'Escape' || !this.el.open) return;
      this.close();
      this.button.focus();
    });
    document.addEventListener('click', (e) => {
      if (this.el.open && !this.el.contains(e.target)) this.close();
    });
  }

  setLabel(label) {
    clear(this.button);
    this.button.append(...(Array.isArray(label) ? label : [label]), h('span', { class: 'menu-caret', 'aria-hidden': 'true' }, '▾'));
  }

  setItems(items) {
    clear(this.list);
    this.items = new Map();
    for (const it of items) {
      const item = h('button', {
        type: 'button', class: 'menu-item', role: this.checkable ? 'menuitemradio' : 'menuitem', title: it.title || '',
        dataset: { testid: it.testid, id: it.id }, disabled: !!it.disabled, onclick: () => this.pick(it.id),
      }, h('span', { class: 'menu-item-label' }, it.label), it.note ? h('span', { class: 'menu-item-note' }, it.note) : null);
      if (this.checkable) item.setAttribute('aria-checked', 'false');
      this.items.set(it.id, item);
      const a = it.aside;
      this.list.append(a ? h('div', { class: 'menu-row' }, item, h('button', {
        type: 'button', class: 'menu-aside', title: a.title || '', 'aria-label': a.title || a.label, dataset: { testid: a.testid, id: it.id },
        onclick: (e) => {
          e.stopPropagation();
          a.onClick(it.id);
        },
      }, a.label)) : item);
    }
  }

  // Opens the list to whichever side of the button has room for it.
  fit() {
    this.el.classList.remove('menu-right');
    const r = this.list.getBoundingClientRect();
    if (r.right > document.documentElement.clientWidth) this.el.classList.add('menu-right');
  }

  pick(id) {
    this.close();
    this.onPick(id);
  }

  close() {
    this.el.open = false;
  }

  setChecked(id) {
    for (const [key, item] of this.items) {
      item.setAttribute('aria-checked', String(key === id));
      item.classList.toggle('checked', key === id);
    }
  }

  setEnabled(on) {
    this.enabled = on;
    this.button.setAttribute('aria-disabled', String(!on));
    if (!on) this.close();
  }
}
