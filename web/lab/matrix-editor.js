// A small editable matrix: one text box per number, row and column labels, and the reason a value was
// refused right under it. The controller owns the numbers: a change goes to onCell(row, col, raw), and
// set() shows the state's matrix again (a refused value is reverted).
import { clear, h } from '../shell/dom.js';

export class MatrixEditor {
  // {testid, title (e.g. 'W_in'), note (what it multiplies), rowLabel(r), colLabel(c), onCell(r, c, raw)}
  constructor({ testid, title, note, rowLabel, colLabel, onCell }) {
    Object.assign(this, { testid, rowLabel, colLabel, onCell });
    this.grid = h('div', { class: 'matrix', dataset: { testid }, role: 'group', 'aria-label': title });
    this.error = h('p', { class: 'field-error', role: 'alert', hidden: true, dataset: { testid: `${testid}-error` } });
    this.el = h('div', { class: 'matrix-block' },
      h('div', { class: 'matrix-title' }, h('span', { class: 'matrix-name' }, title), note ? h('span', { class: 'hint' }, note) : null),
      this.grid, this.error);
    this.shape = '';
  }

  // rows: number[][]; rebuilds the boxes only when the shape changed (a box being typed in keeps its focus).
  set(rows) {
    const shape = `${rows.length}x${rows[0] ? rows[0].length : 0}`;
    if (shape !== this.shape) this.build(rows.length, rows[0] ? rows[0].length : 0);
    rows.forEach((row, r) => row.forEach((x, c) => {
      const input = this.inputs[r][c];
      if (input !== document.activeElement || input.dataset.shown !== input.value) input.value = String(x);
      input.dataset.shown = String(x);
      input.classList.remove('invalid');
      input.removeAttribute('aria-invalid');
    }));
    this.error.hidden = true;
  }

  build(R, C) {
    this.shape = `${R}x${C}`;
    clear(this.grid);
    this.grid.style.gridTemplateColumns = `auto repeat(${C}, minmax(3.2em, 4.5em))`;
    this.grid.append(h('span'), ...Array.from({ length: C }, (_, c) => h('span', { class: 'matrix-col' }, this.colLabel(c))));
    this.inputs = [];
    for (let r = 0; r < R; r++) {
      this.grid.append(h('span', { class: 'matrix-row' }, this.rowLabel(r)));
      const row = [];
      for (let c = 0; c < C; c++) {
        const input = h('input', {
          type: 'text', inputmode: 'decimal', spellcheck: false, autocomplete: 'off',
          'aria-label': `${this.grid.getAttribute('aria-label')} ${this.rowLabel(r)}, ${this.colLabel(c)}`,
          dataset: { testid: `${this.testid}-${r}-${c}` },
          onchange: () => this.onCell(r, c, input.value),
        });
        row.push(input);
        this.grid.append(input);
      }
      this.inputs.push(row);
    }
  }

  // The reason a value (or the whole matrix) was refused, under it; at (row, col) the box is marked too.
  invalid(message, at = null) {
    const box = at && this.inputs[at[0]] && this.inputs[at[0]][at[1]];
    if (box) {
      box.classList.add('invalid');
      box.setAttribute('aria-invalid', 'true');
    }
    this.error.textContent = message;
    this.error.hidden = false;
    this.error.scrollIntoView({ block: 'nearest' });
  }
}
