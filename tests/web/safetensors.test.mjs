// Unit tests of the page's one safetensors header reader/writer (web/shell/safetensors.js): node --test tests/web/
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { metadataVocab, readFileMetadata, readMetadata, withMetadata } from '../../web/shell/safetensors.js';

// A small valid file: one F32 tensor of two values, the header padded to 8 bytes as the engine writes it.
function file(meta, pad = true) {
  const header = { w: { dtype: 'F32', shape: [2], data_offsets: [0, 8] }, ...(meta ? { __metadata__: meta } : {}) };
  let json = JSON.stringify(header);
  if (pad) while (json.length % 8) json += ' ';
  const head = new TextEncoder().encode(json);
  const out = new Uint8Array(8 + head.length + 8);
  new DataView(out.buffer).setUint32(0, head.length, true);
  out.set(head, 8);
  new DataView(out.buffer).setFloat32(8 + head.length, 1.5, true);
  new DataView(out.buffer).setFloat32(12 + head.length, -2, true);
  return out;
}

const headerLength = (bytes) => new DataView(bytes.buffer, bytes.byteOffset).getUint32(0, true);

test('reads the metadata of bytes, {} without any, null for what is not safetensors', () => {
  assert.deepEqual(readMetadata(file({ model: 'char_lm', vocab: '["a","b"]' })), { model: 'char_lm', vocab: '["a","b"]' });
  assert.deepEqual(readMetadata(file(null)), {});
  assert.equal(readMetadata(new Uint8Array(0)), null);
  assert.equal(readMetadata(new Uint8Array(7)), null);
  const good = file({ model: 'seq2seq' });
  assert.equal(readMetadata(good.subarray(0, 20)), null, 'a header longer than the file');
  const lying = good.slice();
  new DataView(lying.buffer).setUint32(4, 1, true);  // 2^32 + n bytes of header
  assert.equal(readMetadata(lying), null);
  const notJson = good.slice();
  notJson[8] = 0x7b + 1;
  assert.equal(readMetadata(notJson), null);
  const badUtf8 = good.slice();
  badUtf8[10] = 0xff;
  assert.equal(readMetadata(badUtf8), null);
});

test('reads the metadata of a File from its header alone', async () => {
  const bytes = file({ model: 'seq2seq', optim_step: '30' });
  assert.deepEqual(await readFileMetadata(new Blob([bytes])), { model: 'seq2seq', optim_step: '30' });
  assert.equal(await readFileMetadata(new Blob([new Uint8Array(3)])), null);
  assert.equal(await readFileMetadata(new Blob([bytes.subarray(0, 30)])), null);
});

test('replacing metadata keeps the tensors, pads the header to 8 bytes and reads back', () => {
  const before = file({ model: 'seq2seq', optim_step: '0' });
  for (const step of [7, 12345, 'x'.repeat(13)]) {
    const after = withMetadata(before, { optim_step: step, extra: 'ü' });
    const n = headerLength(after);
    assert.equal(n % 8, 0, 'the header is padded to 8 bytes');
    assert.deepEqual(readMetadata(after), { model: 'seq2seq', optim_step: String(step), extra: 'ü' });
    assert.deepEqual(after.subarray(8 + n), before.subarray(8 + headerLength(before)), 'the tensor data is unchanged');
    const header = JSON.parse(new TextDecoder().decode(after.subarray(8, 8 + n)));
    assert.deepEqual(header.w, { dtype: 'F32', shape: [2], data_offsets: [0, 8] });
  }
  assert.deepEqual(readMetadata(withMetadata(file(null, false), { model: 'char_lm' })), { model: 'char_lm' }, 'a file without metadata gets some');
  assert.throws(() => withMetadata(new Uint8Array(4), { a: '1' }), /not a safetensors file/);
});

test('the vocabulary a file declares', () => {
  assert.deepEqual(metadataVocab({ vocab: '["a","\\n","😀"]' }), ['a', '\n', '😀']);
  assert.equal(metadataVocab({ vocab: '[1, 2]' }), null);
  assert.equal(metadataVocab({ vocab: 'not json' }), null);
  assert.equal(metadataVocab({}), null);
  assert.equal(metadataVocab(null), null);
});
