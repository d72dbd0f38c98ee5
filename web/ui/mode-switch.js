// The mode tabs in the header, one per registered family.
import { h } from '../shell/dom.js';

export class ModeSwitch {
  // families: [{id, label, title}]; onMode(id)
  constructor({ families, onMode }) {
    this.tabs = new Map();
    this.el = h('div', { class: 'mode-switch', role: 'tablist', 'aria-label': 'Mode' });
    for (const { id: mode, label, title } of families) {
      const tab = h('button', {
        type: 'button', role: 'tab', class: 'mode-tab', title, 'aria-selected': 'false',
        dataset: { testid: `mode-${mode}`, mode }, onclick: () => onMode(mode),
      }, label);
      this.tabs.set(mode, tab);
      this.el.append(tab);
    }
    // arrow keys move between the tabs, as in any tab list
    this.el.addEventListener('keydown', (e) => {
      if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
      const order = [...this.tabs.keys()];
      const i = order.indexOf(this.mode);
      const next = order[(i + (e.key === 'ArrowRight' ? 1 : order.length - 1)) % order.length];
      e.preventDefault();
      this.tabs.get(next).focus();
      onMode(next);
    });
  }

  set(mode) {
    this.mode = mode;
    for (const [m, tab] of this.tabs) {
      const on = m === mode;
      tab.setAttribute('aria-selected', String(on));
      tab.tabIndex = on ? 0 : -1;
      tab.classList.toggle('active', on);
    }
  }

  setEnabled(on) {
    for (const tab of this.tabs.values()) tab.disabled = !on;
  }
}
