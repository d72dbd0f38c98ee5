// The model summary (web/shell/model-summary.js) from a safetensors header: every tensor in file order, its
// module, shape and size, and the totals.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { modelSummary } from '../../web/shell/model-summary.js';

function file(entries) {
  const header = {};
  let offset = 0;
  for (const [name, shape] of entries) {
    const n = shape.reduce((a, b) => a * b, 1) * 4;
    header[name] = { dtype: 'F32', shape, data_offsets: [offset, offset + n] };
    offset += n;
  }
  header.__metadata__ = { model: 'char_lm' };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const bytes = new Uint8Array(8 + json.length + offset);
  new DataView(bytes.buffer).setUint32(0, json.length, true);
  bytes.set(json, 8);
  return bytes;
}

test('rows in file order, grouped by module, with the totals', () => {
  const s = modelSummary(file([
    ['embed.weight', [10, 4]], ['rnn.weight_ih_l0', [64, 4]], ['rnn.weight_hh_l0', [64, 16]], ['rnn.bias_ih_l0', [64]],
    ['rnn.bias_hh_l0', [64]], ['head.weight', [10, 16]], ['head.bias', [10]],
  ]));
  assert.deepEqual(s.rows.map((r) => r.name), ['embed.weight', 'rnn.weight_ih_l0', 'rnn.weight_hh_l0', 'rnn.bias_ih_l0', 'rnn.bias_hh_l0', 'head.weight', 'head.bias']);
  assert.deepEqual(s.rows[2], { module: 'rnn', name: 'rnn.weight_hh_l0', shape: [64, 16], params: 1024 });
  assert.deepEqual(s.modules, [{ module: 'embed', params: 40 }, { module: 'rnn', params: 256 + 1024 + 128 }, { module: 'head', params: 170 }]);
  assert.equal(s.total, 40 + 1408 + 170);
  assert.equal(s.bytes, 4 * s.total);
});

test('bytes that are not a model file give null', () => {
  assert.equal(modelSummary(new Uint8Array([1, 2, 3])), null);
  assert.equal(modelSummary(new Uint8Array(16)), null);
});
