// The seq2seq settings as sidebar controls: the task's parameters, the encoder-decoder and its attention,
// and the training settings, built from the seq2seq link table and the catalogue (shell/control-spec.js);
// testids are `s2s-<field>` (so they never clash with the char LM's `ctl-<field>`).
import { controlSpec } from '../shell/control-spec.js';
import { FieldControls } from '../ui/field-controls.js';
import { taskUses } from './tasks.js';

// Attention kinds whose score has a layer of its own (its size is attn_size).
const SIZED_ATTENTION = ['bahdanau', 'concat'];

function extra(catalogue) {
  const uses = (key) => ({ showIf: (s) => taskUses(catalogue, s.task, key) });
  return {
    min_len: { hint: 'characters', ...uses('min_len') },
    max_len: { hint: 'characters', ...uses('max_len') },
    alphabet: { hint: 'letters a, b, c, …', ...uses('alphabet') },
    delay: { hint: 'underscores before the copy', ...uses('delay') },
    train_size: uses('train_size'),
    held_size: { hint: 'never trained on', ...uses('held_size') },
    held_fraction: { hint: 'of your pairs', ...uses('held_fraction') },
    embed: { hint: 'E, both sides' },
    hidden: { hint: 'H, per layer and direction' },
    attention: {
      optionNote: (v, s) => (v === 'dot' && s.bidirectional ? 'Dot attention needs a unidirectional encoder (equal state sizes); use general or concat with a bidirectional one' : ''),
    },
    attn_size: { hint: 'A, the score layer', showIf: (s) => SIZED_ATTENTION.includes(s.attention) },
    batch: { hint: 'B, examples per step' },
            sampling_rate: { hint: 'feed own output (0–1)' },
    seed: { dice: true, diceTestid: 's2s-new-seed' },
  };
}

export const seq2seqControlSpec = (family) => controlSpec(family.fields, family.catalogue, {
  groups: ['data', 'model', 'train'], skip: ['task'], extra: extra(family.catalogue),
});

export function createSeq2SeqControls(family, onChange) {
  return new FieldControls({ table: family.fields, spec: seq2seqControlSpec(family), prefix: 's2s', onChange, sizeTestid: 's2s-model-size' });
}
