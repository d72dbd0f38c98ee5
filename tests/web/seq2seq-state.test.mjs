// Unit tests of the link's mode field and the seq2seq state (web/shell/link.js, web/seq2seq/fields.js), the
// tasks as the catalogue gives them (web/seq2seq/tasks.js) and the pure helpers of the seq2seq views:
// node --test tests/web/
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { MAX_LINK_TEXT } from '../../web/shell/link-text.js';
import { parseValue } from '../../web/shell/link-values.js';
import { CATALOGUE } from '../../web/catalogue.js';
import { MODES, decodeHash } from '../../web/families.js';
import { defaultState } from '../../web/lm/fields.js';
import { encodeState } from '../../web/lm/family.js';
import { encodeSeq2SeqState } from '../../web/seq2seq/family.js';
import {
  S2S_FIELDS, S2S_VIEW_IDS, s2sDefaultState, s2sEngineConfig, s2sExperimentFields, s2sField, s2sSameExperiment,
} from '../../web/seq2seq/fields.js';
import { defaultInput, pairStats, solve, taskUses as usesIn } from '../../web/seq2seq/tasks.js';
import { diffRuns } from '../../web/seq2seq/views/examples-view.js';
import { byLength } from '../../web/seq2seq/views/length-view.js';

const roundTrip = async (s) => decodeHash('#' + (await encodeSeq2SeqState(s)).hash);
const TASKS = CATALOGUE.tasks('seq2seq');
const TASK_IDS = TASKS.map((t) => t.name);
const taskUses = (id, key) => usesIn(CATALOGUE, id, key);
// The char LM's default link as the first page wrote it (version 1: no mode, its own key names).
const V1_LM_DEFAULTS = 'v=1&preset=shakespeare&holdout=0.1&cell=lstm&hidden=128&layers=1&embed=0&seq=64&batch=16&optim=adam&lr=0.003&momentum=0.9&nesterov=0&weight_decay=0&lr_gamma=1&lr_every=1000&clip_norm=5&clip_value=0&reset_state=0&seed=1&temp=0.8&topk=0&greedy=0&slen=300&prime=&probe=&layer=0&unit=0&heat=h&logy=1&views=loss,samples,predict,states,gates,neuron,gradients';

function otherValue(f) {
  switch (f.type) {
    case 'int': return f.def === f.max ? f.min : Math.min(f.max, f.def + 1);
    case 'number': return f.def === f.max ? (f.min + f.max) / 2 : Math.min(f.max, f.def === 0 ? 0.25 : f.def / 2);
    case 'bool': return !f.def;
    case 'enum': return f.values.find((v) => v !== f.def && v !== 'pairs');
    case 'string': return 'olleh & #1 = 100% ünïcode';
    case 'list': return f.values.slice(1, 3);
    default: return f.def;
  }
}

test('a link without a mode field is a char-LM link, as before (no notices)', async () => {
  const hash = V1_LM_DEFAULTS;
  assert.ok(!/(^|&)mode=/.test(hash), 'the first page wrote char-LM links without a mode');
  const r = await decodeHash('#' + hash);
  assert.equal(r.mode, 'lm');
  assert.deepEqual(r.notices, []);
  assert.deepEqual(r.state, { ...defaultState(), lr: 0.003 }, 'the v1 defaults (its learning rate was 0.003)');
  assert.deepEqual(r.s2s, s2sDefaultState(), 'the seq2seq state keeps its defaults');
  // an explicit mode=charlm is accepted too
  const explicit = await decodeHash(`#v=1&mode=charlm&${hash.slice(4)}`);
  assert.equal(explicit.mode, 'lm');
  assert.deepEqual(explicit.notices, []);
  // links of version 2 name the family as the command line does
  const now = (await encodeState(defaultState())).hash;
  assert.ok(now.startsWith('v=2&mode=lm&preset=shakespeare&'), now.slice(0, 40));
  const back = await decodeHash('#' + now);
  assert.equal(back.mode, 'lm');
  assert.deepEqual(back.notices, []);
  assert.deepEqual(back.state, defaultState());
});

test('the seq2seq default state round-trips, with mode right after the version', async () => {
  const { hash, notices } = await encodeSeq2SeqState(s2sDefaultState());
  assert.ok(hash.startsWith('v=2&mode=seq2seq&task=reverse&'), hash.slice(0, 40));
  assert.deepEqual(notices, []);
  const r = await decodeHash('#' + hash);
  assert.equal(r.present, true);
  assert.equal(r.mode, 'seq2seq');
  assert.deepEqual(r.notices, []);
  assert.deepEqual(r.s2s, s2sDefaultState());
  assert.deepEqual(r.state, defaultState(), 'the char-LM state keeps its defaults');
  assert.deepEqual(MODES, ['lm', 'seq2seq', 'classify', 'lab']);
});

test('the seq2seq defaults are the reversal preset of the length comparison', () => {
  const s = s2sDefaultState();
  assert.equal(s.task, 'reverse');
  assert.equal(s.min_len, 3);
  assert.equal(s.max_len, 20);
  assert.equal(s.bidirectional, true);
  assert.equal(s.attention, 'bahdanau');
  assert.equal(s.hidden, 64);
  assert.equal(s.compare, false);
  assert.deepEqual(s.views, [...S2S_VIEW_IDS]);
});

test('every seq2seq field round-trips on its own', async () => {
  for (const f of S2S_FIELDS) {
    if (f.type === 'text') continue;
    const s = s2sDefaultState();
    s[f.key] = otherValue(f);
    assert.notDeepEqual(s[f.key], f.def, `test value for ${f.key} should differ from the default`);
    const r = await roundTrip(s);
    assert.deepEqual(r.notices, [], f.key);
    assert.deepEqual(r.s2s[f.key], s[f.key], f.key);
  }
});

test('all seq2seq fields changed at once, with your own pairs, round-trip', async () => {
  const s = s2sDefaultState();
  for (const f of S2S_FIELDS) if (f.type !== 'text') s[f.key] = otherValue(f);
  s.task = 'pairs';
  s.pairs = 'colour\tcolor\nflavour\tflavor\ncentre\tcenter\n';
  const { hash } = await encodeSeq2SeqState(s);
  assert.match(hash, /&pairs=\d+\.[A-Za-z0-9_-]+$/, 'the pairs travel compressed, last');
  const r = await decodeHash('#' + hash);
  assert.deepEqual(r.notices, []);
  assert.deepEqual(r.s2s, s);
});

test('the engine experiment has exactly the engine\'s keys', () => {
  const c = s2sEngineConfig(s2sDefaultState());
  // the engine's optimizer settings beyond the learning rate (momentum ... clip_value) are new in the catalogue
  assert.deepEqual(Object.keys(c).sort(), ['alphabet', 'attention', 'attn_size', 'batch', 'bidirectional', 'clip_norm', 'decoder_cell',
    'delay', 'embed', 'encoder_cell', 'held_fraction', 'held_size', 'hidden', 'layers', 'lr', 'max_len', 'min_len', 'optim',
    'sampling_rate', 'seed', 'task', 'train_size', 'momentum', 'nesterov', 'weight_decay', 'lr_gamma', 'lr_every', 'clip_value',
    'dropout', 'dropout_kind', 'norm', 'bias'].sort());
  assert.equal(c.bidirectional, true);
  assert.equal(typeof c.lr, 'number');
  assert.doesNotThrow(() => JSON.parse(JSON.stringify(c)));
});

test('a hand-edited seq2seq link: each bad value gets a notice and falls back alone', async () => {
  const { hash } = await encodeSeq2SeqState(s2sDefaultState());
  const edited = hash.replace('attention=bahdanau', 'attention=transformer').replace('beam=4', 'beam=17')
    .replace('hidden=64', 'hidden=0').replace('sampling_rate=0', 'sampling_rate=2').replace('views=curves', 'views=curves,pie')
    .replace('task=reverse', 'task=sort');
  const r = await decodeHash('#' + edited);
  const text = r.notices.join('\n');
  const d = s2sDefaultState();
  for (const key of ['attention', 'beam', 'hidden', 'sampling_rate']) {
    assert.match(text, new RegExp(`\\b${key}\\b`), `notice for ${key}`);
    assert.deepEqual(r.s2s[key], d[key], `${key} falls back to its default`);
  }
  assert.match(text, /'transformer' is not one of none, bahdanau, dot, general, concat/);
  assert.match(text, /views has unknown entry 'pie'/);
  assert.equal(r.s2s.task, 'sort', 'valid values beside bad ones are kept');
  assert.equal(r.mode, 'seq2seq');
});

test('settings of the other mode are ignored with a notice naming the mode', async () => {
  const r = await decodeHash('#v=1&mode=seq2seq&task=copy&cell=gru&preset=names&frobnicate=1');
  const text = r.notices.join('\n');
  assert.match(text, /ignored 'cell', 'preset' \(settings of the language-model mode; this link is for the seq2seq mode\)/);
  assert.match(text, /ignored the unknown setting 'frobnicate'/);
  assert.equal(r.s2s.task, 'copy');
  assert.equal(r.state.cell, 'lstm', 'the char-LM state is untouched');
  const lm = await decodeHash('#v=1&cell=gru&task=sort&attention=dot');
  assert.match(lm.notices.join('\n'), /ignored 'task', 'attention' \(settings of the seq2seq mode; this link is for the language-model mode\)/);
  assert.equal(lm.mode, 'lm');
  assert.equal(lm.state.cell, 'gru');
  assert.equal(lm.s2s.task, 'reverse');
});

test('shared names belong to the link\'s mode (hidden, seed, views, logy)', async () => {
  const r = await decodeHash('#mode=seq2seq&hidden=96&seed=7&views=attention&logy=0');
  assert.equal(r.s2s.hidden, 96);
  assert.equal(r.s2s.seed, 7);
  assert.deepEqual(r.s2s.views, ['attention']);
  assert.equal(r.s2s.logy, false);
  assert.equal(r.state.hidden, defaultState().hidden);
  assert.equal(r.state.seed, defaultState().seed);
});

test('a bad or empty mode falls back to the char LM with a notice', async () => {
  for (const [hash, pattern] of [['#v=1&mode=transformer&cell=gru', /mode 'transformer' is not one of lm, seq2seq/], ['#v=1&mode&cell=gru', /mode has no value/],
    ['#v=2&mode=transformer&cell=gru', /mode 'transformer' is not one of lm, seq2seq/]]) {
    const r = await decodeHash(hash);
    assert.equal(r.mode, 'lm');
    assert.match(r.notices.join('\n'), pattern);
    assert.equal(r.state.cell, 'gru');
  }
});

test('a truncated seq2seq link keeps its mode and the fields it still has', async () => {
  const s = s2sDefaultState();
  s.task = 'sort';
  s.hidden = 48;
  const { hash } = await encodeSeq2SeqState(s);
  const cut = hash.slice(0, hash.indexOf('&batch='));
  const r = await decodeHash('#' + cut);
  assert.equal(r.mode, 'seq2seq');
  assert.equal(r.s2s.task, 'sort');
  assert.equal(r.s2s.hidden, 48);
  assert.match(r.notices.join('\n'), /missing batch, optim, lr, .*cut short/);
  // a short hand-written link without a version works, with one notice
  const short = await decodeHash('#mode=seq2seq&task=add');
  assert.equal(short.s2s.task, 'add');
  assert.deepEqual(short.notices.length, 1);
  assert.match(short.notices[0], /no version/);
});

test('your pairs: beside another task they are ignored; without them the task falls back', async () => {
  const s = s2sDefaultState();
  s.task = 'pairs';
  s.pairs = 'a\tb\nc\td\n';
  const { hash } = await encodeSeq2SeqState(s);
  const other = await decodeHash('#' + hash.replace('task=pairs', 'task=dates'));
  assert.equal(other.s2s.task, 'dates');
  assert.match(other.notices.join('\n'), /ignored the pairs because the task is 'dates'/);
  const none = await decodeHash('#' + hash.slice(0, hash.indexOf('&pairs=')));
  assert.equal(none.s2s.task, 'reverse');
  assert.equal(none.missingText, true);
  assert.match(none.notices.join('\n'), /asks for your own pairs but does not carry them; using the reverse task instead/);
  const damaged = await decodeHash('#' + hash.slice(0, -3));
  assert.equal(damaged.s2s.task, 'reverse');
  assert.match(damaged.notices.join('\n'), /the pairs .*(damaged|cut short)/);
});

test('pairs too large for a link are left out with a notice, and the link says so when read', async () => {
  let x = 7;
  let pairs = '';
  while (pairs.length < MAX_LINK_TEXT * 1.5) {
    x = (Math.imul(x, 1103515245) + 12345) & 0x7fffffff;
    pairs += `${String.fromCharCode(0x4e00 + (x % 3000))}${x % 977}\t${String.fromCharCode(0x4e00 + ((x >> 8) % 3000))}\n`;
  }
  const s = s2sDefaultState();
  s.task = 'pairs';
  s.pairs = pairs;
  const { hash, notices } = await encodeSeq2SeqState(s);
  assert.ok(!hash.includes('pairs='));
  assert.match(notices.join('\n'), /pairs are too large for a link .* stay in this browser/);
  const r = await decodeHash('#' + hash);
  assert.equal(r.missingText, true, 'the page then looks for the pairs in its storage');
});

test('s2sSameExperiment: views, input, beam and the comparison do not change the experiment', () => {
  const a = s2sDefaultState();
  assert.equal(s2sSameExperiment(a, { ...a, views: ['beam'], input: 'abc', beam: 9, alpha: 0.5, compare: true, logy: false }), true);
  assert.equal(s2sSameExperiment(a, { ...a, seed: 2 }), false);
  assert.equal(s2sSameExperiment(a, { ...a, attention: 'none' }), false);
  assert.equal(s2sSameExperiment(a, { ...a, pairs: 'x\ty' }), true, 'pairs only count for the pairs task');
  const p = { ...a, task: 'pairs', pairs: 'a\tb' };
  assert.equal(s2sSameExperiment(p, { ...p, pairs: 'a\tc' }), false);
  assert.deepEqual(Object.keys(s2sExperimentFields(a)).sort(), Object.keys(s2sEngineConfig(a)).sort());
});

test('seq2seq field validation for controls', () => {
  assert.equal(parseValue(s2sField('beam'), '16').value, 16);
  assert.equal(parseValue(s2sField('beam'), '0').value, 0, 'width 0: greedy decoding only');
  assert.match(parseValue(s2sField('beam'), '-1').error, /out of range/);
  assert.match(parseValue(s2sField('beam'), '17').error, /out of range/);
  assert.match(parseValue(s2sField('alpha'), '2.5').error, /at most 2/);
  assert.match(parseValue(s2sField('held_fraction'), '0').error, /above 0/);
  assert.match(parseValue(s2sField('layers'), '5').error, /at most 4/);
  assert.match(parseValue(s2sField('input'), 'x'.repeat(256)).error, /longer than 255/);
  assert.equal(parseValue(s2sField('input'), '').value, '');
  assert.deepEqual(parseValue(s2sField('views'), 'examples,curves').value, ['curves', 'examples']);
});

test('garbage never throws and leaves a valid seq2seq state', async () => {
  const garbage = ['#mode=seq2seq&%%%', '#mode=seq2seq&task=pairs&pairs=!!!', '#mode=seq2seq&input=%ED%A0%80',
    '#mode=seq2seq&beam=1e3&alpha=NaN', '#mode=seq2seq&' + 'views=,,,'.repeat(50), '#mode=seq2seq&mode=charlm'];
  for (const g of garbage) {
    const r = await decodeHash(g);
    for (const f of S2S_FIELDS) {
      if (f.type === 'text') continue;
      const v = r.s2s[f.key];
      const back = parseValue(f, f.type === 'list' ? v.join(',') : f.type === 'bool' ? (v ? '1' : '0') : String(v));
      assert.equal(back.error, undefined, `${g.slice(0, 40)}: ${f.key}=${v}`);
    }
  }
});

test('the task catalog matches the link table and the engine\'s names', () => {
  assert.deepEqual(TASK_IDS, ['reverse', 'sort', 'copy', 'add', 'dates', 'translate', 'pairs']);
  assert.deepEqual(s2sField('task').values, TASK_IDS);
  for (const t of TASKS) {
    assert.ok(t.blurb.length > 40, t.name);
    assert.equal(t.example.length, 2, t.name);
    for (const p of t.params) assert.ok(s2sField(p), `${t.name} reads ${p}`);
  }
  assert.equal(taskUses('copy', 'delay'), true);
  assert.equal(taskUses('reverse', 'delay'), false);
  assert.equal(taskUses('pairs', 'held_fraction'), true);
});

test('default inputs fit the task settings, and the page knows the right answers it can work out', () => {
  const s = s2sDefaultState();
  for (const alphabet of [2, 3, 10, 26]) {
    const input = defaultInput({ ...s, alphabet }, null);
    assert.ok(input.length >= s.min_len && input.length <= s.max_len, input);
    assert.ok([...input].every((c) => 'abcdefghijklmnopqrstuvwxyz'.slice(0, alphabet).includes(c)), `${alphabet}: ${input}`);
  }
  assert.equal(defaultInput({ ...s, min_len: 3, max_len: 5 }, null).length, 5);
  assert.match(defaultInput({ ...s, task: 'add', min_len: 1, max_len: 2 }, null), /^\d{1,2}\+\d{1,2}$/);
  assert.equal(defaultInput({ ...s, task: 'pairs' }, [{ source: 'colour', target: 'color' }]), 'colour');
  assert.equal(solve(s, 'abc'), 'cba');
  assert.equal(solve({ ...s, task: 'sort' }, 'cab'), 'abc');
  assert.equal(solve({ ...s, task: 'copy', delay: 2 }, 'ab'), '__ab');
  assert.equal(solve({ ...s, task: 'add' }, '999+1'), '1000');
  assert.equal(solve({ ...s, task: 'add' }, '99999999999999999999+1'), '100000000000000000000');
  assert.equal(solve({ ...s, task: 'add' }, '1+'), null);
  assert.equal(solve({ ...s, task: 'dates' }, '3 May 1999'), null);
  // (the copy task's longer targets are the engine's estimate now: tests/wasm/catalogue.test.mjs)
});

test('pairStats counts pairs and names the first bad line', () => {
  const s = pairStats('a\tb\r\n\nc\td\nno tab\ne\tf\tg\n');
  assert.equal(s.pairs, 2);
  assert.equal(s.bad, 2);
  assert.equal(s.firstBad, 4);
  assert.equal(s.firstProblem, 'expected exactly one tab between source and target, found 0');
  assert.equal(pairStats('a\tb\nc\t\n').firstProblem, 'empty target', 'an empty target is not called a missing tab');
  assert.equal(pairStats('\tb\n').firstProblem, 'empty source');
  assert.equal(pairStats('😀\tab\n').meanSource, 1);
  assert.equal(pairStats('').pairs, 0);
});

test('prediction diff: wrong, extra and missing characters by position', () => {
  assert.deepEqual(diffRuns('abc', 'abc'), [['abc', 'ok']]);
  assert.deepEqual(diffRuns('abd', 'abc'), [['ab', 'ok'], ['d', 'bad']]);
  assert.deepEqual(diffRuns('a', 'abc'), [['a', 'ok'], ['\u00a0\u00a0', 'missing']]);
  assert.deepEqual(diffRuns('abcd', 'abc'), [['abc', 'ok'], ['d', 'bad']]);
  assert.deepEqual(diffRuns('😀x', '😀y'), [['😀', 'ok'], ['x', 'bad']]);
  assert.deepEqual(diffRuns('<b>', '<b>'), [['<b>', 'ok']], 'text stays text');
});

test('accuracy by length buckets', () => {
  const b = byLength([{ sourceLen: 5, exact: true }, { sourceLen: 3, exact: false }, { sourceLen: 5, exact: false }, { sourceLen: 3, exact: true }, { sourceLen: 3, exact: true }]);
  assert.deepEqual(b, [{ length: 3, right: 2, count: 3 }, { length: 5, right: 1, count: 2 }]);
});

test('a link whose shortest input is longer than its longest gets them swapped, with a notice', async () => {
  const r = await decodeHash('#v=2&mode=seq2seq&min_len=9&max_len=4');
  assert.equal(r.s2s.min_len, 4);
  assert.equal(r.s2s.max_len, 9);
  assert.match(r.notices.join('\n'), /min_len was above max_len; swapped them \(4 to 9\)/);
});
