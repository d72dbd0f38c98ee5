// The probe text the inspection views read (heatmap, gates, neuron inspector, sensitivity), and the layer
// they show.
import { h, clear } from '../shell/dom.js';

export class ProbePanel {
  // onProbe(text), onLayer(raw)
  constructor({ onProbe, onLayer }) {
    this.textarea = h('textarea', { rows: 4, spellcheck: false, maxlength: 400, dataset: { testid: 'probe-input' }, 'aria-label': 'Probe text',
      onchange: () => onProbe(this.textarea.value) });
    this.defaultBtn = h('button', { type: 'button', class: 'btn btn-small', dataset: { testid: 'probe-default' }, onclick: () => onProbe('') }, 'Default');
    this.layer = h('select', { id: 'layer-select', dataset: { testid: 'layer-select' }, onchange: (e) => onLayer(e.target.value) });
    this.note = h('p', { class: 'note', dataset: { testid: 'probe-note' }, hidden: true });
    this.el = h('div', { class: 'fields' },
      h('div', { class: 'field' }, h('label', null, 'probe text', h('span', { class: 'hint' }, 'up to 400 characters')), this.textarea),
      h('div', { class: 'controls-row' }, this.defaultBtn, h('span', { class: 'spacer' }),
        h('label', { class: 'inline', for: 'layer-select' }, 'layer ', this.layer)),
      this.note);
  }

  setValues(text, layer, layers) {
    if (document.activeElement !== this.textarea) this.textarea.value = text;
    if (this.layer.options.length !== layers) {
      clear(this.layer);
      for (let l = 0; l < layers; l++) this.layer.append(h('option', { value: String(l) }, String(l + 1)));
    }
    this.layer.value = String(Math.min(layer, layers - 1));
  }

  setNote(text) {
    this.note.hidden = !text;
    this.note.textContent = text || '';
  }
}
