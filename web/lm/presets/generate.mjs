// Writes the generated presets next to this script: brackets.txt and counting.txt (formal languages, where
// the job of a single unit -- tracking nesting depth, counting a's -- becomes visible) and names.txt (a list
// of invented first names). Deterministic: the same script always writes the same bytes.
//   node web/lm/presets/generate.mjs
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

// A small seeded generator (mulberry32), so the output never depends on Math.random.
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = (r, list) => list[Math.floor(r() * list.length)];
const between = (r, lo, hi) => lo + Math.floor(r() * (hi - lo + 1));

// Balanced brackets: one expression per line, two bracket kinds, nesting depth up to 8. A random tree of
// bracket pairs, grown so that deep nesting is common enough to learn.
function brackets(targetBytes) {
  const r = rng(20240611);
  const pairs = [['(', ')'], ['[', ']']];
  const expr = (depth, budget) => {
    let s = '';
    const children = depth >= 8 ? 0 : between(r, depth === 0 ? 1 : 0, depth < 2 ? 3 : 2);
    for (let i = 0; i < children && s.length < budget; i++) {
      const [open, close] = r() < 0.7 ? pairs[0] : pairs[1];
      s += open + expr(depth + 1, budget - s.length - 2) + close;
    }
    return s;
  };
  const lines = [];
  let size = 0;
  while (size < targetBytes) {
    let line = expr(0, between(r, 6, 48));
    if (line.length > 60) line = line.slice(0, 0);
    if (!line) continue;
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n') + '\n';
}

// Counting: a^n b^n, one per line, n from 1 to 24, so predicting where the b's end needs a counter.
function counting(targetBytes) {
  const r = rng(7);
  const lines = [];
  let size = 0;
  while (size < targetBytes) {
    const n = between(r, 1, 24);
    const line = 'a'.repeat(n) + 'b'.repeat(n);
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n') + '\n';
}

// Invented first names from syllable tables: an onset, an optional middle and an ending.
function names(count) {
  const r = rng(1234);
  const onsets = ['A', 'Al', 'An', 'Ar', 'Be', 'Bri', 'Ca', 'Cla', 'Co', 'Da', 'De', 'Do', 'E', 'El', 'Em', 'Fa',
    'Fe', 'Fre', 'Ga', 'Gi', 'Gre', 'Ha', 'He', 'Hu', 'I', 'Is', 'Ja', 'Je', 'Jo', 'Ju', 'Ka', 'Ke', 'Ki', 'La',
    'Le', 'Li', 'Lu', 'Ma', 'Me', 'Mi', 'Mo', 'Na', 'Ne', 'Ni', 'No', 'O', 'Pa', 'Pe', 'Pri', 'Ra', 'Re', 'Ri',
    'Ro', 'Sa', 'Se', 'Si', 'So', 'Sta', 'Ta', 'Te', 'Tho', 'Tri', 'U', 'Va', 'Ve', 'Vi', 'Wi', 'Ya', 'Yo', 'Za',
    'Ze'];
  const middles = ['', '', '', '', 'l', 'n', 'r', 's', 'th', 'v', 'd', 'm', 'lin', 'ri', 'na', 'be', 'vi', 'ren',
    'ma', 'ssa', 'nd', 'rl', 'ck', 'mel', 'dor'];
  const endings = ['a', 'an', 'en', 'on', 'ie', 'y', 'ah', 'el', 'ia', 'o', 'us', 'ik', 'ard', 'ette', 'ine',
    'is', 'ley', 'ric', 'ton', 'win', 'ver', 'ny', 'ra', 'lo', 'iel', 'ina', 'anne', 'as', 'ell', 'er', 'ith',
    'old', 'ena', 'ias', 'ey', 'e', 'i', 'am', 'ette', 'ora'];
  const seen = new Set();
  const out = [];
  while (out.length < count) {
    let name = pick(r, onsets) + pick(r, middles) + pick(r, endings);
    name = name.replace(/([aeiou])\1\1+/g, '$1$1');
    if (name.length < 3 || name.length > 11 || seen.has(name)) continue;
    seen.add(name);
    out.push(name);
  }
  return out.join('\n') + '\n';
}

const files = {
  'brackets.txt': brackets(30000),
  'counting.txt': counting(30000),
  'names.txt': names(3600),
};
for (const [name, text] of Object.entries(files)) {
  writeFileSync(join(here, name), text);
  console.log(`${name}: ${text.length} characters`);
}
