// The lab's controller: the shell's controller for a family with no training loop
// (shell/static-controller.js) plus the lab's own edits — a number typed into a matrix, steps added,
// removed or reversed, the sizes changed (every matrix reshaped to fit), a preset — and showing the
// engine's result in the two views.
import { parseValue } from '../shell/link-values.js';
import { StaticController } from '../shell/static-controller.js';
import { fmtInt } from '../shell/format.js';
import { MATRIX_KEYS, fitMatrices, numberField, readMatrix, writeMatrix } from './matrix.js';

const SIZE_KEYS = ['input_size', 'hidden', 'output_size'];

export class LabController extends StaticController {
  constructor(shell) {
    super(shell);
    const engine = this.family.catalogue.family('lab') || {};
    this.maxSteps = engine.maxSteps || 16;
    this.maxWeight = engine.maxWeight || 100;
    this.words = { copied: 'It holds every size, weight, bias and input: whoever opens it sees the same numbers.' };
    this.result = null;
  }

  syncControls() {
    this.controls.setValues(this.state);
    this.views.network.setState(this.state);
    this.views.steps.setState(this.state, this.maxSteps);
    for (const [id, view] of Object.entries(this.views)) view.card.setOpen(this.state.views.includes(id));
  }

  markInvalid(key, message) {
    if (this.controls.markInvalid(key, message)) return true;
    const editor = key === 'inputs' ? this.views.steps.inputs : this.views.network.editors[key];
    if (!editor) return false;
    editor.invalid(message);
    return true;
  }

  // Sizes changed: every matrix takes the new shape (what overlaps is kept, the rest is 0); the step
  // explained stays within the inputs.
  fieldsChanged(keys) {
    if (keys.some((k) => SIZE_KEYS.includes(k))) fitMatrices(this.state, this);
    this.state.focus = Math.min(this.state.focus, readMatrix(this.state.inputs).length);
  }

  // A number typed into a matrix (key: w_in, ..., inputs).
  setCell(key, r, c, raw) {
    const v = parseValue(numberField(this.maxWeight), raw);
    const label = this.table.field(key).label;
    if (v.error) {
      this.syncControls();
      const editor = key === 'inputs' ? this.views.steps.inputs : this.views.network.editors[key];
      editor.invalid(`${label}: ${v.error}`, [r, c]);
      return;
    }
    const m = readMatrix(this.state[key]);
    m[r][c] = v.value;
    this.setValues({ [key]: writeMatrix(m) });
  }

  addStep() {
    const m = readMatrix(this.state.inputs);
    if (m.length >= this.maxSteps) return;
    m.push(m[m.length - 1].map(() => 0));
    this.setValues({ inputs: writeMatrix(m) });
  }

  removeStep() {
    const m = readMatrix(this.state.inputs);
    if (m.length > 1) this.setValues({ inputs: writeMatrix(m.slice(0, -1)) });
  }

  reverseInputs() {
    this.setValues({ inputs: writeMatrix(readMatrix(this.state.inputs).reverse()) });
  }

  // A preset: its settings over the defaults (sizes, activation, every matrix and the inputs).
  usePreset(preset) {
    const d = this.table.defaults();
    const values = {};
    for (const k of [...SIZE_KEYS, 'activation', ...MATRIX_KEYS, 'focus']) values[k] = k in preset.values ? preset.values[k] : d[k];
    this.setValues(values);
  }

  computed(result) {
    this.result = result;
    if (!result.ok) this.invalid(result.field, result.error);
    else this.controls.setSize(`${fmtInt(this.parameterCount())} weights and biases · ${result.T} steps`);
    this.refreshViews();
  }

  parameterCount() {
    const s = this.state;
    return s.hidden * (s.input_size + s.hidden + 1) + s.output_size * (s.hidden + 1);
  }

  refreshViews() {
    if (this.result) this.views.steps.render(this.result, this.state);
  }

  showStatus() {
    const r = this.result;
    this.toolbar.setStatus(!r ? '' : r.ok ? `Computed by the engine: ${r.T} steps, ${r.H} hidden ${r.H === 1 ? 'unit' : 'units'} · nothing to train here` : 'The engine refused this network: see the message under the field');
  }
}
