// The lab's link table (web/lab/fields.js) and matrices (web/lab/matrix.js), without a browser: the default
// state round-trips without notices, a link whose matrices do not fit its sizes is reshaped with a notice,
// and a resize keeps what overlaps.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { FAMILIES } from '../../web/families.js';
import { decodeLink } from '../../web/shell/link.js';
import { encodeLabState } from '../../web/lab/family.js';
import { LAB_TABLE } from '../../web/lab/fields.js';
import { fitMatrices, readMatrix, reshape, writeMatrix } from '../../web/lab/matrix.js';

test('the lab\'s default state is the lectures\' example and round-trips through a link without notices', async () => {
  const s = LAB_TABLE.defaults();
  assert.deepEqual([s.input_size, s.hidden, s.output_size, s.activation], [2, 2, 2, 'linear']);
  assert.equal(s.inputs, '1,1;1,1;2,2');
  const { hash, notices } = await encodeLabState(s);
  assert.deepEqual(notices, []);
  assert.ok(hash.startsWith('v=2&mode=lab&') && hash.includes('w_in=1,1;1,1&'), hash);
  const r = await decodeLink(hash, FAMILIES);
  assert.equal(r.mode, 'lab');
  assert.deepEqual(r.notices, []);
  assert.deepEqual(r.states.lab, s);
});

test('a link whose matrices do not fit its sizes, or hold what is not a number, is reshaped with a notice', async () => {
  const r = await decodeLink('v=2&mode=lab&hidden=3&w_in=1,2;3,4&w_rec=1,1;1,1&b_h=0,0&w_out=1,1;1,1&b_y=0,0&inputs=1,1;x,300', FAMILIES, { partial: true });
  assert.equal(r.mode, 'lab');
  const s = r.states.lab;
  assert.equal(s.w_in, '1,2;3,4;0,0');
  assert.equal(s.w_rec, '1,1,0;1,1,0;0,0,0');
  assert.equal(s.inputs, '1,1;0,0');
  assert.match(r.notices[0], /w_in, w_rec, b_h, w_out, inputs did not fit the sizes/);
  assert.match(r.notices[1], /focus is beyond the 2 input steps/, 'the step explained is one of the inputs');
  assert.equal(s.focus, 2);
});

test('matrices read, write and reshape', () => {
  assert.deepEqual(readMatrix('1,-2.5;3,4'), [[1, -2.5], [3, 4]]);
  assert.equal(writeMatrix([[0.1, 2], [3, 4]]), '0.1,2;3,4');
  assert.deepEqual(reshape([[1, 2], [3, 4]], 3, 1), [[1], [3], [0]]);
  const s = { ...LAB_TABLE.defaults(), input_size: 1, output_size: 3 };
  assert.deepEqual(fitMatrices(s, { maxSteps: 16, maxWeight: 100 }), ['w_in', 'w_out', 'b_y', 'inputs']);
  assert.equal(s.inputs, '1;1;2');
  assert.equal(s.w_out, '1,1;1,1;0,0');
});
