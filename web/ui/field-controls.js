// Controls built from a family's field table: one per entry of its spec (a select, a checkbox or a number or
// text box, with the field's range), grouped into sections ('data', 'model', 'train') that the family
// places in its sidebar. A change goes to onChange as text; the controller validates it with the table, and
// an invalid value is marked and reverted, with the reason right under the control (where the user is
// looking, however far the page has scrolled) until the next change.
import { h } from '../shell/dom.js';

export class FieldControls {
  // table: the family's FieldTable; spec: [{section, key, kind, label, hint, options, showIf, optionNote, dice,
  // diceTestid, title}]; prefix: testids are `<prefix>-<key with dashes>`; onChange(key, raw); sizeTestid: the
  // model-size note under the model section.
  constructor({ table, spec, prefix, onChange, sizeTestid }) {
    this.onChange = onChange;
    this.table = table;
    this.prefix = prefix;
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
    const f = this.table.field(spec.key);
    const testid = `${this.prefix}-${spec.key.replace(/_/g, '-')}`;
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
    const error = h('p', { class: 'field-error', role: 'alert', hidden: true, dataset: { testid: `${testid}-error` } });
    this.inputs.set(spec.key, { input, spec, error });
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
    this.sections[spec.section].append(row, error);
  }

  setValues(state) {
    for (const [key, { input, spec, error }] of this.inputs) {
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
      input.removeAttribute('aria-describedby');
      input.title = '';
      error.hidden = true;
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

  // Shows why a value was refused under its control; false when this key has no visible control here.
  markInvalid(key, message) {
    const c = this.inputs.get(key);
    if (!c || this.rows.get(key).hidden) return false;
    c.input.classList.add('invalid');
    c.input.setAttribute('aria-invalid', 'true');
    c.error.id = `${c.input.id}-error`;
    c.input.setAttribute('aria-describedby', c.error.id);
    c.error.textContent = message;
    c.error.hidden = false;
    c.error.scrollIntoView({ block: 'nearest' });  // the field may sit at the bottom edge of the screen
    return true;
  }

  setSize(text) {
    this.size.textContent = text;
  }
}
