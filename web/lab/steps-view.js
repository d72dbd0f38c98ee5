// The "Step by step" card: the input sequence (typed, steps added and removed, its order reversed), then the
// engine's run of it as a table — per step x(t), the input part W_in x(t) + b_h, the recurrent part
// W_rec h(t−1), h(t) and y(t) — and, for the step picked, which numbers combine into each h(t) and y(t).
// Every value shown is the engine's; the page only writes them out.
import { Card } from '../ui/card.js';
import { clear, h } from '../shell/dom.js';
import { readMatrix } from './matrix.js';
import { MatrixEditor } from './matrix-editor.js';
import { UnrolledDiagram } from './unrolled-diagram.js';

// Numbers as people write them: whole numbers exactly, others to 4 significant digits.
export function fmtNumber(x) {
  if (Number.isInteger(x)) return String(x);
  if (!Number.isFinite(x)) return String(x);
  return String(Number(x.toPrecision(4)));
}

export const fmtVector = (v) => `[${Array.from(v, fmtNumber).join(', ')}]`;

// Row t of a [rows, n] row-major array.
const row = (a, t, n) => a.subarray(t * n, (t + 1) * n);

// "1·2 + 1·2": a weight row against a vector, written out (the products are left to the reader).
const terms = (w, v) => w.map((x, i) => `${fmtNumber(x)}·${fmtNumber(v[i])}`).join(' + ');

export class StepsView {
  // onToggle(open), onCell(row, col, raw), onAddStep(), onRemoveStep(), onReverse(), onFocus(t: 1-based)
  constructor({ onToggle, onCell, onAddStep, onRemoveStep, onReverse, onFocus, activationLabel }) {
    this.onFocus = onFocus;
    this.activationLabel = activationLabel;
    this.card = new Card({
      id: 'steps', title: 'Step by step', subtitle: 'every hidden state and output, as the engine computed them', wide: true,
      help: [
        'The inputs go in one vector per step. h(0) is 0; each step adds the input part and the recurrent part, squashes the sum with the activation f, and reads the output from the new state.',
        'Click a row to see which numbers make its h(t) and y(t). Reverse the order of the inputs and watch the outputs change: the network remembers what came first.',
      ],
      onToggle,
    });
    this.inputs = new MatrixEditor({
      testid: 'lab-inputs', title: 'Inputs', note: 'one vector x(t) per step', rowLabel: (t) => `x(${t + 1})`, colLabel: (c) => `x${c + 1}`,
      onCell: (r, c, raw) => onCell(r, c, raw),
    });
    this.addBtn = h('button', { type: 'button', class: 'btn btn-small', dataset: { testid: 'lab-add-step' }, onclick: () => onAddStep() }, '+ step');
    this.removeBtn = h('button', { type: 'button', class: 'btn btn-small', dataset: { testid: 'lab-remove-step' }, onclick: () => onRemoveStep() }, '− last step');
    this.reverseBtn = h('button', { type: 'button', class: 'btn btn-small', dataset: { testid: 'lab-reverse' }, title: 'The same inputs in the opposite order', onclick: () => onReverse() }, '⇅ Reverse the order');
    this.table = h('table', { class: 'lab-table', dataset: { testid: 'lab-steps-table' } });
    this.diagram = new UnrolledDiagram({ onFocus });
    this.explain = h('div', { class: 'lab-explain', dataset: { testid: 'lab-explain' }, 'aria-live': 'polite' });
    this.refusal = h('p', { class: 'note lab-refusal', hidden: true, dataset: { testid: 'lab-refusal' } });
    this.card.body.append(
      h('p', { class: 'lab-equations', dataset: { testid: 'lab-equations' } }, 'h(t) = f(W_in x(t) + b_h + W_rec h(t−1)),  h(0) = 0;   y(t) = W_out h(t) + b_y'),
      h('div', { class: 'lab-inputs' }, this.inputs.el, h('div', { class: 'lab-input-buttons' }, this.addBtn, this.removeBtn, this.reverseBtn)),
      this.refusal, this.diagram.el, h('div', { class: 'lab-table-wrap' }, this.table), this.explain);
  }

  setState(s, maxSteps) {
    const rows = readMatrix(s.inputs);
    this.inputs.set(rows);
    this.addBtn.disabled = rows.length >= maxSteps;
    this.removeBtn.disabled = rows.length <= 1;
    this.reverseBtn.disabled = rows.length <= 1;
  }

  // r: the engine's result ({ok, I, H, O, T, x, inputPart, recurrent, pre, h, y} or {ok: false, error});
  // s: the state (its focus and its W matrices, for writing out the sums).
  render(r, s) {
    this.refusal.hidden = !r || r.ok;
    if (r && !r.ok) this.refusal.textContent = `The engine refused this network: ${r.error}`;
    this.table.classList.toggle('stale', !!r && !r.ok);
    if (!r || !r.ok) return;
    if (r.T !== this.shownT || r.H !== this.shownH || r.O !== this.shownO || r.I !== this.shownI) this.buildTable(r);
    for (let t = 0; t < r.T; t++) {
      const cells = this.rows[t];
      cells.x.textContent = fmtVector(row(r.x, t, r.I));
      cells.inputPart.textContent = fmtVector(row(r.inputPart, t, r.H));
      cells.recurrent.textContent = fmtVector(row(r.recurrent, t, r.H));
      cells.h.textContent = fmtVector(row(r.h, t + 1, r.H));
      cells.y.textContent = fmtVector(row(r.y, t, r.O));
      cells.tr.classList.toggle('focus', t + 1 === s.focus);
      cells.tr.setAttribute('aria-selected', String(t + 1 === s.focus));
    }
    this.diagram.render(this.rows.map((c) => ({ x: c.x.textContent, h: c.h.textContent, y: c.y.textContent })), Math.min(s.focus, r.T));
    this.writeExplanation(r, s, Math.min(s.focus, r.T) - 1);
  }

  buildTable(r) {
    Object.assign(this, { shownT: r.T, shownH: r.H, shownO: r.O, shownI: r.I });
    clear(this.table);
    this.table.append(h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, 't'), h('th', { scope: 'col' }, 'x(t)'),
      h('th', { scope: 'col' }, 'W_in x(t) + b_h'), h('th', { scope: 'col' }, 'W_rec h(t−1)'),
      h('th', { scope: 'col' }, 'h(t) = f(sum)'), h('th', { scope: 'col' }, 'y(t) = W_out h(t) + b_y'))));
    const body = h('tbody');
    this.rows = [];
    for (let t = 0; t < r.T; t++) {
      const cell = (testid) => h('td', { dataset: { testid } });
      const cells = { x: cell('lab-x'), inputPart: cell('lab-input-part'), recurrent: cell('lab-recurrent'), h: cell('lab-h'), y: cell('lab-y') };
      cells.tr = h('tr', { dataset: { testid: 'lab-step-row', step: String(t + 1) }, tabindex: '0', title: 'Show which numbers make this step',
        onclick: () => this.onFocus(t + 1),
        onkeydown: (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); this.onFocus(t + 1); } } },
      h('th', { scope: 'row' }, String(t + 1)), cells.x, cells.inputPart, cells.recurrent, cells.h, cells.y);
      body.append(cells.tr);
      this.rows.push(cells);
    }
    this.table.append(body);
  }

  // Step t (0-based): each unit's sum with its numbers, then each output's.
  writeExplanation(r, s, t) {
    clear(this.explain);
    const wIn = readMatrix(s.w_in), wRec = readMatrix(s.w_rec), bH = readMatrix(s.b_h)[0];
    const wOut = readMatrix(s.w_out), bY = readMatrix(s.b_y)[0];
    const x = Array.from(row(r.x, t, r.I)), hPrev = Array.from(row(r.h, t, r.H)), hNow = Array.from(row(r.h, t + 1, r.H));
    const f = this.activationLabel(s.activation);
    const lines = [];
    for (let j = 0; j < r.H; j++) {
      const pre = r.pre[t * r.H + j];
      lines.push(`h${j + 1}(${t + 1}) = f( ${terms(wIn[j], x)} + ${fmtNumber(bH[j])}  +  ${terms(wRec[j], hPrev)} ) = f(${fmtNumber(pre)}) = ${fmtNumber(hNow[j])}`);
    }
    for (let k = 0; k < r.O; k++) lines.push(`y${k + 1}(${t + 1}) = ${terms(wOut[k], hNow)} + ${fmtNumber(bY[k])} = ${fmtNumber(r.y[t * r.O + k])}`);
    this.explain.append(
      h('p', { class: 'lab-explain-title' }, `Step ${t + 1}: x(${t + 1}) = ${fmtVector(x)}, h(${t}) = ${fmtVector(hPrev)}, f = ${f}`),
      h('pre', { class: 'lab-sums' }, lines.join('\n')));
  }
}
