// Readout formatting: a blown-up run never prints a 20-digit loss or "Infinity" (issue 15, item 9).
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { fmtLoss, fmtPerplexity } from '../../web/shell/format.js';

test('losses: three decimals while ordinary, scientific once huge, a dash when missing', () => {
  assert.equal(fmtLoss(2.34567), '2.346');
  assert.equal(fmtLoss(2100.5), '2100.500');
  assert.equal(fmtLoss(41868232905338126336), '4.19e+19');
  assert.equal(fmtLoss(NaN), '–');
  assert.equal(fmtLoss(Infinity), '–');
});

test('perplexity: e^loss, written as a power of e when it overflows', () => {
  assert.equal(fmtPerplexity(Math.log(42.85)), '42.85');
  assert.equal(fmtPerplexity(20), '4.85e+8');
  assert.equal(fmtPerplexity(2100), 'e^2100');
  assert.equal(fmtPerplexity(2.8794517462840384e31), 'e^2.9e+31');
  assert.equal(fmtPerplexity(NaN), '–');
});
