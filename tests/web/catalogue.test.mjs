// The page builds from the engine's catalogue (web/engine/catalogue.json through web/catalogue.js): a
// catalogue with one more cell reaches the link codec, the cell menus and the probe's heat sources with no
// other edit; menus carry the catalogue's labels; settings only some optimizers read show only for them;
// the lessons registry is well formed.  node --test tests/web/
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { CATALOGUE } from '../../web/catalogue.js';
import { Catalogue } from '../../web/shell/catalogue.js';
import { FAMILIES, createFamilies, decodeHash } from '../../web/families.js';
import { LESSONS } from '../../web/lessons.js';
import { decodeLink, encodeLink } from '../../web/shell/link.js';
import { lmControlSpec } from '../../web/lm/controls.js';
import { seq2seqControlSpec } from '../../web/seq2seq/controls.js';
import { ProbeData } from '../../web/lm/probe-data.js';

// The engine's catalogue with a minimal gated unit added to the cells and to every cell field's choices.
function withMgu() {
  const json = structuredClone(CATALOGUE.json);
  json.cells.push({
    name: 'mgu', label: 'MGU', summary: 'minimal gated unit', blocks: 2,
    gates: [{ letter: 'f', label: 'forget gate', squash: 'sigmoid' }, { letter: 'n', label: 'candidate', squash: 'tanh' }],
    cellState: false, separateRecurrent: true, extras: [], pytorch: null,
  });
  for (const family of json.families)
    for (const field of family.fields) if (field.type === 'choice' && field.choices.includes('lstm')) field.choices.push('mgu');
  return new Catalogue(json);
}

const option = (spec, key, value) => spec.find((s) => s.key === key).options.find(([v]) => v === value);

test('a cell added to the catalogue reaches the link codec, the cell menus and the heat sources', async () => {
  const catalogue = withMgu();
  const [lm, seq2seq] = createFamilies(catalogue);
  // the link: written and read back, in both families
  const state = { ...lm.fields.defaults(), cell: 'mgu', heat: 'n' };
  const { hash } = await encodeLink(lm, state);
  assert.match(hash, /&cell=mgu&/);
  const back = await decodeHash(`#${hash}`, [lm, seq2seq]);
  assert.deepEqual(back.notices, []);
  assert.equal(back.state.cell, 'mgu');
  assert.equal(back.state.heat, 'n');
  const s2s = await decodeLink('#v=2&mode=seq2seq&encoder_cell=mgu&decoder_cell=mgu', [lm, seq2seq], { partial: true });
  assert.deepEqual(s2s.notices, []);
  assert.equal(s2s.states.seq2seq.encoder_cell, 'mgu');
  // the page's own catalogue does not know it
  const refused = await decodeHash('#v=2&mode=lm&cell=mgu');
  assert.match(refused.notices.join('\n'), /cell 'mgu' is not one of/);
  // the menus, with the catalogue's label
  assert.deepEqual(option(lmControlSpec(lm), 'cell', 'mgu'), ['mgu', 'MGU']);
  assert.deepEqual(option(seq2seqControlSpec(seq2seq), 'encoder_cell', 'mgu'), ['mgu', 'MGU']);
  assert.deepEqual(option(seq2seqControlSpec(seq2seq), 'decoder_cell', 'mgu'), ['mgu', 'MGU']);
  // the probe views' sources: h, no cell state, then its gates with their labels and ranges
  assert.deepEqual(catalogue.sources('mgu').map((s) => [s.value, s.label]), [['h', 'hidden state h'], ['f', 'forget gate f'], ['n', 'candidate n']]);
  const T = 2, H = 3, G = 2;
  const reply = { probe: { steps: T, layers: 1, hidden: H, gates: G, hiddenStates: new Float32Array(T * H).fill(0.5), cellStates: new Float32Array(0), gateValues: new Float32Array(T * G * H).fill(0.25), charLoss: new Float32Array(T) } };
  const probe = new ProbeData(reply, ['a', 'b'], catalogue, 'mgu', 8);
  assert.deepEqual(probe.gateList, ['f', 'n']);
  assert.equal(probe.has('c'), false);
  assert.equal(probe.label('f'), 'forget gate f');
  assert.deepEqual([probe.scale('f', 0).lo, probe.scale('f', 0).hi], [0, 1], 'a sigmoid gate is drawn on [0, 1]');
  assert.deepEqual([probe.scale('n', 0).lo, probe.scale('n', 0).hi], [-1, 1], 'a tanh candidate on [-1, 1]');
});

test('the page\'s tables are the catalogue\'s fields, page defaults where the engine gives them', () => {
  const [lm, seq2seq] = FAMILIES;
  for (const family of FAMILIES) {
    for (const entry of CATALOGUE.fields(family.id)) {
      const f = family.fields.field(entry.name);
      assert.ok(f && f.engine, `${family.id}.${entry.name} is in the link table`);
      assert.equal(f.label, entry.label);
      assert.deepEqual(f.def, 'pageDefault' in entry ? entry.pageDefault : entry.default, `${family.id}.${entry.name}`);
      assert.equal(f.engineDefault, entry.default);
      assert.equal(f.flag, entry.flag);
      if (entry.type === 'choice') assert.deepEqual(f.values, entry.choices);
    }
  }
  assert.deepEqual([lm.fields.field('temperature').min, lm.fields.field('temperature').max], [0.01, 10]);
  assert.deepEqual([lm.fields.field('sample_len').min, lm.fields.field('sample_len').max], [1, 100000]);
  assert.equal(lm.fields.field('prime').maxLength, 1000);
  assert.deepEqual([seq2seq.fields.field('beam').min, seq2seq.fields.field('beam').max], [0, 16]);
  assert.equal(lm.label, CATALOGUE.family('lm').label);
});

test('menus carry the catalogue\'s labels, and settings only some optimizers read show only for them', () => {
  const [lm, seq2seq] = FAMILIES;
  const spec = lmControlSpec(lm);
  assert.deepEqual(spec.find((s) => s.key === 'cell').options, CATALOGUE.cells.map((c) => [c.name, c.label]));
  assert.deepEqual(spec.find((s) => s.key === 'optim').options, CATALOGUE.optimizers.map((o) => [o.name, o.label]));
  assert.deepEqual(spec.find((s) => s.key === 'layers').options.map(([v]) => v), ['1', '2', '3', '4']);
  assert.equal(spec.find((s) => s.key === 'hidden').label, 'hidden size');
  const momentum = spec.find((s) => s.key === 'momentum');
  assert.equal(momentum.showIf({ optim: 'momentum' }), true);
  assert.equal(momentum.showIf({ optim: 'adam' }), false);
  assert.equal(spec.find((s) => s.key === 'lr').showIf, undefined, 'every optimizer reads the learning rate');
  const s2s = seq2seqControlSpec(seq2seq);
  assert.deepEqual(s2s.find((s) => s.key === 'attention').options, CATALOGUE.attention.map((a) => [a.name, a.label]));
  assert.ok(!s2s.some((s) => s.key === 'task'), 'the task has its own panel');
  assert.equal(s2s.find((s) => s.key === 'delay').showIf({ task: 'copy' }), true);
  assert.equal(s2s.find((s) => s.key === 'delay').showIf({ task: 'reverse' }), false);
});

test('every lesson is well formed and its link opens without notices', async () => {
  assert.ok(LESSONS.length >= 1);
  assert.equal(new Set(LESSONS.map((l) => l.id)).size, LESSONS.length, 'ids are unique');
  for (const l of LESSONS) {
    assert.match(l.id, /^[a-z0-9-]+$/, l.id);
    assert.ok(l.title && l.title.length <= 60, l.id);
    assert.equal(l.caption.length, 2, `${l.id}: two lines`);
    for (const line of l.caption) assert.ok(line.length <= 140, `${l.id}: a short line`);
    // a family with nothing to train (the lab) has lessons that are their link alone
    const trains = FAMILIES.find((f) => f.id === l.family).trains !== false;
    assert.ok(Number.isInteger(l.steps) && (trains ? l.steps > 0 : l.steps === 0), l.id);
    assert.match(l.link, /^v=2&mode=[a-z0-9]+&/, `${l.id}: a version-2 link that names its family`);
    const r = await decodeLink(l.link, FAMILIES, { partial: true });
    assert.deepEqual(r.notices, [], l.id);
    assert.equal(r.mode, l.family);
  }
  const first = LESSONS.find((l) => l.id === 'shakespeare-lstm');
  const r = await decodeLink(first.link, FAMILIES, { partial: true });
  assert.equal(r.states.lm.preset, 'shakespeare');
  assert.equal(r.states.lm.cell, 'lstm');
});
