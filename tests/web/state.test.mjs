// Unit tests of the URL state codec (web/shell/link*.js with the char LM's table, web/lm/fields.js):
// node --test tests/web/
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { FIELDS, VIEW_IDS, defaultState, engineConfig, field, sameExperiment } from '../../web/lm/fields.js';
import { encodeState } from '../../web/lm/family.js';
import { decodeHash } from '../../web/families.js';
import { LINK_VERSION } from '../../web/shell/link.js';
import { MAX_LINK_TEXT, compressText, decompressText } from '../../web/shell/link-text.js';
import { countChars, parseValue } from '../../web/shell/link-values.js';
import { fromBase64Url, toBase64Url } from '../../web/shell/base64url.js';

const roundTrip = async (state) => decodeHash('#' + (await encodeState(state)).hash);

// A value for every field that differs from its default and is valid.
function otherValue(f) {
  switch (f.type) {
    case 'int': return f.def === f.max ? f.min : Math.min(f.max, f.def + 1);
    case 'number': return f.def === f.max ? (f.min + f.max) / 2 : Math.min(f.max, f.def === 0 ? 0.25 : f.def / 2);
    case 'bool': return !f.def;
    case 'enum': return f.values.find((v) => v !== f.def);
    case 'string': return 'Hello, wörld & #1 = 100%';
    case 'list': return f.values.slice(1, 3);
    default: return f.def;
  }
}

test('defaults decode from an empty hash, with no notices', async () => {
  for (const h of ['', '#', '  ']) {
    const r = await decodeHash(h);
    assert.equal(r.present, false);
    assert.deepEqual(r.state, defaultState());
    assert.deepEqual(r.notices, []);
  }
});

test('the default state round-trips and starts with the version field', async () => {
  const { hash, notices } = await encodeState(defaultState());
  assert.ok(hash.startsWith(`v=${LINK_VERSION}&`));
  assert.deepEqual(notices, []);
  const r = await decodeHash('#' + hash);
  assert.equal(r.present, true);
  assert.deepEqual(r.notices, []);
  assert.deepEqual(r.state, defaultState());
});

test('every field round-trips on its own', async () => {
  // an inspected layer or unit must exist in the model (the table's checks): give the model room for it
  const ROOM = { layer: { layers: field('layers').max }, unit: { hidden: field('hidden').max } };
  for (const f of FIELDS) {
    if (f.type === 'text') continue;
    const s = { ...defaultState(), ...ROOM[f.key] };
    s[f.key] = otherValue(f);
    assert.notDeepEqual(s[f.key], f.def, `test value for ${f.key} should differ from the default`);
    const r = await roundTrip(s);
    assert.deepEqual(r.notices, [], `${f.key}`);
    assert.deepEqual(r.state[f.key], s[f.key], `${f.key}`);
  }
});

test('all fields changed at once round-trip', async () => {
  const s = defaultState();
  for (const f of FIELDS) if (f.type !== 'text') s[f.key] = otherValue(f);
  s.preset = 'custom';
  s.text = 'abc abc abd\n';
  const r = await roundTrip(s);
  assert.deepEqual(r.notices, []);
  assert.deepEqual(r.state, s);
});

test('numbers keep full precision, including exponents', async () => {
  for (const lr of [0.002, 1e-7, 0.1 + 0.2, 3.0000000000000004, 10]) {
    const s = defaultState();
    s.lr = lr;
    assert.equal((await roundTrip(s)).state.lr, lr);
  }
  const s = defaultState();
  s.seed = 4294967295;
  assert.equal((await roundTrip(s)).state.seed, 4294967295);
});

test('engine config has exactly the engine fields', () => {
  const c = engineConfig(defaultState());
  assert.deepEqual(Object.keys(c).sort(), ['batch', 'bias', 'cell', 'clip_norm', 'clip_value', 'dropout', 'dropout_kind',
    'embed', 'hidden', 'layers', 'lr', 'lr_every', 'lr_gamma', 'momentum', 'nesterov', 'norm', 'optim', 'reset_state',
    'seed', 'seq', 'weight_decay']);
  assert.equal(c.cell, 'lstm');
});

test('a hand-edited link: each bad value gets a notice naming it and falls back alone', async () => {
  const { hash } = await encodeState(defaultState());
  const edited = hash.replace('hidden=128', 'hidden=abc').replace('cell=lstm', 'cell=transformer')
    .replace('layers=1', 'layers=9').replace(`lr=${field('lr').def}`, 'lr=0').replace('greedy=0', 'greedy=maybe')
    .replace('seed=1', 'seed=-3');
  const s = defaultState();
  const r = await decodeHash('#' + edited + '&batch=8');
  const text = r.notices.join('\n');
  for (const key of ['hidden', 'cell', 'layers', 'lr', 'greedy', 'seed']) {
    assert.match(text, new RegExp(`\\b${key}\\b`), `notice for ${key}`);
    assert.deepEqual(r.state[key], s[key], `${key} falls back to its default`);
  }
  assert.match(text, /'abc' is not a whole number/);
  assert.match(text, /'transformer' is not one of/);
  assert.match(text, /'9' is out of range/);
  assert.equal(r.state.batch, 8, 'valid values beside bad ones are kept');
  assert.match(text, /batch' appears more than once/);
});

test('a link of many bad keys gives one notice per kind of problem', async () => {
  const junk = Array.from({ length: 5000 }, (_, i) => `junk${i}=1`).join('&');
  const bad = Array.from({ length: 300 }, (_, i) => `bad${i}=%E0%A4%A`).join('&');
  const r = await decodeHash(`#v=2&mode=lm&${junk}&${bad}&cell=gru&cell=rnn_tanh`);
  assert.ok(r.notices.length <= 4, r.notices.join('\n'));
  assert.match(r.notices.join('\n'), /ignored 5,000 unknown settings: 'junk0', 'junk1', .* and 4,992 more\./);
  assert.match(r.notices.join('\n'), /malformed %-escapes in 'bad0', .* and 292 more; using the defaults/);
  assert.match(r.notices.join('\n'), /'cell' appears more than once; using the last/);
  assert.equal(r.state.cell, 'rnn_tanh');
});

test('settings that must agree are put right with a notice: an inspected unit or layer outside the model', async () => {
  const r = await decodeHash('#v=1&hidden=32&unit=100&layers=2&layer=3');
  assert.equal(r.state.unit, 0);
  assert.equal(r.state.layer, 0);
  assert.match(r.notices.join('\n'), /unit 100 is beyond the model's 32 hidden units; using 0/);
  assert.match(r.notices.join('\n'), /layer 3 is beyond the model's 2 layers; using 0/);
});

test('a custom text that says it is longer than the page can train on is refused before it is unpacked', async () => {
  const r = await decompressText(`60000000.${'A'.repeat(40)}`);
  assert.equal(r.error, 'says it has 60,000,000 characters; the page trains on at most 16,777,216');
});

test('unknown fields, missing values and bad escapes are noticed', async () => {
  const r = await decodeHash('#v=1&cell=gru&frobnicate=2&hidden&prime=%E0%A4%A');
  const text = r.notices.join('\n');
  assert.match(text, /unknown setting 'frobnicate'/);
  assert.match(text, /'hidden' has no value/);
  assert.match(text, /malformed %-escapes in 'prime'/);
  assert.equal(r.state.cell, 'gru');
  assert.equal(r.state.hidden, field('hidden').def);
});

test('a short hand-written link without a version works, with a version notice', async () => {
  const r = await decodeHash('#cell=gru&hidden=64');
  assert.equal(r.state.cell, 'gru');
  assert.equal(r.state.hidden, 64);
  assert.equal(r.notices.length, 1);
  assert.match(r.notices[0], /no version/);
});

test('version field: newer and garbage versions are read with a notice', async () => {
  const newer = await decodeHash(`#v=${LINK_VERSION + 1}&cell=gru`);
  assert.match(newer.notices.join('\n'), /newer version/);
  assert.equal(newer.state.cell, 'gru');
  const junk = await decodeHash('#v=banana&cell=gru');
  assert.match(junk.notices.join('\n'), /unknown version 'banana'/);
  assert.equal(junk.state.cell, 'gru');
});

test('a truncated link keeps the fields it still has and names the missing ones', async () => {
  const { hash } = await encodeState(defaultState());
  const cut = hash.slice(0, hash.indexOf('&optim='));
  const s = defaultState();
  s.hidden = 77;
  const r = await decodeHash('#' + cut.replace('hidden=128', 'hidden=77'));
  assert.equal(r.state.hidden, 77);
  assert.match(r.notices.join('\n'), /missing optim, lr, .*cut short/);
  assert.deepEqual({ ...r.state, hidden: 128 }, defaultState());
});

test('a link cut in the middle of a value is noticed', async () => {
  const { hash } = await encodeState(defaultState());
  const cut = hash.slice(0, hash.indexOf('&lr=') + 6);  // "lr=0." (still a number) ...
  const r = await decodeHash('#' + cut);
  assert.ok(r.notices.length > 0);
  const r2 = await decodeHash('#' + hash.slice(0, hash.indexOf('&views=') + 13));  // views=loss,s
  assert.match(r2.notices.join('\n'), /views has unknown entry 's'/);
  assert.deepEqual(r2.state.views, ['loss']);
});

test('garbage never throws and always yields a complete valid state', async () => {
  const garbage = ['#%%%', '#&&&', '#=', '#v=1&=3', '#\u0000\u0001', '#v=1&text=..', '#preset=custom&text=!!!',
    '#a'.repeat(5000), '#views=' + ',,,'.repeat(100), '#hidden=1e3', '#hidden=0x10', '#lr=NaN', '#lr=Infinity',
    '#temp=-0', '#prime=' + 'x'.repeat(1001), '#prime=%ED%A0%80', '#unit=99999999999999999999'];
  const keys = Object.keys(defaultState()).sort();
  for (const g of garbage) {
    const r = await decodeHash(g);
    assert.deepEqual(Object.keys(r.state).sort(), keys, g.slice(0, 40));
    for (const f of FIELDS) {
      if (f.type === 'text') continue;
      const v = r.state[f.key];
      const back = parseValue(f, f.type === 'list' ? v.join(',') : f.type === 'bool' ? (v ? '1' : '0') : String(v));
      assert.equal(back.error, undefined, `${g.slice(0, 40)}: ${f.key}=${v}`);
    }
  }
  const lone = await decodeHash('#prime=%ED%A0%80');
  assert.match(lone.notices.join('\n'), /prime/);
});

test('field validation messages for controls', () => {
  assert.equal(parseValue(field('hidden'), '64').value, 64);
  assert.match(parseValue(field('hidden'), '0').error, /out of range.*at least 1 and at most 2048/);
  assert.match(parseValue(field('lr'), '0').error, /above 0/);
  assert.equal(parseValue(field('lr'), '1e-3').value, 0.001);
  assert.match(parseValue(field('lr'), '1e999').error, /finite/);
  assert.equal(parseValue(field('nesterov'), 'true').value, true);
  assert.deepEqual(parseValue(field('views'), 'gates,loss,loss').value, ['loss', 'gates']);
  assert.deepEqual(parseValue(field('views'), '').value, []);
  assert.match(parseValue(field('prime'), 'x'.repeat(1001)).error, /longer than 1000/);
});

test("'-0' in a link reads as 0, so the decoded state is the one its link decodes to again", async () => {
  for (const key of ['top_k', 'weight_decay', 'embed']) {
    const v = parseValue(field(key), '-0').value;
    assert.ok(Object.is(v, 0), `${key}: ${Object.is(v, -0) ? '-0' : v}`);
  }
  const r = await decodeHash('#v=2&top_k=-0&weight_decay=-0.0');
  assert.ok(Object.is(r.state.top_k, 0) && Object.is(r.state.weight_decay, 0));
  assert.deepEqual((await roundTrip(r.state)).state, r.state);
});

test('custom text: compression round trip with odd Unicode', async () => {
  const texts = [
    'plain ascii\n',
    'emoji 😀🚀👩‍👩‍👧‍👦 and flags 🇩🇪🇯🇵\n',
    'combining marks: e\u0301 a\u0308 n\u0303 \u1e9b\u0323 Z\u0351\u0352\u0353\n',
    'RTL: עברית ועוד, العربية والمزيد \u202Emixed\u202C\n',
    'CJK 漢字かなカナ 한국어, math 𝔸𝕓𝒸 ∑∫√, zero-width \u200B\u200D, BOM \uFEFF, NUL \u0000 end',
    'x',
  ];
  for (const text of texts) {
    const s = defaultState();
    s.preset = 'custom';
    s.text = text;
    const r = await roundTrip(s);
    assert.deepEqual(r.notices, [], JSON.stringify(text));
    assert.equal(r.state.preset, 'custom');
    assert.equal(r.state.text, text);
  }
});

test('custom text value format: characters, dot, base64url', async () => {
  const v = await compressText('héllo 😀');
  assert.match(v, /^7\.[A-Za-z0-9_-]+$/);
  assert.equal((await decompressText(v)).text, 'héllo 😀');
  assert.equal(countChars('😀é'), 2);
});

test('a custom text whose stated length differs says whether it is short or edited', async () => {
  const v = await compressText('x'.repeat(1350));
  const body = v.slice(v.indexOf('.'));
  assert.equal((await decompressText(`5${body}`)).error, 'was edited: it unpacks to more than the 5 characters it says it has');
  assert.equal((await decompressText(`1000${body}`)).error, 'was edited: it holds 1,350 characters but says it has 1,000');
  assert.equal((await decompressText(`2000${body}`)).error, 'is cut short (1,350 of its 2,000 characters)');
});

test('base64url encodes every length and rejects foreign characters', () => {
  for (let n = 0; n < 40; n++) {
    const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 97 + n) & 255);
    const s = toBase64Url(bytes);
    assert.match(s, /^[A-Za-z0-9_-]*$/);
    assert.deepEqual(fromBase64Url(s), bytes);
  }
  assert.equal(fromBase64Url('ab+c'), null);
  assert.equal(fromBase64Url('abcde'), null);
});

test('a damaged or truncated custom text falls back to the default preset with a notice', async () => {
  const s = defaultState();
  s.preset = 'custom';
  s.text = 'The quick brown fox jumps over the lazy dog. '.repeat(40);
  const { hash } = await encodeState(s);
  const def = field('preset').def;
  for (const cut of [1, 3, 10, Math.floor((hash.length - hash.indexOf('text=')) / 2)]) {
    const r = await decodeHash('#' + hash.slice(0, hash.length - cut));
    assert.equal(r.state.preset, def, `cut ${cut}`);
    assert.match(r.notices.join('\n'), /custom text .*(damaged|cut short)/, `cut ${cut}`);
    assert.equal(r.state.cell, 'lstm', 'the settings before the text survive');
  }
  const wrongCount = hash.replace(/text=(\d+)\./, (m, n) => `text=${Number(n) + 1}.`);
  assert.match((await decodeHash('#' + wrongCount)).notices.join('\n'), /cut short/);
  const noText = await decodeHash('#' + hash.slice(0, hash.indexOf('&text=')));
  assert.match(noText.notices.join('\n'), /does not carry one/);
  assert.equal(noText.state.preset, def);
  const bad = await decodeHash('#v=1&preset=custom&text=12.%%%');
  assert.equal(bad.state.preset, def);
  assert.ok(bad.notices.length > 0);
});

test('a text beside a preset is ignored with a notice', async () => {
  const v = await compressText('abc');
  const r = await decodeHash(`#v=1&preset=names&text=${v}`);
  assert.equal(r.state.preset, 'names');
  assert.match(r.notices.join('\n'), /ignored the custom text/);
});

test('size limit: a text too large for a link is left out, with a notice', async () => {
  // Incompressible-ish text so the compressed form exceeds the limit.
  let x = 12345;
  let big = '';
  for (let i = 0; i < MAX_LINK_TEXT * 1.2; i++) {
    x = (Math.imul(x, 1103515245) + 12345) & 0x7fffffff;
    big += String.fromCharCode(0x4e00 + (x % 5000));
  }
  const s = defaultState();
  s.preset = 'custom';
  s.text = big;
  const { hash, notices } = await encodeState(s);
  assert.ok(!hash.includes('text='));
  assert.match(notices.join('\n'), /too large for a link/);
  const r = await decodeHash('#' + hash);
  assert.equal(r.state.preset, field('preset').def);
  assert.equal(r.missingText, true, 'the page can then look for the text in its storage');
  // A large but repetitive text compresses well and fits.
  s.text = 'to be or not to be, '.repeat(5000);
  const small = await encodeState(s);
  assert.deepEqual(small.notices, []);
  assert.equal((await decodeHash('#' + small.hash)).state.text, s.text);
  // An absurdly long text field is refused without unpacking.
  const huge = await decodeHash('#v=1&preset=custom&text=5.' + 'A'.repeat(MAX_LINK_TEXT * 5));
  assert.match(huge.notices.join('\n'), /too long/);
});

test('a decompression bomb is refused', async () => {
  // 64 MiB of zeros compresses to ~64 KB of deflate; the codec must stop unpacking at its limit.
  const zeros = new Uint8Array(1 << 20);
  const cs = new CompressionStream('deflate-raw');
  const w = cs.writable.getWriter();
  (async () => { for (let i = 0; i < 80; i++) await w.write(zeros); await w.close(); })();
  const chunks = [];
  for await (const c of cs.readable) chunks.push(c);
  const packed = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let o = 0;
  for (const c of chunks) { packed.set(c, o); o += c.length; }
  const r = await decompressText('1.' + toBase64Url(packed));
  assert.ok(r.error);
});

test('sameExperiment ignores view and sampling fields', () => {
  const a = defaultState();
  const b = { ...defaultState(), temperature: 1.5, views: ['loss'], unit: 5 };
  assert.equal(sameExperiment(a, b), true);
  assert.equal(sameExperiment(a, { ...a, seed: 2 }), false);
  assert.equal(sameExperiment({ ...a, preset: 'custom', text: 'x' }, { ...a, preset: 'custom', text: 'y' }), false);
});

test('the views list round-trips as a subset, in canonical order', async () => {
  const s = defaultState();
  s.views = [];
  assert.deepEqual((await roundTrip(s)).state.views, []);
  s.views = [VIEW_IDS[3], VIEW_IDS[0]].sort((x, y) => VIEW_IDS.indexOf(x) - VIEW_IDS.indexOf(y));
  assert.deepEqual((await roundTrip(s)).state.views, s.views);
});
