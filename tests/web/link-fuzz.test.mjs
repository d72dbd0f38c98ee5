// A fuzzer for the link codec (web/shell/link.js with every family's field table): random and mutated hashes,
// seeded so that a failure names an input that reproduces it. For every input, decodeLink
//   never throws; leaves every field of every family's state within its table's bounds (and the own text at
//   most 16M characters); gives at most one notice per kind of problem (one per field, per check, per other
//   family, and a few about the link as a whole), each of bounded length; and re-encoded, the state decodes
//   to the same state and encodes to the same hash (encode(decode(x)) is a fixed point).
// npm test runs a short run; `npm run fuzz` a long one (LINK_FUZZ_ITERATIONS, LINK_FUZZ_SEED), which also
// fails on a decode that takes more CPU time than its input's size explains (not checked in the short run).
//   node --test tests/web/link-fuzz.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deflateRawSync } from 'node:zlib';

import { FAMILIES } from '../../web/families.js';
import { LESSONS } from '../../web/lessons.js';
import { decodeLink, encodeLink } from '../../web/shell/link.js';
import { MAX_TEXT_CHARS } from '../../web/shell/link-text.js';
import { toBase64Url } from '../../web/shell/base64url.js';
import { countChars, isWellFormed } from '../../web/shell/link-values.js';

const ITERATIONS = Number(process.env.LINK_FUZZ_ITERATIONS || 1500);
const SEED = Number(process.env.LINK_FUZZ_SEED || 14);
const CHECK_TIME = process.env.LINK_FUZZ_ITERATIONS !== undefined;
const MAX_NOTICE_CHARS = 1000;

// mulberry32: small, seeded, the same sequence on every machine.
function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  return { next, int, pick: (xs) => xs[int(xs.length)] };
}

// Pieces that mean something to the codec: separators, escapes (broken, overlong, surrogates), versions,
// modes, numbers at and beyond the bounds, booleans, list entries, the own text's framing.
const TOKENS = ['&', '=', '&&', '==', '%', '%2', '%zz', '%25', '%26', '%3D', '%E0%A4', '%ED%A0%80', '%F4%90%80%80',
  '%C0%80', '+', '#', '.', ',', ' ', 'v=1', 'v=2', 'v=3', 'v=999999999999', 'v=', 'mode=lm', 'mode=seq2seq',
  'mode=charlm', 'mode=', 'mode', '0', '1', '-1', '-0', '1e309', '-1e309', '1e-320', '0x10', '1.5', '.5', '5.',
  'NaN', 'Infinity', '9007199254740993', '99999999999999999999', 'true', 'false', 'TRUE', '__proto__',
  'constructor', 'toString', 'hasOwnProperty', 'preset=custom', 'task=pairs', 'text=', 'pairs=', '16777217.',
  '16777216.', '4.', '0.', '1.AAAA', '3.S0xKBAA', 'é', '\u{1F600}', '\uD800', '\u0000', '\n', 'loss,samples',
  'curves,attention', ',,,'];

// Every field's name and a value of each kind, so mutations reach the tables' parsers.
const KEYS = [...new Set(FAMILIES.flatMap((f) => f.fields.fields.map((x) => x.key)))];
const VALUES = ['', '0', '1', '-1', '2', '3', '1e9', '0.5', '1e-9', 'lstm', 'gru', 'adam', 'pairs', 'custom',
  'bahdanau', 'x'.repeat(1200), 'loss', 'h', 'z'];

async function seedHashes() {
  const seeds = [];
  for (const family of FAMILIES) seeds.push((await encodeLink(family, family.fields.defaults())).hash);
  const lm = FAMILIES.find((f) => f.id === 'lm');
  const s2s = FAMILIES.find((f) => f.id === 'seq2seq');
  seeds.push((await encodeLink(lm, { ...lm.fields.defaults(), preset: 'custom', text: 'hello wörld\nhello again 😀' })).hash);
  seeds.push((await encodeLink(s2s, { ...s2s.fields.defaults(), task: 'pairs', pairs: 'abc\tcba\nxy\tyx\n' })).hash);
  for (const l of LESSONS) seeds.push(l.link.replace(/^#/, ''));
  seeds.push('v=1&preset=names&cell=gru&hidden=48&temp=1.3&topk=5&slen=120&prime=ROMEO:%20');
  seeds.push('v=1&mode=seq2seq&task=sort&min_len=3&max_len=12&beam=7&alpha=0.5&views=curves,beam');
  return seeds;
}

function mutate(r, hash, seeds) {
  let s = hash;
  const edits = 1 + r.int(4);
  for (let i = 0; i < edits; i++) {
    const at = r.int(s.length + 1);
    switch (r.int(9)) {
      case 0: s = s.slice(0, at) + s.slice(at + 1 + r.int(20)); break;                       // delete
      case 1: s = s.slice(0, at) + r.pick(TOKENS) + s.slice(at); break;                       // insert a token
      case 2: s = s.slice(0, at); break;                                                       // truncate
      case 3: { const b = r.int(s.length + 1); s = s.slice(0, at) + s.slice(Math.min(at, b), Math.max(at, b)) + s.slice(at); break; }  // duplicate
      case 4: s += `&${r.pick(KEYS)}=${encodeURIComponent(r.pick(VALUES))}`; break;              // a field again
      case 5: { const parts = s.split('&'); parts[r.int(parts.length)] = `${r.pick(KEYS)}=${r.pick(TOKENS)}`; s = parts.join('&'); break; }
      case 6: { const other = r.pick(seeds); s = s.slice(0, at) + other.slice(r.int(other.length + 1)); break; }  // splice
      case 7: s = s.slice(0, at) + String.fromCharCode(r.int(0x10000)) + s.slice(at); break;  // any UTF-16 unit
      default: { const parts = s.split('&'); for (let j = parts.length - 1; j > 0; j--) { const k = r.int(j + 1); [parts[j], parts[k]] = [parts[k], parts[j]]; } s = parts.join('&'); }
    }
  }
  return s;
}

function randomHash(r) {
  const n = r.int(30);
  let s = r.int(2) ? '#' : '';
  for (let i = 0; i < n; i++) s += r.int(3) ? r.pick(TOKENS) : `${r.pick(KEYS)}=${r.pick(VALUES)}&`;
  return s;
}

// A hash with very many keys (bounded here: 20,000), the shape that once gave one notice per key.
function floodHash(r) {
  const parts = ['v=2', `mode=${r.pick(FAMILIES).id}`];
  const n = 1000 + r.int(19000);
  for (let i = 0; i < n; i++) parts.push(r.int(2) ? `k${i}=${i}` : `${r.pick(KEYS)}=${r.pick(TOKENS)}`);
  return parts.join('&');
}

function checkBounds(family, state, where) {
  for (const f of family.fields.fields) {
    const v = state[f.key];
    const what = `${where}: ${family.id}.${f.key} = ${JSON.stringify(v)?.slice(0, 80)}`;
    switch (f.type) {
      case 'int':
        assert.ok(Number.isSafeInteger(v) && v >= f.min && v <= f.max, what);
        break;
      case 'number':
        assert.ok(Number.isFinite(v) && v >= f.min && v <= f.max && !(f.exclusiveMin && v === f.min), what);
        break;
      case 'bool': assert.equal(typeof v, 'boolean', what); break;
      case 'enum': assert.ok(f.values.includes(v), what); break;
      case 'string': assert.ok(typeof v === 'string' && v.length <= f.maxLength && isWellFormed(v), what); break;
      case 'list':
        assert.ok(Array.isArray(v) && v.every((x) => f.values.includes(x)) && new Set(v).size === v.length, what);
        break;
      case 'text': assert.ok(typeof v === 'string' && countChars(v) <= MAX_TEXT_CHARS && isWellFormed(v), what); break;
      default: assert.fail(`${what}: unknown field type ${f.type}`);
    }
  }
  // The table's cross-field checks have nothing left to put right.
  const copy = structuredClone(state);
  for (const check of family.fields.checks) assert.equal(check(copy), '', `${where}: ${family.id} passes its checks`);
}

// Kinds of notice: the link as a whole (escapes, repeats, version, mode, unknown keys, missing keys, the own
// text and its switch), another family's keys (one per family), and one per field and per check.
const noticeBound = (family) => 8 + FAMILIES.length + family.fields.fields.length + family.fields.checks.length;

async function checkOne(hash, where, timings) {
  let r;
  const cpu0 = process.cpuUsage();
  try {
    r = await decodeLink(hash, FAMILIES);
  } catch (e) {
    assert.fail(`${where}: decodeLink threw ${e && e.stack}`);
  }
  const cpu = process.cpuUsage(cpu0);
  const ms = (cpu.user + cpu.system) / 1000;
  timings.push({ ms, chars: hash.length });
  const family = FAMILIES.find((f) => f.id === r.mode);
  assert.ok(family, `${where}: mode ${r.mode} is a family`);
  for (const f of FAMILIES) checkBounds(f, r.states[f.id], where);
  assert.ok(r.notices.length <= noticeBound(family), `${where}: ${r.notices.length} notices:\n${r.notices.join('\n')}`);
  for (const n of r.notices) assert.ok(typeof n === 'string' && n.length <= MAX_NOTICE_CHARS, `${where}: notice of ${n.length} characters`);
  assert.equal(new Set(r.notices).size, r.notices.length, `${where}: a notice repeated:\n${r.notices.join('\n')}`);

  const state = r.states[family.id];
  const once = await encodeLink(family, state);
  const back = await decodeLink(once.hash, FAMILIES);
  assert.equal(back.mode, family.id, `${where}: the re-encoded link opens the same family`);
  if (once.notices.length === 0) {
    assert.deepEqual(back.notices, [], `${where}: the re-encoded link ${once.hash.slice(0, 300)} decodes without notices`);
    assert.deepEqual(back.states[family.id], state, `${where}: decode(encode(state)) == state`);
  }
  const twice = await encodeLink(family, back.states[family.id]);
  assert.equal(twice.hash, once.hash, `${where}: encode(decode(encode(x))) == encode(x)`);
}

// A decode should cost about linear time in its input: 200 ms of CPU plus 2 ms per 1,000 characters is four
// times what the largest inputs here take (about 0.5 ms per 1,000 characters). CPU time, not wall time: the
// machine may be busy with other work. The long run only; timings never decide the short run.
const timeBound = (chars) => 200 + (2 * chars) / 1000;
function checkTimes(timings) {
  const worst = timings.reduce((w, t) => (t.ms / timeBound(t.chars) > w.ms / timeBound(w.chars) ? t : w));
  if (CHECK_TIME) assert.ok(worst.ms <= timeBound(worst.chars), `decode of ${worst.chars} characters took ${worst.ms.toFixed(0)} ms of CPU`);
  return worst;
}

test(`the link codec survives ${ITERATIONS} random and mutated hashes (seed ${SEED})`, async (t) => {
  const r = rng(SEED);
  const seeds = await seedHashes();
  const timings = [];
  for (const [i, s] of seeds.entries()) await checkOne(s, `seed hash ${i}`, timings);
  for (let i = 0; i < ITERATIONS; i++) {
    const kind = r.int(20);
    const hash = kind === 0 ? floodHash(r) : kind < 4 ? randomHash(r) : mutate(r, r.pick(seeds), seeds);
    await checkOne(hash, `iteration ${i} (seed ${SEED}): ${JSON.stringify(hash.slice(0, 400))}`, timings);
  }
  const worst = checkTimes(timings);
  t.diagnostic(`${timings.length} decodes; slowest relative to its size: ${worst.ms.toFixed(1)} ms of CPU for ${worst.chars} characters`);
});

test('own texts that claim or unpack to more than 16M characters are refused, and the refusal is bounded', async () => {
  const lm = FAMILIES.find((f) => f.id === 'lm');
  const timings = [];
  // 17M characters in a few kilobytes of deflate: stated as is, stated as 16M, and stated as a small text.
  // (zlib packs it in a fraction of the time CompressionStream takes; the page's reader unpacks it the same.)
  const packed = toBase64Url(deflateRawSync(Buffer.alloc(MAX_TEXT_CHARS + 1000, 'a'), { level: 9 }));
  for (const stated of [MAX_TEXT_CHARS + 1000, MAX_TEXT_CHARS, 5]) {
    const hash = `v=2&mode=lm&preset=custom&text=${stated}.${packed}`;
    await checkOne(hash, `a ${packed.length}-character text field stating ${stated}`, timings);
    const r = await decodeLink(hash, FAMILIES);
    assert.notEqual(r.states.lm.preset, 'custom', 'the page falls back to a preset');
    assert.equal(r.notices.filter((n) => /text/.test(n)).length, 1, r.notices.join('\n'));
  }
  // Every field given a bad value at once: one notice per field, not more.
  const bad = ['v=2', 'mode=lm', ...lm.fields.fields.map((f) => `${f.key}=%ZZ${f.key}`)].join('&');
  await checkOne(bad, 'every field malformed', timings);
});
