// A family's settings as one declarative table (as tensorflow/playground does): each field has a key, a
// type (see link-values.js), a default, a range and a group. Groups 'data', 'model' and 'train' define the
// experiment (changing one builds a new model); other groups only change what is shown. `engine` names the
// key in the engine's config JSON. At most one field has type 'text': the family's own text, used only
// while the field named by `switch` has the value `on`. The link, the controls, the saved session and the
// engine config are all read from this table. No DOM here.
import { parseValue } from './link-values.js';

export const EXPERIMENT_GROUPS = Object.freeze(new Set(['data', 'model', 'train']));

export class FieldTable {
  constructor(fields) {
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

  // The engine's config JSON fields (an object; JSON.stringify it) from a state.
  engineConfig(state) {
    const c = {};
    for (const f of this.fields) if (f.engine) c[f.engine] = state[f.key];
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

  // Sets the fields the engine reports (its normalised config JSON) into state s; unreadable values stay.
  adoptEngineConfig(state, configJson) {
    let cfg;
    try {
      cfg = JSON.parse(configJson);
    } catch {
      return;
    }
    for (const f of this.fields) {
      if (!f.engine || cfg[f.engine] === undefined) continue;
      const v = cfg[f.engine];
      const r = parseValue(f, typeof v === 'boolean' ? (v ? '1' : '0') : String(v));
      if (r.value !== undefined && !r.error) state[f.key] = r.value;
    }
  }
}
