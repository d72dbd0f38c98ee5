// A family's sidebar controls described from its field table and the catalogue (ui/field-controls.js builds
// them): one per engine setting of the groups asked for, in the engine's order — a menu for a choice with
// the catalogue's labels (or for a whole number with a handful of values, like the layers), a check box for
// a switch, a number or text box otherwise — labelled with the engine's label, its help as the tooltip. A
// setting only some optimizers read (momentum) shows only for them. The family adds hints, conditions and
// the like by key. DOM-free, so the tests can read what the menus will offer.

const SMALL_RANGE = 8;  // whole numbers with at most this many values get a menu

// Hints of the settings every family shares (the optimizer's schedule and clipping, the recurrent layers'
// dropout: its kind only matters when there is some).
const SHARED = {
  dropout: { hint: '0 = off' },
  dropout_kind: { showIf: (s) => s.dropout > 0 },
  lr_gamma: { hint: '1 = constant' },
  lr_every: { hint: 'steps', showIf: (s) => s.lr_gamma < 1 },
  clip_norm: { hint: '0 = off' },
  clip_value: { hint: '0 = off' },
};

function kindOf(f) {
  if (f.type === 'enum') return 'select';
  if (f.type === 'bool') return 'check';
  if (f.type === 'int') return f.max - f.min < SMALL_RANGE ? 'select' : 'int';
  return 'float';
}

function optionsOf(f, catalogue) {
  if (f.type === 'enum') return catalogue.options(f.values);
  if (f.type !== 'int') return undefined;
  return Array.from({ length: f.max - f.min + 1 }, (_, i) => [String(f.min + i), String(f.min + i)]);
}

// table: the family's FieldTable; groups: the sections ('data', 'model', 'train'); skip: keys the family
// shows elsewhere; extra: key -> what to add or override ({hint, showIf, dice, diceTestid, optionNote}).
export function controlSpec(table, catalogue, { groups, skip = [], extra = {} }) {
  const spec = [];
  for (const f of table.fields) {
    if (!f.engine || !groups.includes(f.group) || skip.includes(f.key)) continue;
    const kind = kindOf(f);
    const own = { ...SHARED[f.key], ...extra[f.key] };
    const conditions = [];
    if (table.field('optim') && catalogue.optimizers.some((o) => !catalogue.optimizerReads(o.name, f.key)))
      conditions.push((s) => catalogue.optimizerReads(s.optim, f.key));
    if (own.showIf) conditions.push(own.showIf);
    spec.push({
      section: f.group, key: f.key, kind, label: f.label, title: f.help, options: kind === 'select' ? optionsOf(f, catalogue) : undefined,
      ...own, showIf: conditions.length ? (s) => conditions.every((c) => c(s)) : undefined,
    });
  }
  return spec;
}
