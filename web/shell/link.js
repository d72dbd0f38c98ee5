// The experiment as a URL hash, read and written with the families' field tables:
// `#v=2&mode=lm&preset=shakespeare&cell=lstm&...` or `#v=2&mode=seq2seq&task=reverse&...`. `mode` names the
// family (a link without one is the first family's); every other key is a field of its table, the engine's
// settings under the engine's names. Reading never throws: each bad or missing value gives a notice naming
// the field and falls back to that field's default, leaving the others alone. A family's own text travels
// as `<key>=<characters>.<base64url of deflate-raw(UTF-8)>`, always last, so a truncated link loses the
// text (noticed, by the length check) rather than the settings. Links of version 1 (or without a version)
// are read with the names they were written with (legacy.js): a shared link keeps opening the same
// experiment. No DOM here.
import { cachedCompress, compressionAvailable, decompressText, MAX_LINK_TEXT } from './link-text.js';
import { describe, formatValue, parseValue } from './link-values.js';
import { addedLater, addedSinceV1, familyById, renameLinkKeys, v1DefaultFamily, v1Defaults } from './legacy.js';

export const LINK_VERSION = 2;

// encodeURIComponent, but keeping the characters that are harmless in a hash value readable.
function escapeValue(s) {
  return encodeURIComponent(s).replace(/%2C/g, ',').replace(/%3A/g, ':').replace(/%2F/g, '/').replace(/%3B/g, ';');
}

function listNames(names, max = 8) {
  return names.length <= max ? names.join(', ') : `${names.slice(0, max).join(', ')} and ${(names.length - max).toLocaleString('en-US')} more`;
}

// A family's state -> { hash (without '#'), notices }. Notices say what the link had to leave out.
export async function encodeLink(family, state) {
  const notices = [];
  const parts = [`v=${LINK_VERSION}`, `mode=${family.id}`];
  const textField = family.fields.textField;
  for (const f of family.fields.fields) if (f !== textField) parts.push(`${f.key}=${escapeValue(formatValue(f, state[f.key]))}`);
  if (textField && family.fields.usesText(state)) {
    const words = family.textWords;
    const text = state[textField.key] || '';
    if (!compressionAvailable()) {
      notices.push(words.noCompression);
    } else if (text) {
      const value = await cachedCompress(text);
      if (value.length > MAX_LINK_TEXT) notices.push(words.tooLarge(Math.ceil(value.length / 1024), MAX_LINK_TEXT / 1024));
      else parts.push(`${textField.key}=${value}`);
    }
  }
  return { hash: parts.join('&'), notices };
}

// The hash's key=value pairs (values %-decoded; null without '=', undefined when malformed). One notice per
// kind of problem, however many keys have it.
function readPairs(raw, notices) {
  const values = new Map();
  const malformed = [], repeated = new Set();
  for (const part of raw.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq);
    const encoded = eq < 0 ? null : part.slice(eq + 1);
    let value = null;
    if (encoded !== null) {
      try {
        value = decodeURIComponent(encoded.replace(/\+/g, ' '));
      } catch {
        malformed.push(describe(key));
        values.set(key, undefined);
        continue;
      }
    }
    if (values.has(key)) repeated.add(describe(key));
    values.set(key, value);
  }
  if (malformed.length) notices.push(`Link: malformed %-escapes in ${listNames(malformed)}; using the defaults.`);
  if (repeated.size) notices.push(`Link: ${listNames([...repeated])} appear${repeated.size === 1 ? 's' : ''} more than once; using the last.`);
  return values;
}

// The version the link is read as: 1 for `v=1` and for a link without a version (the first page's links
// had one, hand-written ones may not), else this page's.
function checkVersion(values, notices) {
  const version = values.get('v');
  if (!values.has('v')) {
    notices.push('Link: no version field; reading it as version 1.');
    return 1;
  }
  if (version === '1') return 1;
  if (version !== String(LINK_VERSION)) {
    if (/^\d+$/.test(version || '') && Number(version) > LINK_VERSION)
      notices.push(`Link: made by a newer version of the page (v=${version}); reading what version ${LINK_VERSION} understands.`);
    else notices.push(`Link: unknown version ${describe(String(version))}; reading it as version ${LINK_VERSION}.`);
  }
  return LINK_VERSION;
}

// The family the link is for: its `mode` (in a version-1 link also an old name), or the default family.
function linkFamily(values, families, notices, version) {
  const fallback = version === 1 ? v1DefaultFamily(families) : families[0];
  if (!values.has('mode')) return fallback;
  const m = values.get('mode');
  const family = version === 1 ? familyById(families, m) : families.find((f) => f.id === m);
  if (family) return family;
  if (m !== undefined) notices.push(`Link: mode ${m === null ? 'has no value' : `${describe(m)} is not one of ${families.map((f) => f.id).join(', ')}`}; using ${fallback.id}.`);
  return fallback;
}

// Reads the family's own text into target (or falls back to the default of its switch). True when the link
// asks for a text it does not carry (made for one too large to carry: the page may have it stored).
async function readText(family, values, target, notices) {
  const t = family.fields.textField;
  if (!t) return false;
  const words = family.textWords;
  if (!family.fields.usesText(target)) {
    if (values.has(t.key)) notices.push(`Link: ${words.ignored(target[t.switch])}.`);
    return false;
  }
  const def = family.fields.field(t.switch).def;
  const fallBack = (why) => {
    notices.push(`Link: ${why}; using ${words.instead(def)} instead.`);
    target[t.switch] = def;
  };
  if (!values.has(t.key) || !values.get(t.key)) {
    fallBack(words.missing);
    return true;
  }
  const r = await decompressText(values.get(t.key));
  if (r.error) fallBack(`${words.the} ${r.error}`);
  else if (r.text === '') fallBack(`${words.the} is empty`);
  else target[t.key] = r.text;
  return false;
}

// Reads a hash ('#...' or '...') with the registered families. Returns { mode, states, notices, present,
// missingText, version }: `states` has every family's state (the ones the link is not for keep their
// defaults); present is false for an empty hash. Every field that is missing, malformed or out of range gets
// its default and a notice. partial: the link sets only some fields on purpose (a lesson's), so the ones
// it leaves out are not reported missing.
export async function decodeLink(hash, families, { partial = false } = {}) {
  const states = Object.fromEntries(families.map((f) => [f.id, f.fields.defaults()]));
  const notices = [];
  const raw = String(hash || '').replace(/^#/, '');
  if (raw.trim() === '') return { mode: families[0].id, states, notices, present: false, missingText: false, version: LINK_VERSION };

  const values = readPairs(raw, notices);
  const version = checkVersion(values, notices);
  const family = linkFamily(values, families, notices, version);
  const target = states[family.id];
  if (version === 1) {
    renameLinkKeys(family, values);
    Object.assign(target, v1Defaults(family));
  }
  const table = family.fields;
  const unknown = [], others = new Map();  // others: another family's settings, by that family
  for (const key of values.keys()) {
    if (key === 'v' || key === 'mode' || table.field(key) || values.get(key) === undefined) continue;  // undefined: noticed
    const owner = families.find((f) => f !== family && f.fields.field(key));
    if (owner) others.set(owner, [...(others.get(owner) || []), describe(key)]);
    else unknown.push(describe(key));
  }
  for (const [owner, keys] of others)
    notices.push(`Link: ignored ${listNames(keys)} (${keys.length === 1 ? 'a setting' : 'settings'} of the ${owner.linkName} mode; this link is for the ${family.linkName} mode).`);
  if (unknown.length) notices.push(`Link: ignored ${unknown.length === 1 ? 'the unknown setting' : `${unknown.length.toLocaleString('en-US')} unknown settings:`} ${listNames(unknown)}.`);

  const missing = [];
  const newer = [...(version === 1 ? addedSinceV1(family) : []), ...addedLater(family)];
  for (const f of table.fields) {
    if (f === table.textField) continue;
    if (!values.has(f.key)) {
      if (!newer.includes(f.key)) missing.push(f.key);
      continue;
    }
    const v = values.get(f.key);
    if (v === undefined) continue;  // malformed escape, already noticed
    if (v === null) {
      notices.push(`Link: '${f.key}' has no value; using the default (${formatValue(f, target[f.key])}).`);
      continue;
    }
    const r = parseValue(f, v);
    if (r.error) {
      const fallback = r.value !== undefined ? `using ${formatValue(f, r.value) || 'none'}` : `using the default (${formatValue(f, target[f.key])})`;
      notices.push(`Link: ${f.key} ${r.error}; ${fallback}.`);
    }
    if (r.value !== undefined) target[f.key] = r.value;
  }
  // A link written by the page has every field; a hand-written one may set just a few.
  if (values.has('v') && missing.length && !partial)
    notices.push(`Link: missing ${listNames(missing)} (cut short?); using the defaults for ${missing.length === 1 ? 'it' : 'those'}.`);

  for (const check of table.checks) {
    const changed = check(target);
    if (changed) notices.push(`Link: ${changed}.`);
  }
  const missingText = await readText(family, values, target, notices);
  return { mode: family.id, states, notices, present: true, missingText, version };
}
