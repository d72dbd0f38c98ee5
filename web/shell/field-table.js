// A family's settings as one declarative table (as tensorflow/playground does): each field has a key, a
// type (see link-values.js), a default, a range and a group. Groups 'data', 'model' and 'train' define the
// experiment (changing one builds a new model); other groups only change what is shown. The engine's
// settings come from the catalogue (engineFields): their key is the engine's name, `engine` is set, and
// `engineDefault` and `flag` are what the command line takes; a family adds its page-only fields around
// them. At most one field has type 'text': the family's own text, used only while the field named by
// `switch` has the value `on`. The link, the controls, the saved session and the engine config are all read
// from this table. No DOM here.
import { parseValue } from './link-values.js';

export const EXPERIMENT_GROUPS = Object.freeze(new Set(['data', 'model', 'train']));

// The catalogue's field types as the link reads them.
const TYPES = { int: 'int', number: 'number', bool: 'bool', choice: 'enum', text: 'string' };

// One engine setting of the catalogue as a field of a table: the page's default where the engine gives one.
export function engineField(entry) {
  const f = {
    key: entry.name, group: entry.group, type: TYPES[entry.type], label: entry.label, help: entry.help || '',
    def: 'pageDefault' in entry ? entry.pageDefault : entry.default, engineDefault: entry.default,
    flag: entry.flag, engine: true,
  };
  if (f.type === 'int' || f.type === 'number') {
    f.min = entry.min;
    // a seed may go to 2^64 in the engine; the page reads whole numbers exactly only up to 2^53
    f.max = f.type === 'int' ? Math.min(entry.max, Number.MAX_SAFE_INTEGER) : entry.max;
    if (entry.exclusiveMin) f.exclusiveMin = true;
  }
  if (f.type === 'enum') f.values = [...entry.choices];
  if (f.type === 'string') f.maxLength = entry.maxLength;
  return f;
}

// A family's engine settings, in the catalogue's order.
export const engineFields = (catalogue, family) => catalogue.fields(family).map(engineField);

export class FieldTable {
  // checks: settings that must agree with each other (a field's own range cannot say it): each takes a state,
  // puts it right when it is not, and says what it changed ('' when all was well).
  constructor(fields, { checks = [] } = {}) {
    this.checks = Object.freeze(checks);
    this.fields = Object.freeze(fields.map((f) => Object.freeze(f)));
    this.byKey = new Map(this.fields.map((f) => [f.key, f]));
    this.textField = this.fields.find((f) => f.type === 'text') || null;
  }

  field(key) {
    return this.byKey.get(key) || null;
  }

  defaults() {
    const s = {};
    for (const f of this.fields) s[f.key] = Array.isArray(f.def) ? [...f.def] : f.def;
    return s;
  }

  // The engine's settings of a state (an object; JSON.stringify it), those of `groups` when given.
  engineConfig(state, groups = null) {
    const c = {};
    for (const f of this.fields) if (f.engine && (!groups || groups.includes(f.group))) c[f.key] = state[f.key];
    return c;
  }

  // True when two states describe the same experiment (same data, model and training settings, and the
  // same own text while it is in use).
  sameExperiment(a, b) {
    for (const f of this.fields) {
      if (!EXPERIMENT_GROUPS.has(f.group)) continue;
      if (f.type === 'text' && a[f.switch] !== f.on && b[f.switch] !== f.on) continue;
      if (a[f.key] !== b[f.key]) return false;
    }
    return true;
  }

  // The fields that define the experiment (what a model is built from), without the own text.
  experimentFields(s) {
    const out = {};
    for (const f of this.fields) if (EXPERIMENT_GROUPS.has(f.group) && f.type !== 'text') out[f.key] = s[f.key];
    return out;
  }

  // True when the state uses its own text (the custom text, your pairs).
  usesText(s) {
    const t = this.textField;
    return !!t && s[t.switch] === t.on;
  }

  // The state's own text when it is in use, else ''.
  textOf(s) {
    return this.usesText(s) ? s[this.textField.key] || '' : '';
  }

  // Sets the experiment fields the engine reports (its normalised config JSON) into state s; unreadable
  // values stay, and so do the sampling and decoding settings (the page's own, whatever a file says).
  adoptEngineConfig(state, configJson) {
    let cfg;
    try {
      cfg = JSON.parse(configJson);
    } catch {
      return;
    }
    for (const f of this.fields) {
      if (!f.engine || !EXPERIMENT_GROUPS.has(f.group) || cfg[f.key] === undefined) continue;
      const v = cfg[f.key];
      const r = parseValue(f, typeof v === 'boolean' ? (v ? '1' : '0') : String(v));
      if (r.value !== undefined && !r.error) state[f.key] = r.value;
    }
  }
}
