// Neuron inspector: the probe text coloured by one unit's value at each character (as in Karpathy's
// "The Unreasonable Effectiveness of Recurrent Neural Networks"), and the units that fire most on a chosen
// character.
import { h, clear, showChar } from '../../shell/dom.js';
import { divergingColor, sequentialColor } from '../../ui/charts/heatmap.js';
import { Card } from '../../ui/card.js';

const TOP_UNITS = 8;

function colorFor(v, scale) {
  const t = Math.min(1, Math.max(0, (v - scale.lo) / (scale.hi - scale.lo || 1)));
  const [r, g, b] = scale.diverging ? divergingColor(t) : sequentialColor(t);
  const light = 0.299 * r + 0.587 * g + 0.114 * b > 140;
  return { bg: `rgb(${r | 0},${g | 0},${b | 0})`, fg: light ? '#111827' : '#ffffff' };
}

export class NeuronView {
  // onUnit(unit)
  constructor({ onToggle, onUnit }) {
    this.card = new Card({
      id: 'neuron', title: 'Neuron inspector', subtitle: 'one unit over the text', wide: true, broad: true,
      help: [
        'The probe text, each character coloured by the chosen unit’s value right after reading it (the same quantity as the heatmap: h, c or a gate). Some units learn something you can name: inside quotes or brackets, position in a line, the end of a word. Most do not; step through them with ‹ ›.',
        'Click a character to list the units that fire most on it (highest average value over every place that character occurs in the probe text); click a unit in the list to inspect it. On the bracket and counting presets, look for a unit that rises with nesting depth or counts the a’s.',
      ],
      onToggle,
    });
    this.onUnit = onUnit;
    this.unitInput = h('input', { type: 'number', min: 0, step: 1, dataset: { testid: 'neuron-select' }, 'aria-label': 'Unit', onchange: (e) => onUnit(Number(e.target.value)) });
    this.prev = h('button', { type: 'button', class: 'btn btn-small', dataset: { testid: 'neuron-prev' }, title: 'Previous unit', 'aria-label': 'Previous unit', onclick: () => onUnit(this.unit - 1) }, '‹');
    this.next = h('button', { type: 'button', class: 'btn btn-small', dataset: { testid: 'neuron-next' }, title: 'Next unit', 'aria-label': 'Next unit', onclick: () => onUnit(this.unit + 1) }, '›');
    this.card.tools.append(h('label', { class: 'inline' }, 'unit ', this.prev, this.unitInput, this.next));
    this.caption = h('div', { class: 'readout-line' });
    this.text = h('div', { class: 'neuron-text', dataset: { testid: 'neuron-text' } });
    this.text.addEventListener('click', (e) => {
      const t = e.target.closest('[data-t]');
      if (t) this.selectChar(Number(t.dataset.t));
    });
    this.charLabel = h('span', { class: 'char-chip', dataset: { testid: 'neuron-char' } });
    this.topList = h('ol', { class: 'top-units', dataset: { testid: 'top-units' } });
    this.topScale = h('p', { class: 'note', dataset: { testid: 'top-units-scale' } });
    this.placeholder = h('p', { class: 'placeholder' }, 'Waiting for the model…');
    this.card.body.append(this.placeholder, this.caption, this.text,
      h('div', { class: 'top-units-head' }, 'Units that fire most on ', this.charLabel), this.topList, this.topScale);
    this.unit = 0;
    this.charIndex = -1;
    this.probe = null;
  }

  update(probe, view) {
    this.probe = probe;
    this.view = view;
    this.placeholder.hidden = true;
    const H = probe.H;
    this.unit = Math.min(view.unit, H - 1);
    this.unitInput.max = String(H - 1);
    if (document.activeElement !== this.unitInput) this.unitInput.value = String(this.unit);
    this.prev.disabled = this.unit <= 0;
    this.next.disabled = this.unit >= H - 1;
    const source = probe.has(view.source) ? view.source : 'h';
    const layer = Math.min(view.layer, probe.L - 1);
    const read = probe.reader(source, layer);
    // unbounded quantities (the cell state) are coloured on this unit's own scale
    const scale = probe.unbounded(source) ? probe.scale(source, layer, this.unit) : probe.scale(source, layer);
    const colours = scale.diverging ? 'blue negative, red positive' : 'white low, blue high';
    const range = probe.unbounded(source) ? `; full colour at |value| ≥ ${scale.hi.toFixed(2)}` : '';
    this.caption.textContent = `Layer ${layer + 1}, unit ${this.unit} of ${H}: ${probe.label(source)} after each character (${colours}${range}).`;
    clear(this.text);
    const frag = document.createDocumentFragment();
    let word = null;  // characters of a word stay on one line
    for (let t = 0; t < probe.T; t++) {
      const ch = probe.chars[t];
      const v = read(t, this.unit);
      const { bg, fg } = colorFor(v, scale);
      const span = h('span', { class: 'nc', dataset: { t: String(t) }, title: `'${showChar(ch)}': ${v.toFixed(3)}`, style: { background: bg, color: fg } },
        ch === '\n' ? '↵' : ch === ' ' ? '\u00a0' : ch);
      if (t === this.charIndex) span.classList.add('nc-selected');
      if (/\s/.test(ch)) {
        word = null;
        frag.append(span);
        if (ch === '\n') frag.append(h('br'));
        else frag.append(document.createTextNode('\u200b'));  // a place to wrap after a space
      } else {
        if (!word) {
          word = h('span', { class: 'nw' });
          frag.append(word);
        }
        word.append(span);
      }
    }
    this.text.append(frag);
    if (this.charIndex < 0 || this.charIndex >= probe.T) {
      const nl = probe.chars.indexOf(' ');
      this.charIndex = nl >= 0 ? nl : 0;
    }
    // bounded quantities (h, gates) fill the bar at their largest possible value; the cell state at the largest listed
    this.barFull = probe.unbounded(source) ? null : Math.max(Math.abs(scale.lo), Math.abs(scale.hi));
    this.renderTop(read);
  }

  selectChar(t) {
    this.charIndex = t;
    if (this.probe) this.update(this.probe, this.view);
  }

  renderTop(read) {
    const p = this.probe;
    const ch = p.chars[this.charIndex];
    const where = [];
    for (let t = 0; t < p.T; t++) if (p.chars[t] === ch) where.push(t);
    this.charLabel.textContent = `'${showChar(ch)}' (${where.length}× in the probe text)`;
    const means = new Float64Array(p.H);
    for (let u = 0; u < p.H; u++) {
      let s = 0;
      for (const t of where) s += read(t, u);
      means[u] = s / where.length;
    }
    const order = Array.from(means.keys()).sort((a, b) => means[b] - means[a]).slice(0, TOP_UNITS);
    clear(this.topList);
    const max = this.barFull || Math.max(1e-9, ...order.map((u) => Math.abs(means[u])));
    this.topScale.textContent = this.barFull ? `A full bar is an average of ${this.barFull}, the largest value this quantity can take.`
      : 'This quantity has no fixed range: a full bar is the largest average listed.';
    for (const u of order) {
      this.topList.append(h('li', null, h('button', {
        type: 'button', class: `unit-btn${u === this.unit ? ' active' : ''}`, dataset: { testid: 'top-unit', unit: String(u) },
        onclick: () => this.onUnit(u),
      }, h('span', { class: 'unit-name' }, `unit ${u}`),
      h('span', { class: 'bar-track' }, h('span', { class: 'bar-fill', style: { width: `${Math.min(1, Math.max(0, means[u]) / max) * 100}%` } })),
      h('span', { class: 'bar-value' }, means[u].toFixed(2)))));
    }
  }

  reset() {
    this.probe = null;
    this.placeholder.hidden = false;
    clear(this.text);
    clear(this.topList);
    this.caption.textContent = '';
  }
}
