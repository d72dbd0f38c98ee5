// CSV text for chart exports (web/ui/charts/csv.js): RFC 4180 quoting, non-finite numbers as empty cells.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { csvField, csvText } from '../../web/ui/charts/csv.js';

test('fields are quoted only when they must be, quotes doubled', () => {
  assert.equal(csvField('plain'), 'plain');
  assert.equal(csvField('a,b'), '"a,b"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField('two\nlines'), '"two\nlines"');
  assert.equal(csvField(1.5), '1.5');
  assert.equal(csvField(NaN), '');
  assert.equal(csvField(Infinity), '');
  assert.equal(csvField(undefined), '');
});

test('rows end with CRLF', () => {
  assert.equal(csvText([['x', 'y'], [1, 2]]), 'x,y\r\n1,2\r\n');
});
