// The list of saved sessions (web/shell/session-list.js): the bound keeps the 20 most recent and drops the
// oldest untrained ones first, a family finds its own sessions (the first page's too) and the one of an
// experiment, and the Sessions menu names them.
//   node --test tests/web/
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { FAMILIES } from '../../web/families.js';
import { MAX_SESSIONS, describeSessions, isExperiment, newSessionId, overBound, sessionsOf, summaryOf } from '../../web/shell/session-list.js';
import { textKey } from '../../web/shell/storage.js';

const [lm, seq2seq] = FAMILIES;
const entry = (id, savedAt, step, kind = 'lm', state = {}) => ({ id, kind, version: 2, step, savedAt, state });

test('the bound keeps the 20 most recent, dropping the oldest untrained sessions first, never the one saved', () => {
  assert.equal(MAX_SESSIONS, 20);
  const list = Array.from({ length: 20 }, (_, i) => entry(`s${i}`, 1000 + i, i % 3 === 0 ? 0 : 10));
  assert.deepEqual(overBound(list, 's0'), []);
  const more = [entry('new', 5000, 0), ...list];
  assert.deepEqual(overBound(more, 'new').map((e) => e.id), ['s0'], 'the oldest untrained');
  const trained = Array.from({ length: 22 }, (_, i) => entry(`t${i}`, 1000 + i, 5));
  assert.deepEqual(overBound(trained, 't0').map((e) => e.id), ['t1', 't2'], 'then the oldest, but not the one being saved');
  assert.deepEqual(overBound([entry('a', 1, 0), entry('b', 2, 3), entry('c', 3, 0)], 'c', 1).map((e) => e.id), ['a', 'b']);
});

test('ids differ between two sessions made at once; a summary holds no checkpoint, history or text', () => {
  assert.notEqual(newSessionId(1), newSessionId(1));
  const s = summaryOf('x', { kind: 'lm', version: 2, step: 3, savedAt: 9, textKey: 'k', state: { a: 1 }, checkpoint: new Uint8Array(4), history: {}, text: 't' });
  assert.deepEqual(s, { id: 'x', kind: 'lm', version: 2, step: 3, savedAt: 9, textKey: 'k', state: { a: 1 } });
});

test('a family finds its own sessions, newest first, the first page\'s under their old names too', () => {
  const list = [
    entry('a', 1, 5, 'lm'),
    { ...entry('b', 3, 7, 'charlm', { temp: 1.3 }), version: 1 },
    entry('c', 2, 1, 'seq2seq'),
  ];
  const mine = sessionsOf(list, lm);
  assert.deepEqual(mine.map((e) => e.id), ['b', 'a']);
  assert.equal(mine[0].state.temperature, 1.3, 'renamed');
  assert.equal(mine[1].state.cell, lm.fields.defaults().cell, 'defaults filled in');
  assert.deepEqual(sessionsOf(list, seq2seq).map((e) => e.id), ['c']);
});

test('the session of an experiment: same settings, and the same own text when it uses one', () => {
  const table = lm.fields;
  const state = { ...table.defaults(), hidden: 24 };
  const e = sessionsOf([entry('a', 1, 5, 'lm', { ...state, text: '' })], lm)[0];
  assert.ok(isExperiment(table, e, state));
  assert.ok(isExperiment(table, e, { ...state, temperature: 2 }), 'a sampling setting is not the experiment');
  assert.ok(!isExperiment(table, e, { ...state, hidden: 32 }));
  const own = { ...state, preset: 'custom', text: 'some text' };
  const ownEntry = { ...sessionsOf([entry('b', 1, 5, 'lm', { ...own, text: '' })], lm)[0], textKey: textKey('some text') };
  assert.ok(isExperiment(table, ownEntry, own, textKey('some text')));
  assert.ok(!isExperiment(table, ownEntry, { ...own, text: 'other text' }, textKey('other text')));
});

test('the Sessions menu names each session by its model and data, newest first', () => {
  const rows = describeSessions([
    entry('a', 1, 5, 'lm', { cell: 'gru', hidden: 48, layers: 2, preset: 'names' }),
    entry('b', 2, 0, 'lm', { cell: 'lstm', hidden: 128, preset: 'custom' }),
    entry('c', 3, 9, 'seq2seq', { task: 'reverse', encoder_cell: 'gru', decoder_cell: 'lstm', hidden: 64, attention: 'bahdanau' }),
    entry('d', 4, 9, 'transformer', {}),
  ], FAMILIES);
  assert.deepEqual(rows.map((r) => [r.id, r.family.id, r.name, r.step]), [
    ['c', 'seq2seq', 'Reverse · GRU→LSTM 64 · Bahdanau attention', 9],
    ['b', 'lm', 'LSTM 128 · your own text', 0],
    ['a', 'lm', 'GRU 48×2 · Names', 5],
  ]);
});
