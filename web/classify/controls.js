// The classifier's settings as sidebar controls, built from its link table and the catalogue
// (shell/control-spec.js); testids are `cls-<field>`.
import { controlSpec } from '../shell/control-spec.js';
import { FieldControls } from '../ui/field-controls.js';

function extra(catalogue) {
  const uses = (key) => ({ showIf: (s) => { const t = catalogue.task('classify', s.task); return !!t && t.params.includes(key); } });
  const generated = { showIf: (s) => s.task !== 'pairs' };
  return {
    min_len: { hint: 'letters', ...uses('min_len') },
    max_len: { hint: 'letters', ...uses('max_len') },
    train_size: generated,
    held_size: { hint: 'never trained on', ...generated },
    held_fraction: { hint: 'of your examples', ...uses('held_fraction') },
    embed: { hint: 'E; 0 = one-hot' },
    hidden: { hint: 'H, per layer and direction' },
    batch: { hint: 'B, texts per step' },
    seed: { dice: true, diceTestid: 'cls-new-seed' },
  };
}

export const classifyControlSpec = (family) => controlSpec(family.fields, family.catalogue, {
  groups: ['data', 'model', 'train'], skip: ['task'], extra: extra(family.catalogue),
});

export function createClassifyControls(family, onChange) {
  return new FieldControls({ table: family.fields, spec: classifyControlSpec(family), prefix: 'cls', onChange, sizeTestid: 'cls-model-size' });
}
