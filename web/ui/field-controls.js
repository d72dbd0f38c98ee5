// Model and training controls, one per field of the link table. A change is validated by the experiment;
// an invalid value is marked and reverted. The char LM's controls are the default SPEC; the seq2seq mode
// builds the same kind of panel from its own spec and field table (seq2seq-controls.js).
import { h } from '../dom.js';
import { field } from '../state.js';

const CELL_OPTIONS = [
  ['lstm', 'LSTM'], ['gru', 'GRU'], ['rnn_tanh', 'Vanilla RNN (tanh)'], ['rnn_relu', 'Vanilla RNN (ReLU)'],
  ['lstm_peephole', 'LSTM with peepholes'], ['lstm_coupled', 'LSTM, coupled gates'],
];
const OPTIM_OPTIONS = [['adam', 'Adam'], ['sgd', 'SGD'], ['momentum', 'SGD + momentum'], ['rmsprop', 'RMSprop'], ['adagrad', 'Adagrad']];

const SPEC = [
  { section: 'model', key: 'cell', kind: 'select', label: 'cell', options: CELL_OPTIONS },
  { section: 'model', key: 'hidden', kind: 'int', label: 'hidden units', hint: 'H, per layer' },
  { section: 'model', key: 'layers', kind: 'select', label: 'layers', options: [1, 2, 3, 4].map((n) => [String(n), String(n)]) },
  { section: 'model', key: 'embed', kind: 'int', label: 'embedding size', hint: '0 = one-hot input' },
  { section: 'train', key: 'seq', kind: 'int', label: 'sequence length', hint: 'T, characters per window' },
  { section: 'train', key: 'batch', kind: 'int', label: 'batch size', hint: 'B, parallel streams' },
  { section: 'train', key: 'optim', kind: 'select', label: 'optimizer', options: OPTIM_OPTIONS },
  { section: 'train', key: 'lr', kind: 'float', label: 'learning rate' },
  { section: 'train', key: 'momentum', kind: 'float', label: 'momentum', showIf: (s) => s.optim === 'momentum' },
  { section: 'train', key: 'nesterov', kind: 'check', label: 'Nesterov', showIf: (s) => s.optim === 'momentum' },
  { section: 'train', key: 'weight_decay', kind: 'float', label: 'weight decay' },
  { section: 'train', key: 'lr_gamma', kind: 'float', label: 'LR decay factor', hint: '1 = constant' },
  { section: 'train', key: 'lr_every', kind: 'int', label: 'LR decay every', hint: 'steps', showIf: (s) => s.lr_gamma < 1 },
  { section: 'train', key: 'clip_norm', kind: 'float', label: 'clip gradient norm', hint: '0 = off' },
  { section: 'train', key: 'clip_value', kind: 'float', label: 'clip gradient values', hint: '0 = off' },
  { section: 'train', key: 'reset_state', kind: 'check', label: 'reset state every window' },
  { section: 'train', key: 'seed', kind: 'int', label: 'seed', dice: true },
];

export const testidFor = (key) => `ctl-${key.replace(/_/g, '-')}`;

export class ModelPanel {
  // onChange(key, raw); spec: the controls; fieldOf(key): the link table's field; testidOf(key); sizeTestid
  constructor({ onChange, spec = SPEC, fieldOf = field, testidOf = testidFor, sizeTestid = 'model-size' }) {
    this.onChange = onChange;
    this.fieldOf = fieldOf;
    this.testidOf = testidOf;
    this.inputs = new Map();
    this.rows = new Map();
    this.sections = { data: h('div', { class: 'fields' }), model: h('div', { class: 'fields' }), train: h('div', { class: 'fields' }) };
    this.model = this.sections.model;
    this.train = this.sections.train;
    for (const s of spec) this.addControl(s);
    this.size = h('p', { class: 'note size-note', dataset: { testid: sizeTestid } });
    this.model.append(this.size);
  }

  addControl(spec) {
    const f = this.fieldOf(spec.key);
    const testid = this.testidOf(spec.key);
    let input;
    const commit = () => {
      input.dataset.shown = input.value;  // committed: setValues may overwrite it again (e.g. to revert it)
      this.onChange(spec.key, spec.kind === 'check' ? (input.checked ? '1' : '0') : input.value);
    };
    if (spec.kind === 'select') {
      input = h('select', { dataset: { testid }, onchange: commit }, spec.options.map(([v, l]) => h('option', { value: v }, l)));
    } else if (spec.kind === 'check') {
      input = h('input', { type: 'checkbox', dataset: { testid }, onchange: commit });
    } else {
      input = h('input', {
        type: spec.kind === 'int' ? 'number' : 'text', inputmode: spec.kind === 'int' ? 'numeric' : 'decimal',
        min: spec.kind === 'int' ? f.min : undefined, max: spec.kind === 'int' ? f.max : undefined, step: spec.kind === 'int' ? 1 : undefined,
        spellcheck: false, autocomplete: 'off', dataset: { testid }, onchange: commit,
      });
    }
    input.id = testid;
    this.inputs.set(spec.key, { input, spec });
    let row;
    if (spec.kind === 'check') {
      row = h('label', { class: 'field field-check', for: testid }, input, h('span', null, spec.label));
    } else {
      const extra = spec.dice ? h('button', {
        type: 'button', class: 'btn btn-small', title: 'A new random seed', 'aria-label': 'New random seed', dataset: { testid: spec.diceTestid || 'new-seed' },
        onclick: () => this.onChange(spec.key, String(Math.floor(Math.random() * 1e9))),
      }, 'Random') : null;
      row = h('div', { class: 'field' },
        h('label', { for: testid }, spec.label, spec.hint ? h('span', { class: 'hint' }, spec.hint) : null),
        extra ? h('div', { class: 'with-button' }, input, extra) : input);
    }
    if (spec.title) row.title = spec.title;
    this.rows.set(spec.key, row);
    this.sections[spec.section].append(row);
  }

  setValues(state) {
    for (const [key, { input, spec }] of this.inputs) {
      if (spec.kind === 'check') {
        input.checked = !!state[key];
      } else if (input === document.activeElement && input.dataset.shown !== undefined && input.value !== input.dataset.shown) {
        // The user is typing a value not yet committed (a rebuild finished meanwhile): leave it alone.
      } else {
        input.value = String(state[key]);
        input.dataset.shown = input.value;
      }
      input.classList.remove('invalid');
      input.removeAttribute('aria-invalid');
      input.title = '';
      if (spec.showIf) this.rows.get(key).hidden = !spec.showIf(state);
      if (spec.optionNote) {
        // options that do not fit the other settings stay visible but disabled, with the reason
        for (const opt of input.options) {
          const why = spec.optionNote(opt.value, state);
          opt.disabled = !!why && opt.value !== input.value;
          opt.title = why || '';
        }
      }
    }
  }

  markInvalid(key, message) {
    const c = this.inputs.get(key);
    if (!c) return;
    c.input.classList.add('invalid');
    c.input.setAttribute('aria-invalid', 'true');
    c.input.title = message;
  }

  setSize(text) {
    this.size.textContent = text;
  }
}
