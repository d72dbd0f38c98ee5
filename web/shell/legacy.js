// What the first page called things, so that everything it handed out keeps working: version-1 links
// (the char LM as `charlm`, its links without mode=, its keys temp/topk/slen) and the sessions it saved in
// IndexedDB. Each family's descriptor says its own history in `legacy`: {ids (its old mode names), noMode
// (its v1 links carried no mode=), keys (old key -> engine name), defaults (v1 defaults that differ),
// added (fields a v1 link cannot have had: their engine defaults are what the v1 page used), later (fields
// added since version 2, which older links of either version lack)}.
// No DOM here.

// The family an id names: its id today or one it had before (null when none).
export function familyById(families, id) {
  return families.find((f) => f.id === id) || families.find((f) => f.legacy && f.legacy.ids.includes(id)) || null;
}

// The family a version-1 link without mode= was for.
export function v1DefaultFamily(families) {
  return families.find((f) => f.legacy && f.legacy.noMode) || families[0];
}

// An object of settings with the family's old keys renamed (a key already under its new name wins).
export function renameKeys(family, settings) {
  const keys = (family.legacy && family.legacy.keys) || {};
  const out = { ...settings };
  for (const [old, now] of Object.entries(keys)) {
    if (!(old in out)) continue;
    if (!(now in out)) out[now] = out[old];
    delete out[old];
  }
  return out;
}

// The same for a link's key -> value map (in place, keeping the order the other keys came in).
export function renameLinkKeys(family, values) {
  const keys = (family.legacy && family.legacy.keys) || {};
  for (const [old, now] of Object.entries(keys)) {
    if (!values.has(old)) continue;
    if (!values.has(now)) values.set(now, values.get(old));
    values.delete(old);
  }
}

// The defaults a version-1 link of the family falls back to (the v1 page's, where they differ).
export const v1Defaults = (family) => (family.legacy && family.legacy.defaults) || {};

// Fields a version-1 link of the family never carried (not a sign that it was cut short).
export const addedSinceV1 = (family) => (family.legacy && family.legacy.added) || [];

// The recurrent layers' settings every recurrent family gained at once (engine/layers/recurrent_options.cpp),
// after links of version 2 were handed out: off (no dropout, no normalisation, biases) when a link leaves them out.
const RECURRENT_OPTIONS_LATER = ['dropout', 'dropout_kind', 'norm', 'bias'];

// Fields added after the family's links of version 2 were first handed out (`later`, and the recurrent layers'
// settings): no link made before carries them, so a link without them is not cut short; they take their defaults.
export const addedLater = (family) => [...RECURRENT_OPTIONS_LATER, ...((family.legacy && family.legacy.later) || [])];
