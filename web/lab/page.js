// The lab's page half, loaded by the shell (shell/boot.js): its controller, what the toolbar and header show
// for it (no training readouts, no model download), and mount(): the network's sizes and activation and
// the presets in the sidebar, the weights and the step-by-step views in the grid.
import { h } from '../shell/dom.js';
import { controlSpec } from '../shell/control-spec.js';
import { FieldControls } from '../ui/field-controls.js';
import { LabController } from './controller.js';
import { MATRIX_KEYS } from './matrix.js';
import { NetworkView } from './network-view.js';
import { LAB_PRESETS } from './presets.js';
import { StepsView } from './steps-view.js';

export { LabController as Controller };

export const styles = [new URL('./lab.css', import.meta.url).href];

// Nothing trains: the toolbar shows its status line only.
export const toolbar = { readouts: [], lossTitle: '', training: false };

// No model file to download.
export const download = null;

export function mount(pane, c) {
  const activations = c.family.activations.map((a) => [a.name, a.label]);
  const spec = controlSpec(c.table, c.family.catalogue, {
    groups: ['model'], skip: MATRIX_KEYS, extra: activations.length ? { activation: { options: activations } } : {},
  });
  const controls = new FieldControls({ table: c.table, spec, prefix: 'lab', onChange: (key, raw) => c.setField(key, raw), sizeTestid: 'lab-size' });
  pane.section('Network', { fold: false, note: 'Up to 4 inputs, hidden units and outputs; the weights are typed in the Weights view.' }).append(controls.model);
  pane.section('Examples', { fold: false }).append(h('div', { class: 'lab-presets' },
    LAB_PRESETS.map((p) => h('button', { type: 'button', class: 'btn btn-small', title: p.title, dataset: { testid: `lab-preset-${p.id}` }, onclick: () => c.usePreset(p) }, p.label))));

  const toggle = (id) => (open) => c.setViewOpen(id, open);
  const label = (name) => (activations.find(([n]) => n === name) || [name, name])[1];
  const views = {
    network: new NetworkView({ onToggle: toggle('network'), onCell: (key, r, col, raw) => c.setCell(key, r, col, raw) }),
    steps: new StepsView({
      onToggle: toggle('steps'), onCell: (r, col, raw) => c.setCell('inputs', r, col, raw),
      onAddStep: () => c.addStep(), onRemoveStep: () => c.removeStep(), onReverse: () => c.reverseInputs(),
      onFocus: (t) => c.setValues({ focus: t }), activationLabel: label,
    }),
  };
  pane.grid.append(views.steps.card.el, views.network.card.el);
  return { views, controls };
}
