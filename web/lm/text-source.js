// Where the training text comes from (a preset, a paste, an uploaded file) and the checks it must pass:
// not empty, at most 16M characters, valid UTF-8 / well-formed Unicode, at least two distinct characters.

import { presetById } from './presets.js';
import { CATALOGUE } from '../catalogue.js';
import { countChars, isWellFormed } from '../shell/link-values.js';
import { fmtBytes, fmtInt } from '../shell/format.js';

const MAX_TEXT_CHARS = CATALOGUE.family('lm').maxTextChars;  // what the engine trains on at most (code points)
const MAX_FILE_BYTES = 4 * MAX_TEXT_CHARS;  // a character is at most 4 bytes of UTF-8
const LARGE_TEXT_CHARS = 2 * 1024 * 1024;

const presetCache = new Map();

export async function loadPreset(id) {
  const p = presetById(id);
  if (!p) throw new Error(`unknown preset '${id}'`);
  if (presetCache.has(id)) return presetCache.get(id);
  const res = await fetch(new URL(p.file, import.meta.url));
  if (!res.ok) throw new Error(`could not load ${p.file} (HTTP ${res.status})`);
  const text = await res.text();
  presetCache.set(id, text);
  return text;
}

// Stats of a text: characters (code points), distinct characters, and the held-out split the engine makes
// (cap: the most held-out characters, see heldOutCap in estimate.js).
export function textStats(text, holdout, cap = 10000) {
  const chars = countChars(text);
  const distinct = new Set(text).size;
  const fraction = effectiveHoldout(chars, holdout, cap);
  const held = holdout > 0 ? Math.max(2, Math.floor(chars * fraction)) : 0;
  const heldChars = held > 0 && held + 2 < chars ? held : 0;
  // fraction: what the engine is given; capped: less than the fraction asked for (asked), so the panel says why
  return { chars, distinct, heldChars, trainChars: chars - heldChars, fraction, capped: heldChars > 0 && fraction < holdout, asked: holdout };
}

// The held-out fraction to give the engine: `holdout`, but at most `cap` characters, so evaluating it stays
// cheap on big texts and big models.
export function effectiveHoldout(chars, holdout, cap = 10000) {
  if (!(holdout > 0) || chars <= 0) return 0;
  return Math.min(holdout, cap / chars);
}

// Checks a text from a paste or a file. Returns {error} or {text, warning?}.
export function checkText(text) {
  if (typeof text !== 'string' || text.length === 0) return { error: 'The text is empty.' };
  if (!isWellFormed(text)) return { error: 'The text contains broken Unicode (a lone surrogate); it cannot be encoded as UTF-8.' };
  const chars = countChars(text);
  if (chars > MAX_TEXT_CHARS)
    return { error: `The text has ${fmtInt(chars)} characters; the page trains on at most ${fmtInt(MAX_TEXT_CHARS)}.` };
  const distinct = new Set(text).size;
  if (distinct < 2) return { error: 'The text has only one distinct character; a language model needs at least two.' };
  if (distinct > 65536) return { error: `The text has ${fmtInt(distinct)} distinct characters; the engine supports at most 65,536.` };
  let warning;
  if (chars > LARGE_TEXT_CHARS)
    warning = `This is a large text (${fmtInt(chars)} characters). It is kept in this browser, but too big to travel in a share link.`;
  else if (distinct > 500)
    warning = `The text has ${fmtInt(distinct)} distinct characters; a big vocabulary makes the output layer large and slow.`;
  return { text, warning };
}

// Reads an uploaded File as strict UTF-8. Returns {error} or {text, warning?}.
export async function readTextFile(file) {
  if (file.size > MAX_FILE_BYTES)
    return { error: `${file.name} is ${fmtBytes(file.size)}; the page reads text files up to ${fmtBytes(MAX_FILE_BYTES)} (16M characters).` };
  const bytes = new Uint8Array(await file.arrayBuffer());
  let text;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    return { error: `${file.name} is not valid UTF-8 text (first bad byte at offset ${fmtInt(at)}). Save it as UTF-8 and try again.` };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);  // a byte-order mark is not part of the text
  const r = checkText(text);
  if (r.error) return { error: `${file.name}: ${r.error}` };
  return r;
}

// Offset of the first byte that breaks UTF-8 (for the error message).
export function firstInvalidUtf8(b) {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    let n = 0, min = 0;
    if (c < 0x80) { i++; continue; }
    if (c >= 0xc2 && c <= 0xdf) { n = 1; min = 0x80; }
    else if (c >= 0xe0 && c <= 0xef) { n = 2; min = 0x800; }
    else if (c >= 0xf0 && c <= 0xf4) { n = 3; min = 0x10000; }
    else return i;
    let cp = c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const d = b[i + k];
      if (d === undefined || (d & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (d & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return b.length;
}
