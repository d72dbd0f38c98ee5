// The attention matrix for an input you type: the source characters across, the characters the model writes
// down (greedy, or the beam hypothesis picked in the beam view), each row the weights that output step
// gave the source positions. Redrawn as training goes on.
import { h, showChar } from '../../shell/dom.js';
import { AttentionMap, EOS_LABEL } from '../../ui/charts/attention-map.js';
import { Card } from '../../ui/card.js';

export class AttentionView {
  // onInput(text) (as you type), onDefault()
  constructor({ onToggle, onInput, onDefault }) {
    this.card = new Card({
      id: 'attention', title: 'Attention', subtitle: 'where each output character looks', tall: true,
      help: [
        'Type an input: the model translates it, and each row shows how the decoder spread its attention over the input (and the end-of-input mark, EOS) when it wrote that output character. The weights in a row add up to 1; dark means most of the attention.',
        'A model that reverses its input learns an anti-diagonal: the first output character reads the last input character, and so on. Copying gives a diagonal (shifted by the delay), sorting and translation something less regular. An untrained model spreads its attention evenly.',
        'Inputs longer than anything in training are allowed (up to 255 characters): watch where the pattern breaks down. Pick a beam hypothesis in the beam search view to see its own attention.',
      ],
      onToggle,
    });
    this.input = h('input', {
      type: 'text', maxlength: 255, spellcheck: false, autocomplete: 'off', class: 'mono', dataset: { testid: 'attention-input' },
      'aria-label': 'Input to translate', oninput: () => onInput(this.input.value),
    });
    this.defaultBtn = h('button', { type: 'button', class: 'btn btn-small', dataset: { testid: 'attention-default' }, title: 'Back to the task\'s example input', onclick: () => onDefault() }, 'Example');
    this.caption = h('p', { class: 'readout-line attention-caption', dataset: { testid: 'attention-caption' } });
    this.canvas = h('canvas', { class: 'attention-map', dataset: { testid: 'attention-map' }, role: 'img', 'aria-label': 'Attention weights: input characters across, output characters down' });
    this.readout = h('div', { class: 'readout-line', dataset: { testid: 'attention-readout' } }, 'Hover over the matrix to read a weight.');
    this.note = h('p', { class: 'note', dataset: { testid: 'attention-note' }, hidden: true });
    this.placeholder = h('p', { class: 'placeholder' }, 'Waiting for the model…');
    this.scroller = h('div', { class: 'attention-scroll' }, this.canvas);
    this.card.body.append(
      h('div', { class: 'input-row' }, h('label', { class: 'inline', for: 'attention-input' }, 'input'), this.input, this.defaultBtn),
      this.note, this.caption, this.placeholder, this.scroller, this.readout);
    this.input.id = 'attention-input';
    this.map = new AttentionMap(this.canvas, { onHover: (cell) => this.hover(cell) });
    this.data = null;
  }

  get text() {
    return this.input.value;
  }

  // value: what the user typed ('' = the example); example: the task's example input
  setInput(value, example) {
    if (document.activeElement !== this.input) this.input.value = value;
    this.input.placeholder = example;
  }

  setNote(text) {
    this.note.hidden = !text;
    this.note.textContent = text || '';
  }

  // {source: string, output: string, values: Float32Array [steps * sourceLen], steps, sourceLen, caption,
  //  hasAttention}
  update(d) {
    this.placeholder.hidden = true;
    const cols = [...Array.from(d.source), EOS_LABEL].slice(0, d.sourceLen);
    const out = Array.from(d.output);
    const rows = Array.from({ length: d.steps }, (_, i) => (i < out.length ? out[i] : EOS_LABEL));
    this.data = { cols, rows, hasAttention: d.hasAttention };
    this.caption.textContent = d.caption;
    if (!d.hasAttention) {
      this.map.clear();
      this.scroller.hidden = true;
      this.readout.textContent = '';
      this.setNote('This model has no attention (attention “none”): the decoder reads one fixed summary of the input at every step, so there is no matrix to draw. Choose an attention kind in the sidebar.');
      return;
    }
    this.scroller.hidden = false;
    this.map.setData({ cols, rows, values: d.values });
  }

  hover(cell) {
    const d = this.data;
    if (!cell || !d) {
      this.readout.textContent = 'Hover over the matrix to read a weight.';
      return;
    }
    const name = (labels, i) => (labels[i] === EOS_LABEL ? 'EOS' : `'${showChar(labels[i])}'`);
    this.readout.textContent = `output ${cell.row + 1} ${name(d.rows, cell.row)} ← input ${cell.col + 1} ${name(d.cols, cell.col)}: ${(cell.value * 100).toFixed(1)}% of the attention`;
  }

  reset() {
    this.data = null;
    this.map.clear();
    this.placeholder.hidden = false;
    this.scroller.hidden = true;
    this.caption.textContent = '';
    this.readout.textContent = 'Hover over the matrix to read a weight.';
  }
}
