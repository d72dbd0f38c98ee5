// The seq2seq settings as sidebar controls: the task's parameters, the encoder-decoder and its attention,
// and the training settings, built from the seq2seq link table; testids are `s2s-<field>` (so they never
// clash with the char LM's `ctl-<field>`).
import { CELL_OPTIONS, LAYER_OPTIONS, OPTIM_OPTIONS } from '../shell/cells.js';
import { FieldControls } from '../ui/field-controls.js';
import { S2S_TABLE } from './fields.js';
import { taskUses } from './tasks.js';

const ATTENTION_OPTIONS = [
  ['bahdanau', 'Bahdanau (additive)'], ['dot', 'Luong dot'], ['general', 'Luong general'], ['concat', 'Luong concat'],
  ['none', 'None (fixed context)'],
];

const uses = (key) => (s) => taskUses(s.task, key);

export const S2S_SPEC = [
  { section: 'data', key: 'min_len', kind: 'int', label: 'shortest input', hint: 'characters', showIf: uses('min_len') },
  { section: 'data', key: 'max_len', kind: 'int', label: 'longest input', hint: 'characters', showIf: uses('max_len') },
  { section: 'data', key: 'alphabet', kind: 'int', label: 'alphabet', hint: 'letters a, b, c, … (2–26)', showIf: uses('alphabet') },
  { section: 'data', key: 'delay', kind: 'int', label: 'delay', hint: 'underscores before the copy', showIf: uses('delay') },
  { section: 'data', key: 'train_size', kind: 'int', label: 'training examples', showIf: uses('train_size') },
  { section: 'data', key: 'held_size', kind: 'int', label: 'held-out examples', hint: 'never trained on', showIf: uses('held_size') },
  { section: 'data', key: 'held_fraction', kind: 'float', label: 'held-out fraction', hint: 'of your pairs (0–0.5)', showIf: uses('held_fraction') },
  { section: 'model', key: 'encoder_cell', kind: 'select', label: 'encoder cell', options: CELL_OPTIONS },
  { section: 'model', key: 'decoder_cell', kind: 'select', label: 'decoder cell', options: CELL_OPTIONS },
  { section: 'model', key: 'embed', kind: 'int', label: 'embedding size', hint: 'E, both sides' },
  { section: 'model', key: 'hidden', kind: 'int', label: 'hidden units', hint: 'H, per layer and direction' },
  { section: 'model', key: 'layers', kind: 'select', label: 'layers', options: LAYER_OPTIONS },
  { section: 'model', key: 'bidirectional', kind: 'check', label: 'bidirectional encoder' },
  {
    section: 'model', key: 'attention', kind: 'select', label: 'attention', options: ATTENTION_OPTIONS,
    optionNote: (v, s) => (v === 'dot' && s.bidirectional ? 'Dot attention needs a unidirectional encoder (equal state sizes); use general or concat with a bidirectional one' : ''),
  },
  { section: 'model', key: 'attn_size', kind: 'int', label: 'attention size', hint: 'A, the score layer', showIf: (s) => s.attention === 'bahdanau' || s.attention === 'concat' },
  { section: 'train', key: 'batch', kind: 'int', label: 'batch size', hint: 'B, examples per step' },
  { section: 'train', key: 'optim', kind: 'select', label: 'optimizer', options: OPTIM_OPTIONS },
  { section: 'train', key: 'lr', kind: 'float', label: 'learning rate' },
  { section: 'train', key: 'clip_norm', kind: 'float', label: 'clip gradient norm', hint: '0 = off' },
  { section: 'train', key: 'sampling_rate', kind: 'float', label: 'scheduled sampling', hint: 'feed own output (0–1)' },
  { section: 'train', key: 'seed', kind: 'int', label: 'seed', dice: true, diceTestid: 's2s-new-seed' },
];

export function createSeq2SeqControls(onChange) {
  return new FieldControls({ table: S2S_TABLE, spec: S2S_SPEC, prefix: 's2s', onChange, sizeTestid: 's2s-model-size' });
}
