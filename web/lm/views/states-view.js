// Hidden-state heatmap: every unit (rows) at every character of the probe text (columns), for the hidden
// state, the cell state or one gate. Hover to read a value; click a row to inspect that unit.
import { h, clear, showChar } from '../../shell/dom.js';
import { Heatmap } from '../../ui/charts/heatmap.js';
import { Card } from '../../ui/card.js';

const MAX_ROWS = 256;

export class StatesView {
  // onSource(source), onUnit(unit)
  constructor({ onToggle, onSource, onUnit }) {
    this.card = new Card({
      id: 'states', title: 'Hidden states', subtitle: 'units × characters', wide: true,
      help: [
        'Each row is one unit (neuron) of the chosen layer, each column one character of the probe text (set in the sidebar); the colour is its value after reading that character. Red is positive, blue negative, white zero; gates run from 0 (white) to 1 (dark blue).',
        'Switch to the cell state c (LSTM family) to see the memory that the forget gate protects, or to a gate to see when the model writes, keeps or forgets. Rows that stay one colour across the text are saturated or dead units; rows that flip at spaces, line breaks or brackets have found structure.',
        'Click a row to open that unit in the neuron inspector.',
      ],
      onToggle,
    });
    this.onUnit = onUnit;
    this.source = h('select', { dataset: { testid: 'heat-source' }, 'aria-label': 'Quantity shown', onchange: (e) => onSource(e.target.value) });
    this.card.tools.append(h('label', { class: 'inline' }, 'show ', this.source));
    this.canvas = h('canvas', { class: 'heatmap', dataset: { testid: 'heatmap' }, role: 'img', 'aria-label': 'Heatmap of unit values over the probe text' });
    this.readout = h('div', { class: 'readout-line', dataset: { testid: 'heatmap-readout' } }, 'Hover over the map to read a value.');
    this.note = h('p', { class: 'note', hidden: true });
    this.scroller = h('div', { class: 'heatmap-scroll' }, this.canvas);
    this.placeholder = h('p', { class: 'placeholder' }, 'Waiting for the model…');
    this.card.body.append(this.placeholder, this.scroller, this.readout, this.note);
    this.map = new Heatmap(this.canvas, {
      onHover: (cell) => this.hover(cell),
      onClick: (cell) => onUnit(cell.row + this.rowOffset),
    });
    this.probe = null;
    this.rowOffset = 0;
  }

  // sources: [{value, label}] of the cell (Catalogue.sources); current: the one chosen
  setSources(sources, current) {
    clear(this.source);
    for (const s of sources) this.source.append(h('option', { value: s.value }, s.label));
    this.source.value = sources.some((s) => s.value === current) ? current : 'h';
  }

  // probe: ProbeData; view: {source, layer, unit}
  update(probe, view) {
    this.probe = probe;
    this.view = view;
    this.placeholder.hidden = true;
    const source = probe.has(view.source) ? view.source : 'h';
    const layer = Math.min(view.layer, probe.L - 1);
    const read = probe.reader(source, layer);
    const scale = probe.scale(source, layer);
    const rows = Math.min(probe.H, MAX_ROWS);
    // keep the selected unit visible when the layer is wider than what is drawn
    this.rowOffset = view.unit >= rows ? Math.min(probe.H - rows, view.unit - Math.floor(rows / 2)) : 0;
    const off = this.rowOffset;
    this.note.hidden = probe.H <= MAX_ROWS;
    this.note.textContent = probe.H > MAX_ROWS ? `Showing units ${off}–${off + rows - 1} of ${probe.H}.` : '';
    this.map.setData({
      rows, cols: probe.T, chars: probe.chars, value: (r, c) => read(c, r + off), lo: scale.lo, hi: scale.hi,
      diverging: scale.diverging, rowOffset: off, highlightRow: view.unit - off,
      label: `${scale.label}, layer ${layer + 1}`,
    });
    this.source.value = source;
  }

  hover(cell) {
    if (!cell || !this.probe) {
      this.readout.textContent = 'Hover over the map to read a value.';
      return;
    }
    const ch = this.probe.chars[cell.col];
    const loss = cell.col > 0 && this.probe.charLoss ? this.probe.charLoss[cell.col - 1] : NaN;
    const surprise = Number.isFinite(loss) ? ` · surprise at this character ${loss.toFixed(2)} nats` : '';
    this.readout.textContent = `unit ${cell.row + this.rowOffset}, character ${cell.col + 1} '${showChar(ch)}': ${cell.value.toFixed(3)}${surprise}`;
  }

  reset() {
    this.probe = null;
    this.placeholder.hidden = false;
  }
}
