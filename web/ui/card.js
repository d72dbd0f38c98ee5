// The frame every view sits in: a title, a "what am I looking at" help text, and a collapse toggle (which
// views are open is part of the link).
import { h } from '../shell/dom.js';
import { ChartExport } from './chart-export.js';

export class Card {
  // {id, title, subtitle, help: [paragraphs], wide (the whole row), broad (two columns when the grid has
  //  three: a wide screen), tall (spans two grid rows in two columns), onToggle(open)}
  constructor({ id, title, subtitle, help = [], wide = false, broad = false, tall = false, onToggle = () => {} }) {
    this.id = id;
    this.open = true;
    this.onToggle = onToggle;
    this.toggleBtn = h('button', {
      type: 'button', class: 'card-toggle', 'aria-expanded': 'true', title: 'Show or hide this view',
      dataset: { testid: `toggle-${id}` }, onclick: () => this.setOpen(!this.open, true),
    }, h('span', { class: 'chevron', 'aria-hidden': 'true' }, '▾'), h('span', { class: 'card-title' }, title));
    this.helpText = h('div', { class: 'card-help', hidden: true, dataset: { testid: `help-${id}` } },
      help.map((p) => h('p', null, p)));
    this.helpBtn = h('button', {
      type: 'button', class: 'help-btn', 'aria-expanded': 'false', title: 'What am I looking at?',
      onclick: () => {
        const show = this.helpText.hidden;
        this.helpText.hidden = !show;
        this.helpBtn.setAttribute('aria-expanded', String(show));
      },
    }, '?');
    this.tools = h('div', { class: 'card-tools' });
    this.body = h('div', { class: 'card-body' });
    this.el = h('section', { class: `card${wide ? ' card-wide' : ''}${broad ? ' card-broad' : ''}${tall ? ' card-tall' : ''}`, id: `view-${id}`, dataset: { testid: `view-${id}` } },
      h('header', { class: 'card-head' }, this.toggleBtn, subtitle ? h('span', { class: 'card-sub' }, subtitle) : null, this.tools, this.helpBtn),
      this.helpText,
      this.body);
    this.tools.after(new ChartExport(this).el);
  }

  setOpen(open, fromUser = false) {
    this.open = !!open;
    this.el.classList.toggle('collapsed', !this.open);
    this.toggleBtn.setAttribute('aria-expanded', String(this.open));
    this.body.hidden = !this.open;
    this.tools.hidden = !this.open;
    if (!this.open) this.helpText.hidden = true;
    if (fromUser) this.onToggle(this.open);
  }
}
