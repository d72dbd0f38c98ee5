// What a .safetensors file says about itself before the engine opens it: its `__metadata__.model` ('char_lm'
// or 'seq2seq'), so the page can open it in the right mode. Reads only the 8-byte length and the JSON header.

// Resolves to 'char_lm', 'seq2seq', another string, or null (not readable as safetensors: the engine will
// then explain what is wrong with it).
export async function modelKind(file) {
  try {
    if (file.size < 8) return null;
    const head = new DataView(await file.slice(0, 8).arrayBuffer());
    const n = head.getUint32(0, true) + head.getUint32(4, true) * 4294967296;
    if (n < 2 || n > Math.min(file.size - 8, 100 * 1024 * 1024)) return null;
    const text = new TextDecoder('utf-8', { fatal: true }).decode(await file.slice(8, 8 + n).arrayBuffer());
    const meta = JSON.parse(text).__metadata__;
    return meta && typeof meta.model === 'string' ? meta.model : null;
  } catch {
    return null;
  }
}

export const MODEL_NAMES = { char_lm: 'character language model', seq2seq: 'seq2seq encoder-decoder' };
