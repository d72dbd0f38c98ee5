// The char LM's model and training settings as sidebar controls, built from its link table and the
// catalogue (shell/control-spec.js); testids are `ctl-<field>`. Only the hints are the page's own.
import { controlSpec } from '../shell/control-spec.js';
import { FieldControls } from '../ui/field-controls.js';

const EXTRA = {
  hidden: { hint: 'H, per layer' },
  embed: { hint: '0 = one-hot input' },
  seq: { hint: 'T, characters per window' },
  batch: { hint: 'B, parallel streams' },
  seed: { dice: true },
};

// What the controls will be (DOM-free, for the tests too).
export const lmControlSpec = (family) => controlSpec(family.fields, family.catalogue, { groups: ['model', 'train'], extra: EXTRA });

export function createControls(family, onChange) {
  return new FieldControls({ table: family.fields, spec: lmControlSpec(family), prefix: 'ctl', onChange, sizeTestid: 'model-size' });
}
