// The experiment as a URL hash: one declarative table of fields per mode (name, type, default, range) that
// both writes and reads `#v=1&preset=shakespeare&cell=lstm&...` (the char LM) or
// `#v=1&mode=seq2seq&task=reverse&...` (seq2seq). A link without `mode` is a char-LM link, so every link
// made before the seq2seq mode existed still opens the same way (and char-LM links are written without it).
// Reading never throws: each bad or missing value gives a notice naming the field and falls back to that
// field's default, leaving the others alone. A custom text (char LM) or your own pairs (seq2seq) travel in
// the link as `text=` / `pairs=<characters>.<base64url of deflate-raw(UTF-8)>`, always last, so a truncated
// link loses the text (noticed, by the length check) rather than the settings.
// No DOM here: the module imports cleanly under Node (tests/web/state.test.mjs).

import { PRESET_IDS } from './presets.js';
import { TASK_IDS } from './tasks.js';

export const LINK_VERSION = 1;
export const MODES = Object.freeze(['charlm', 'seq2seq']);
export const MODE_NAMES = Object.freeze({ charlm: 'language-model', seq2seq: 'seq2seq' });
export const MAX_TEXT_CHARS = 16 * 1024 * 1024;   // what the engine trains on at most (code points)
export const MAX_LINK_TEXT = 48 * 1024;           // longest encoded text a link may carry (characters)
const MAX_TEXT_FIELD = 4 * MAX_LINK_TEXT;          // longer `text=` values are refused unread

export const CELLS = Object.freeze(['rnn_tanh', 'rnn_relu', 'lstm', 'lstm_peephole', 'lstm_coupled', 'gru']);
export const OPTIMIZERS = Object.freeze(['sgd', 'momentum', 'adagrad', 'rmsprop', 'adam']);
export const VIEW_IDS = Object.freeze(['loss', 'samples', 'predict', 'states', 'gates', 'neuron', 'gradients']);
// What the state heatmap shows: the hidden state, the cell state, or one gate block (by its letter).
export const HEAT_SOURCES = Object.freeze(['h', 'c', 'i', 'f', 'g', 'o', 'r', 'z', 'n']);
export const ATTENTIONS = Object.freeze(['none', 'bahdanau', 'dot', 'general', 'concat']);
export const S2S_VIEW_IDS = Object.freeze(['curves', 'attention', 'beam', 'length', 'examples']);

// group: 'data' and 'model' and 'train' fields define the experiment (changing one re-initialises the model);
// 'sample' and 'view' fields only change what is shown. engine: the key in the engine's config JSON.
export const FIELDS = Object.freeze([
  { key: 'preset', group: 'data', type: 'enum', values: [...PRESET_IDS, 'custom'], def: 'shakespeare', label: 'text' },
  { key: 'holdout', group: 'data', type: 'number', min: 0, max: 0.5, def: 0.1, label: 'held-out fraction' },
  { key: 'cell', group: 'model', type: 'enum', values: CELLS, def: 'lstm', label: 'cell', engine: 'cell' },
  { key: 'hidden', group: 'model', type: 'int', min: 1, max: 2048, def: 128, label: 'hidden size', engine: 'hidden' },
  { key: 'layers', group: 'model', type: 'int', min: 1, max: 4, def: 1, label: 'layers', engine: 'layers' },
  { key: 'embed', group: 'model', type: 'int', min: 0, max: 2048, def: 0, label: 'embedding size (0 = one-hot)', engine: 'embed' },
  { key: 'seq', group: 'train', type: 'int', min: 1, max: 1024, def: 64, label: 'sequence length', engine: 'seq' },
  { key: 'batch', group: 'train', type: 'int', min: 1, max: 1024, def: 16, label: 'batch size', engine: 'batch' },
  { key: 'optim', group: 'train', type: 'enum', values: OPTIMIZERS, def: 'adam', label: 'optimizer', engine: 'optim' },
  { key: 'lr', group: 'train', type: 'number', min: 0, max: 10, exclusiveMin: true, def: 0.003, label: 'learning rate', engine: 'lr' },
  { key: 'momentum', group: 'train', type: 'number', min: 0, max: 0.9999, def: 0.9, label: 'momentum', engine: 'momentum' },
  { key: 'nesterov', group: 'train', type: 'bool', def: false, label: 'Nesterov momentum', engine: 'nesterov' },
  { key: 'weight_decay', group: 'train', type: 'number', min: 0, max: 1, def: 0, label: 'weight decay', engine: 'weight_decay' },
  { key: 'lr_gamma', group: 'train', type: 'number', min: 0, max: 1, exclusiveMin: true, def: 1, label: 'learning-rate decay factor', engine: 'lr_gamma' },
  { key: 'lr_every', group: 'train', type: 'int', min: 1, max: 1e9, def: 1000, label: 'learning-rate decay period', engine: 'lr_every' },
  { key: 'clip_norm', group: 'train', type: 'number', min: 0, max: 1e6, def: 5, label: 'gradient norm clip', engine: 'clip_norm' },
  { key: 'clip_value', group: 'train', type: 'number', min: 0, max: 1e6, def: 0, label: 'gradient value clip', engine: 'clip_value' },
  { key: 'reset_state', group: 'train', type: 'bool', def: false, label: 'reset state every window', engine: 'reset_state' },
  { key: 'seed', group: 'train', type: 'int', min: 0, max: 4294967295, def: 1, label: 'seed', engine: 'seed' },
  { key: 'temp', group: 'sample', type: 'number', min: 0.05, max: 5, def: 0.8, label: 'temperature' },
  { key: 'topk', group: 'sample', type: 'int', min: 0, max: 65536, def: 0, label: 'top-k (0 = all)' },
  { key: 'greedy', group: 'sample', type: 'bool', def: false, label: 'greedy' },
  { key: 'slen', group: 'sample', type: 'int', min: 1, max: 2000, def: 300, label: 'sample length' },
  { key: 'prime', group: 'sample', type: 'string', maxLength: 200, def: '', label: 'priming text' },
  { key: 'probe', group: 'view', type: 'string', maxLength: 400, def: '', label: 'probe text' },
  { key: 'layer', group: 'view', type: 'int', min: 0, max: 3, def: 0, label: 'inspected layer' },
  { key: 'unit', group: 'view', type: 'int', min: 0, max: 2047, def: 0, label: 'inspected unit' },
  { key: 'heat', group: 'view', type: 'enum', values: HEAT_SOURCES, def: 'h', label: 'heatmap source' },
  { key: 'logy', group: 'view', type: 'bool', def: true, label: 'log-scale loss axis' },
  { key: 'views', group: 'view', type: 'list', values: VIEW_IDS, def: [...VIEW_IDS], label: 'open views' },
  { key: 'text', group: 'data', type: 'text', def: '', label: 'custom text', switch: 'preset', on: 'custom' },
]);

// The seq2seq experiment. Keys are the engine's experiment JSON keys (engine/seq2seq_config_json.hpp), so the
// link reads like the config. group 'compare' trains the fixed-context twin beside the model (it does not
// change the model itself).
export const S2S_FIELDS = Object.freeze([
  { key: 'task', group: 'data', type: 'enum', values: TASK_IDS, def: 'reverse', label: 'task', engine: 'task' },
  { key: 'min_len', group: 'data', type: 'int', min: 1, max: 200, def: 3, label: 'shortest input', engine: 'min_len' },
  { key: 'max_len', group: 'data', type: 'int', min: 1, max: 200, def: 20, label: 'longest input', engine: 'max_len' },
  { key: 'alphabet', group: 'data', type: 'int', min: 2, max: 26, def: 10, label: 'alphabet size', engine: 'alphabet' },
  { key: 'delay', group: 'data', type: 'int', min: 0, max: 200, def: 3, label: 'delay', engine: 'delay' },
  { key: 'train_size', group: 'data', type: 'int', min: 1, max: 200000, def: 5000, label: 'training examples', engine: 'train_size' },
  { key: 'held_size', group: 'data', type: 'int', min: 1, max: 20000, def: 500, label: 'held-out examples', engine: 'held_size' },
  { key: 'held_fraction', group: 'data', type: 'number', min: 0, max: 0.5, exclusiveMin: true, def: 0.1, label: 'held-out fraction', engine: 'held_fraction' },
  { key: 'encoder_cell', group: 'model', type: 'enum', values: CELLS, def: 'lstm', label: 'encoder cell', engine: 'encoder_cell' },
  { key: 'decoder_cell', group: 'model', type: 'enum', values: CELLS, def: 'lstm', label: 'decoder cell', engine: 'decoder_cell' },
  { key: 'embed', group: 'model', type: 'int', min: 1, max: 1024, def: 32, label: 'embedding size', engine: 'embed' },
  { key: 'hidden', group: 'model', type: 'int', min: 1, max: 1024, def: 64, label: 'hidden size', engine: 'hidden' },
  { key: 'layers', group: 'model', type: 'int', min: 1, max: 4, def: 1, label: 'layers', engine: 'layers' },
  { key: 'bidirectional', group: 'model', type: 'bool', def: true, label: 'bidirectional encoder', engine: 'bidirectional' },
  { key: 'attention', group: 'model', type: 'enum', values: ATTENTIONS, def: 'bahdanau', label: 'attention', engine: 'attention' },
  { key: 'attn_size', group: 'model', type: 'int', min: 1, max: 1024, def: 64, label: 'attention size', engine: 'attn_size' },
  { key: 'batch', group: 'train', type: 'int', min: 1, max: 512, def: 32, label: 'batch size', engine: 'batch' },
  { key: 'optim', group: 'train', type: 'enum', values: OPTIMIZERS, def: 'adam', label: 'optimizer', engine: 'optim' },
  { key: 'lr', group: 'train', type: 'number', min: 0, max: 10, exclusiveMin: true, def: 0.003, label: 'learning rate', engine: 'lr' },
  { key: 'clip_norm', group: 'train', type: 'number', min: 0, max: 1e6, def: 5, label: 'gradient norm clip', engine: 'clip_norm' },
  { key: 'sampling_rate', group: 'train', type: 'number', min: 0, max: 1, def: 0, label: 'scheduled sampling rate', engine: 'sampling_rate' },
  { key: 'seed', group: 'train', type: 'int', min: 0, max: 4294967295, def: 1, label: 'seed', engine: 'seed' },
  { key: 'compare', group: 'compare', type: 'bool', def: false, label: 'compare with no attention' },
  { key: 'input', group: 'view', type: 'string', maxLength: 255, def: '', label: 'attention input' },
  { key: 'beam', group: 'view', type: 'int', min: 1, max: 16, def: 4, label: 'beam width' },
  { key: 'alpha', group: 'view', type: 'number', min: 0, max: 2, def: 1, label: 'length normalisation alpha' },
  { key: 'logy', group: 'view', type: 'bool', def: true, label: 'log-scale loss axis' },
  { key: 'views', group: 'view', type: 'list', values: S2S_VIEW_IDS, def: [...S2S_VIEW_IDS], label: 'open views' },
  { key: 'pairs', group: 'data', type: 'text', def: '', label: 'your pairs', switch: 'task', on: 'pairs' },
]);

const BY_KEY = new Map(FIELDS.map((f) => [f.key, f]));
export function field(key) {
  return BY_KEY.get(key) || null;
}
const S2S_BY_KEY = new Map(S2S_FIELDS.map((f) => [f.key, f]));
export function s2sField(key) {
  return S2S_BY_KEY.get(key) || null;
}
const TABLES = { charlm: { fields: FIELDS, byKey: BY_KEY }, seq2seq: { fields: S2S_FIELDS, byKey: S2S_BY_KEY } };
const EXPERIMENT_GROUPS = new Set(['data', 'model', 'train']);

export function defaultState() {
  const s = {};
  for (const f of FIELDS) s[f.key] = Array.isArray(f.def) ? [...f.def] : f.def;
  return s;
}

// The engine's config JSON fields from a state.
export function engineConfig(state) {
  const c = {};
  for (const f of FIELDS) if (f.engine) c[f.engine] = state[f.key];
  return c;
}

// True when two states describe the same experiment (same text, model and training settings).
export function sameExperiment(a, b) {
  return sameIn(FIELDS, a, b);
}

function sameIn(fields, a, b) {
  for (const f of fields) {
    if (!EXPERIMENT_GROUPS.has(f.group)) continue;
    if (f.type === 'text' && a[f.switch] !== f.on && b[f.switch] !== f.on) continue;
    if (a[f.key] !== b[f.key]) return false;
  }
  return true;
}

// ---- the seq2seq state ----

export function s2sDefaultState() {
  const s = {};
  for (const f of S2S_FIELDS) s[f.key] = Array.isArray(f.def) ? [...f.def] : f.def;
  return s;
}

// The engine's experiment JSON (an object; JSON.stringify it) from a seq2seq state.
export function s2sEngineConfig(state) {
  const c = {};
  for (const f of S2S_FIELDS) if (f.engine) c[f.engine] = state[f.key];
  return c;
}

// The same experiment: task, data, model and training settings (and the pairs, for your own pairs).
export function s2sSameExperiment(a, b) {
  return sameIn(S2S_FIELDS, a, b);
}

// The fields that define a seq2seq experiment (what a rebuild is made from), as a plain object.
export function s2sExperimentFields(s) {
  const out = {};
  for (const f of S2S_FIELDS) if (EXPERIMENT_GROUPS.has(f.group) && f.type !== 'text') out[f.key] = s[f.key];
  return out;
}

// ---- one value: format for the link, parse and validate from the link or a control ----

function formatNumber(x) {
  return String(x);  // shortest string that reads back as the same double
}

export function formatValue(f, value) {
  switch (f.type) {
    case 'bool': return value ? '1' : '0';
    case 'int':
    case 'number': return formatNumber(value);
    case 'list': return value.join(',');
    default: return String(value);
  }
}

function describe(raw) {
  const shown = raw.length > 40 ? raw.slice(0, 40) + '…' : raw;
  return `'${shown}'`;
}

function rangeText(f) {
  const lo = f.exclusiveMin ? `above ${f.min}` : `at least ${f.min}`;
  return `${lo} and at most ${f.max}`;
}

// Parses a value for field f from its text form. Returns { value } or { error } (a sentence without the
// field name). Also used to validate what a user types into a control.
export function parseValue(f, raw) {
  if (typeof raw !== 'string') return { error: 'is missing' };
  if (raw.trim() === '' && f.type !== 'string' && f.type !== 'list') return { error: 'is empty' };
  switch (f.type) {
    case 'int': {
      if (!/^[+-]?\d+$/.test(raw.trim())) return { error: `${describe(raw)} is not a whole number` };
      const v = Number(raw.trim());
      if (!Number.isSafeInteger(v) || v < f.min || v > f.max) return { error: `${describe(raw)} is out of range (must be ${rangeText(f)})` };
      return { value: v };
    }
    case 'number': {
      const t = raw.trim();
      if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return { error: `${describe(raw)} is not a number` };
      const v = Number(t);
      if (!Number.isFinite(v)) return { error: `${describe(raw)} is not a finite number` };
      if (v < f.min || v > f.max || (f.exclusiveMin && v === f.min)) return { error: `${describe(raw)} is out of range (must be ${rangeText(f)})` };
      return { value: v };
    }
    case 'bool': {
      const t = raw.trim().toLowerCase();
      if (t === '1' || t === 'true') return { value: true };
      if (t === '0' || t === 'false') return { value: false };
      return { error: `${describe(raw)} is not 1/0 or true/false` };
    }
    case 'enum': {
      if (!f.values.includes(raw)) return { error: `${describe(raw)} is not one of ${f.values.join(', ')}` };
      return { value: raw };
    }
    case 'string': {
      if (raw.length > f.maxLength) return { error: `is longer than ${f.maxLength} characters` };
      if (!isWellFormed(raw)) return { error: 'contains a broken Unicode character' };
      return { value: raw };
    }
    case 'list': {
      const items = raw.split(',').filter((x) => x !== '');
      const bad = items.filter((x) => !f.values.includes(x));
      const good = f.values.filter((x) => items.includes(x));  // canonical order, no duplicates
      if (bad.length) return { value: good, error: `has unknown ${bad.length === 1 ? 'entry' : 'entries'} ${bad.map(describe).join(', ')} (known: ${f.values.join(', ')})` };
      return { value: good };
    }
    default:
      return { error: 'cannot be read' };
  }
}

export function isWellFormed(s) {
  if (typeof s.isWellFormed === 'function') return s.isWellFormed();
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
}

// Characters as the engine counts them (code points).
export function countChars(s) {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff) n++;
  }
  return n;
}

// ---- custom text: deflate-raw + base64url ----

export function compressionAvailable() {
  return typeof CompressionStream === 'function' && typeof DecompressionStream === 'function';
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64_INDEX = (() => {
  const t = new Int16Array(128).fill(-1);
  for (let i = 0; i < B64.length; i++) t[B64.charCodeAt(i)] = i;
  return t;
})();

export function toBase64Url(bytes) {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += B64[n >> 18] + B64[(n >> 12) & 63] + B64[(n >> 6) & 63] + B64[n & 63];
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i] << 16;
    out += B64[n >> 18] + B64[(n >> 12) & 63];
  } else if (rest === 2) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
    out += B64[n >> 18] + B64[(n >> 12) & 63] + B64[(n >> 6) & 63];
  }
  return out;
}

// Returns the bytes, or null when the text is not base64url (or has an impossible length).
export function fromBase64Url(s) {
  if (s.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((s.length * 3) / 4));
  let o = 0, acc = 0, bits = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const v = c < 128 ? B64_INDEX[c] : -1;
    if (v < 0) return null;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 255;
    }
  }
  return out.subarray(0, o);
}

async function pipeBytes(bytes, stream, limit) {
  const writer = stream.writable.getWriter();
  const done = writer.write(bytes).then(() => writer.close());
  done.catch(() => {});  // errors surface through the reader below
  const reader = stream.readable.getReader();
  const chunks = [];
  let total = 0;
  for (;;) {
    const { value, done: end } = await reader.read();
    if (end) break;
    total += value.length;
    if (total > limit) {
      reader.cancel().catch(() => {});
      throw new Error('too large');
    }
    chunks.push(value);
  }
  await done;
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

// `text` -> "<characters>.<base64url>". Throws when compression is unavailable.
export async function compressText(text) {
  const bytes = new TextEncoder().encode(text);
  const packed = await pipeBytes(bytes, new CompressionStream('deflate-raw'), Infinity);
  return `${countChars(text)}.${toBase64Url(packed)}`;
}

// The inverse: returns { text } or { error } (a sentence).
export async function decompressText(value) {
  if (!compressionAvailable()) return { error: 'cannot be unpacked: this browser has no DecompressionStream' };
  if (value.length > MAX_TEXT_FIELD) return { error: `is too long (${value.length} characters; links carry at most ${MAX_LINK_TEXT})` };
  const dot = value.indexOf('.');
  const countText = dot < 0 ? '' : value.slice(0, dot);
  if (!/^\d{1,9}$/.test(countText)) return { error: 'is damaged (it should start with its length and a dot)' };
  const expected = Number(countText);
  const packed = fromBase64Url(value.slice(dot + 1));
  if (!packed) return { error: 'is damaged or cut short (not valid base64url)' };
  let bytes;
  try {
    bytes = await pipeBytes(packed, new DecompressionStream('deflate-raw'), 4 * MAX_TEXT_CHARS);
  } catch (e) {
    return { error: e && e.message === 'too large' ? 'unpacks to more than the 16M characters the page can train on'
      : 'is damaged or cut short (it does not decompress)' };
  }
  let text;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { error: 'is damaged (not valid UTF-8 after decompressing)' };
  }
  if (countChars(text) !== expected) return { error: `is cut short (${countChars(text)} characters instead of ${expected})` };
  return { text };
}

// ---- the whole hash ----

// encodeURIComponent, but keeping the characters that are harmless in a hash value readable.
function escapeValue(s) {
  return encodeURIComponent(s).replace(/%2C/g, ',').replace(/%3A/g, ':').replace(/%2F/g, '/');
}

function listNames(names, max = 8) {
  return names.length <= max ? names.join(', ') : `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

// The words the notices use for each mode's own text (the char LM's custom text, seq2seq's pairs).
const TEXT_WORDS = {
  charlm: {
    missing: 'it asks for a custom text but does not carry one',
    the: 'the custom text',
    ignored: (sel) => `ignored the custom text because the preset is '${sel}'`,
    instead: (def) => `the ${def} preset`,
    tooLarge: (kb) => `Your text is too large for a link (${kb} KB compressed; links carry up to ${MAX_LINK_TEXT / 1024} KB), so the link has your settings but not your text.`,
    noCompression: 'This browser cannot compress text (no CompressionStream), so the link has your settings but not your text.',
  },
  seq2seq: {
    missing: 'it asks for your own pairs but does not carry them',
    the: 'the pairs',
    ignored: (sel) => `ignored the pairs because the task is '${sel}'`,
    instead: (def) => `the ${def} task`,
    tooLarge: (kb) => `Your pairs are too large for a link (${kb} KB compressed; links carry up to ${MAX_LINK_TEXT / 1024} KB), so the link has your settings but not your pairs (they stay in this browser).`,
    noCompression: 'This browser cannot compress text (no CompressionStream), so the link has your settings but not your pairs.',
  },
};

// The last two texts compressed (the page may keep re-encoding the same text or pairs).
const textCache = [];
async function cachedCompress(text) {
  const hit = textCache.find((c) => c.text === text);
  if (hit) return hit.value;
  const value = await compressText(text);
  textCache.unshift({ text, value });
  textCache.length = Math.min(textCache.length, 2);
  return value;
}

async function encodeTable(mode, state, head) {
  const notices = [];
  const parts = [`v=${LINK_VERSION}`, ...head];
  const { fields } = TABLES[mode];
  let textField = null;
  for (const f of fields) {
    if (f.type === 'text') {
      textField = f;
      continue;
    }
    parts.push(`${f.key}=${escapeValue(formatValue(f, state[f.key]))}`);
  }
  if (textField && state[textField.switch] === textField.on) {
    const words = TEXT_WORDS[mode];
    const text = state[textField.key] || '';
    if (!compressionAvailable()) {
      notices.push(words.noCompression);
    } else if (text) {
      const value = await cachedCompress(text);
      if (value.length > MAX_LINK_TEXT) notices.push(words.tooLarge(Math.ceil(value.length / 1024)));
      else parts.push(`${textField.key}=${value}`);
    }
  }
  return { hash: parts.join('&'), notices };
}

// A char-LM state -> { hash (without '#'), notices }. Notices say what the link had to leave out. The link
// has no `mode` field (a link without one is a char-LM link), exactly as before the seq2seq mode existed.
export async function encodeState(state) {
  return encodeTable('charlm', state, []);
}

// A seq2seq state -> { hash, notices }: `v=1&mode=seq2seq&task=...`.
export async function encodeSeq2SeqState(state) {
  return encodeTable('seq2seq', state, ['mode=seq2seq']);
}

// Reads a hash ('#...' or '...'). Returns { mode, state, s2s, notices, present, missingText }: `state` is the
// char-LM state and `s2s` the seq2seq state (the one the link is not for keeps its defaults); present is
// false for an empty hash. Every field that is missing, malformed or out of range gets its default and a
// notice.
export async function decodeHash(hash) {
  const state = defaultState();
  const s2s = s2sDefaultState();
  const notices = [];
  const raw = String(hash || '').replace(/^#/, '');
  if (raw.trim() === '') return { mode: 'charlm', state, s2s, notices, present: false, missingText: false };

  const values = new Map();
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
        notices.push(`Link: '${key}' has a malformed %-escape; using the default.`);
        values.set(key, undefined);
        continue;
      }
    }
    if (values.has(key)) notices.push(`Link: '${key}' appears more than once; using the last one.`);
    values.set(key, value);
  }

  const version = values.get('v');
  if (!values.has('v')) {
    notices.push('Link: no version field (v=1); reading it as version 1.');
  } else if (version !== String(LINK_VERSION)) {
    if (/^\d+$/.test(version || '') && Number(version) > LINK_VERSION)
      notices.push(`Link: made by a newer version of the page (v=${version}); reading what version ${LINK_VERSION} understands.`);
    else notices.push(`Link: unknown version ${describe(String(version))}; reading it as version ${LINK_VERSION}.`);
  }

  // The mode decides which table the rest is read with; no mode field means the char LM.
  let mode = 'charlm';
  if (values.has('mode')) {
    const m = values.get('mode');
    if (MODES.includes(m)) mode = m;
    else if (m !== undefined) notices.push(`Link: mode ${m === null ? 'has no value' : `${describe(m)} is not one of ${MODES.join(', ')}`}; using charlm.`);
  }
  const target = mode === 'seq2seq' ? s2s : state;
  const { fields, byKey } = TABLES[mode];
  const otherMode = mode === 'seq2seq' ? 'charlm' : 'seq2seq';
  for (const key of values.keys()) {
    if (key === 'v' || key === 'mode' || byKey.has(key)) continue;
    if (TABLES[otherMode].byKey.has(key)) notices.push(`Link: ignored ${describe(key)}, a ${MODE_NAMES[otherMode]} setting (this link is for the ${MODE_NAMES[mode]} mode).`);
    else notices.push(`Link: ignored the unknown setting ${describe(key)}.`);
  }

  const missing = [];
  let textField = null;
  for (const f of fields) {
    if (f.type === 'text') {
      textField = f;
      continue;
    }
    if (!values.has(f.key)) {
      missing.push(f.key);
      continue;
    }
    const v = values.get(f.key);
    if (v === undefined) continue;  // malformed escape, already noticed
    if (v === null) {
      notices.push(`Link: '${f.key}' has no value; using the default (${formatValue(f, f.def)}).`);
      continue;
    }
    const r = parseValue(f, v);
    if (r.error) {
      const fallback = r.value !== undefined ? `using ${formatValue(f, r.value) || 'none'}` : `using the default (${formatValue(f, f.def)})`;
      notices.push(`Link: ${f.key} ${r.error}; ${fallback}.`);
    }
    if (r.value !== undefined) target[f.key] = r.value;
  }
  // A link written by the page has every field; a hand-written one may set just a few.
  if (values.has('v') && missing.length)
    notices.push(`Link: missing ${listNames(missing)} (cut short?); using the defaults for ${missing.length === 1 ? 'it' : 'those'}.`);

  let missingText = false;
  const words = TEXT_WORDS[mode];
  const key = textField.key, sel = textField.switch;
  if (target[sel] === textField.on) {
    const def = byKey.get(sel).def;
    if (!values.has(key) || !values.get(key)) {
      notices.push(`Link: ${words.missing}; using ${words.instead(def)} instead.`);
      target[sel] = def;
      missingText = true;
    } else {
      const r = await decompressText(values.get(key));
      if (r.error) {
        notices.push(`Link: ${words.the} ${r.error}; using ${words.instead(def)} instead.`);
        target[sel] = def;
      } else if (r.text === '') {
        notices.push(`Link: ${words.the} is empty; using ${words.instead(def)} instead.`);
        target[sel] = def;
      } else {
        target[key] = r.text;
      }
    }
  } else if (values.has(key)) {
    notices.push(`Link: ${words.ignored(target[sel])}.`);
  }
  // missingText: the link was made for a text (or pairs) too large to carry (the page may have it stored)
  return { mode, state, s2s, notices, present: true, missingText };
}
