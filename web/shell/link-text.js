// A family's own text in a link (the char LM's custom text, seq2seq's pairs): `<characters>.<base64url of
// deflate-raw(UTF-8)>`. The character count comes first, so a link cut short inside the text is noticed.
// No DOM here.
import { concatArrays } from './arrays.js';
import { fromBase64Url, toBase64Url } from './base64url.js';
import { countChars } from './link-values.js';

export const MAX_TEXT_CHARS = 16 * 1024 * 1024;   // what the engine trains on at most (code points)
export const MAX_LINK_TEXT = 48 * 1024;           // longest encoded text a link may carry (characters)
const MAX_TEXT_FIELD = 4 * MAX_LINK_TEXT;          // longer values are refused unread

export function compressionAvailable() {
  return typeof CompressionStream === 'function' && typeof DecompressionStream === 'function';
}

// Pushes bytes through a (de)compression stream; throws 'too large' past `limit` output bytes.
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
  return concatArrays(chunks, Uint8Array);
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
  const n = (x) => x.toLocaleString('en-US');
  if (expected > MAX_TEXT_CHARS) return { error: `says it has ${n(expected)} characters; the page trains on at most ${n(MAX_TEXT_CHARS)}` };
  const packed = fromBase64Url(value.slice(dot + 1));
  if (!packed) return { error: 'is damaged or cut short (not valid base64url)' };
  let bytes;
  try {
    // a text of `expected` characters is at most 4 bytes each in UTF-8: unpacking stops beyond that
    bytes = await pipeBytes(packed, new DecompressionStream('deflate-raw'), 4 * Math.max(1, expected));
  } catch (e) {
    return { error: e && e.message === 'too large' ? `was edited: it unpacks to more than the ${n(expected)} characters it says it has`
      : 'is damaged or cut short (it does not decompress)' };
  }
  let text;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { error: 'is damaged (not valid UTF-8 after decompressing)' };
  }
  const got = countChars(text);
  if (got < expected) return { error: `is cut short (${n(got)} of its ${n(expected)} characters)` };
  if (got > expected) return { error: `was edited: it holds ${n(got)} characters but says it has ${n(expected)}` };
  return { text };
}

// The last two texts compressed (the page keeps re-encoding the same text while its settings change).
const cache = [];
export async function cachedCompress(text) {
  const hit = cache.find((c) => c.text === text);
  if (hit) return hit.value;
  const value = await compressText(text);
  cache.unshift({ text, value });
  cache.length = Math.min(cache.length, 2);
  return value;
}
