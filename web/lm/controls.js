// The char LM's model and training settings as sidebar controls, built from its link table; testids are
// `ctl-<field>`.
import { CELL_OPTIONS, LAYER_OPTIONS, OPTIM_OPTIONS } from '../shell/cells.js';
import { FieldControls } from '../ui/field-controls.js';
import { TABLE } from './fields.js';

const SPEC = [
  { section: 'model', key: 'cell', kind: 'select', label: 'cell', options: CELL_OPTIONS },
  { section: 'model', key: 'hidden', kind: 'int', label: 'hidden units', hint: 'H, per layer' },
  { section: 'model', key: 'layers', kind: 'select', label: 'layers', options: LAYER_OPTIONS },
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

export function createControls(onChange) {
  return new FieldControls({ table: TABLE, spec: SPEC, prefix: 'ctl', onChange, sizeTestid: 'model-size' });
}
