// The one place the page's JavaScript reads or writes a safetensors header (the engine reads and writes the
// files themselves): an 8-byte little-endian header length, then that many bytes of JSON whose optional
// `__metadata__` maps strings to strings, then the tensor data (offsets are relative to the data, so only the
// header changes when metadata does). Used on the main thread (which mode opens a file) and in the worker
// (vocabulary and step of a file). No DOM here.

const MAX_HEADER = 100 * 1024 * 1024;

// The header's length from its first 8 bytes, or -1 when it cannot be a header of a file of `size` bytes.
function headerLength(first8, size) {
  const view = new DataView(first8.buffer, first8.byteOffset, 8);
  const n = view.getUint32(0, true) + view.getUint32(4, true) * 4294967296;
  return n < 2 || n > size - 8 || n > MAX_HEADER ? -1 : n;
}

function parseHeader(bytes) {
  const header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  if (!header || typeof header !== 'object' || Array.isArray(header)) throw new Error('not a safetensors header');
  return header;
}

function metadataOf(header) {
  const meta = header.__metadata__;
  return meta && typeof meta === 'object' && !Array.isArray(meta) ? meta : {};
}

// The __metadata__ of a file's bytes (an object of strings, {} when it has none), or null when the bytes
// are not a readable safetensors file (the engine then says what is wrong with them).
export function readMetadata(bytes) {
  try {
    if (bytes.length < 8) return null;
    const n = headerLength(bytes, bytes.length);
    if (n < 0) return null;
    return metadataOf(parseHeader(bytes.subarray(8, 8 + n)));
  } catch {
    return null;
  }
}

// The tensors of a file's bytes in data order: [{name, dtype, shape}], or null when unreadable.
export function readTensors(bytes) {
  try {
    if (bytes.length < 8) return null;
    const n = headerLength(bytes, bytes.length);
    if (n < 0) return null;
    const header = parseHeader(bytes.subarray(8, 8 + n));
    return Object.entries(header)
      .filter(([name, t]) => name !== '__metadata__' && t && Array.isArray(t.shape) && Array.isArray(t.data_offsets))
      .sort((a, b) => a[1].data_offsets[0] - b[1].data_offsets[0])
      .map(([name, t]) => ({ name, dtype: String(t.dtype), shape: t.shape.map(Number) }));
  } catch {
    return null;
  }
}

// The same for a File (or Blob), reading only its header.
export async function readFileMetadata(file) {
  try {
    if (file.size < 8) return null;
    const n = headerLength(new Uint8Array(await file.slice(0, 8).arrayBuffer()), file.size);
    if (n < 0) return null;
    return metadataOf(parseHeader(new Uint8Array(await file.slice(8, 8 + n).arrayBuffer())));
  } catch {
    return null;
  }
}

// A copy of a file's bytes with metadata entries replaced or added (values become strings). The header is
// padded with spaces to a multiple of 8 bytes, as the engine writes it. Throws when the header is unreadable.
export function withMetadata(bytes, entries) {
  const n = bytes.length >= 8 ? headerLength(bytes, bytes.length) : -1;
  if (n < 0) throw new Error('not a safetensors file');
  const header = parseHeader(bytes.subarray(8, 8 + n));
  const meta = { ...metadataOf(header) };
  for (const [key, value] of Object.entries(entries)) meta[key] = String(value);
  header.__metadata__ = meta;
  const encoder = new TextEncoder();
  let head = encoder.encode(JSON.stringify(header));
  if (head.length % 8) head = encoder.encode(JSON.stringify(header) + ' '.repeat(8 - (head.length % 8)));
  const out = new Uint8Array(8 + head.length + (bytes.length - 8 - n));
  new DataView(out.buffer).setUint32(0, head.length, true);
  out.set(head, 8);
  out.set(bytes.subarray(8 + n), 8 + head.length);
  return out;
}

// The vocabulary a file's metadata declares (a JSON array of strings in `vocab`), or null.
export function metadataVocab(meta) {
  try {
    const v = meta && typeof meta.vocab === 'string' ? JSON.parse(meta.vocab) : null;
    return Array.isArray(v) && v.every((c) => typeof c === 'string') ? v : null;
  } catch {
    return null;
  }
}
