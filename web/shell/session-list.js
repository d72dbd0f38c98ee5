// The list of saved sessions, as pure functions over its summaries ({id, kind, version, step, savedAt,
// textKey, state}; storage.js keeps them): which ones the bound drops, which belong to a family, which one
// is a given experiment, and how the Sessions menu names them. No DOM, no IndexedDB: the tests call these.
import { familyById, renameKeys } from './legacy.js';

export const MAX_SESSIONS = 20;

// A new session's id: when it was made, and a random part so two tabs never pick the same one.
export function newSessionId(now = Date.now()) {
  return `${now.toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

// What the list keeps of a record (small: never its checkpoint, history or text).
export function summaryOf(id, record) {
  const { kind, version, step, savedAt, textKey, state } = record;
  return { id, kind, version, step, savedAt, textKey, state };
}

// The sessions to drop so that at most `keep` remain: the oldest untrained ones first (nothing is lost with
// them), then the oldest; never `protect` (the one being saved).
export function overBound(list, protect, keep = MAX_SESSIONS) {
  const extra = list.length - keep;
  if (extra <= 0) return [];
  const byAge = list.filter((e) => e.id !== protect).sort((a, b) => a.savedAt - b.savedAt);
  return [...byAge.filter((e) => !(e.step > 0)), ...byAge.filter((e) => e.step > 0)].slice(0, extra);
}

// A summary's state as the family reads it today: the first page's keys renamed, defaults for fields
// added since (the own text is not in a summary).
export function completeState(family, entry) {
  const state = entry.version === 1 ? renameKeys(family, entry.state || {}) : entry.state || {};
  return { ...family.fields.defaults(), ...state };
}

// The family's sessions, newest first, with their states completed.
export function sessionsOf(list, family) {
  return list
    .filter((e) => familyById([family], e.kind) === family)
    .sort((a, b) => b.savedAt - a.savedAt)
    .map((e) => ({ ...e, state: completeState(family, e) }));
}

// Is a (completed) session the experiment of `state`? key: textKey of the state's own text when it uses one.
export function isExperiment(table, entry, state, key) {
  const t = table.textField;
  const blank = (s) => (t ? { ...s, [t.key]: '' } : s);
  if (!table.sameExperiment(blank(entry.state), blank(state))) return false;
  return !table.usesText(state) || entry.textKey === key;
}

// The Sessions menu's rows, newest first: [{id, family, name, step, savedAt}] (sessions of families this
// page does not have are left out).
export function describeSessions(list, families) {
  const out = [];
  for (const e of [...list].sort((a, b) => b.savedAt - a.savedAt)) {
    const family = familyById(families, e.kind);
    if (!family) continue;
    out.push({ id: e.id, family, name: family.sessionName(completeState(family, e)), step: e.step || 0, savedAt: e.savedAt });
  }
  return out;
}
