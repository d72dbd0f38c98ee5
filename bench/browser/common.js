// Shared by the benchmark workers (classic scripts, loaded with importScripts): the 65-character alphabet,
// a deterministic PRNG, the benchmark text (random characters, all 65 present) and a learnable text (one
// sentence repeated, padded once with the whole alphabet so its vocabulary is also exactly these 65 characters).
'use strict';

// Sorted by code point, so the engine's vocabulary (distinct characters, sorted) has the same index order.
var BENCH_ALPHABET = "\n !$&',-.3:;?ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

// W1: the standard workload of the native benchmark.
var BENCH_W1 = { cell: 'lstm', hidden: 128, layers: 1, embed: 0, seq: 64, batch: 32, optim: 'adam', lr: 0.002,
  clip_norm: 5, seed: 1 };

function benchRng(seed) {
  // mulberry32: 32-bit state, good enough to pick characters.
  var a = seed >>> 0;
  return function () {
    a = (a + 0x6d2b79f5) >>> 0;
    var t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function benchRandomText(length, seed) {
  var rnd = benchRng(seed);
  var n = BENCH_ALPHABET.length;
  var parts = [BENCH_ALPHABET];  // every character present whatever the length
  for (var i = n; i < length; i++) parts.push(BENCH_ALPHABET[Math.floor(rnd() * n)]);
  return parts.join('');
}

function benchLearnableText(length) {
  var sentence = "The quick brown fox jumps over the lazy dog; what's left? A pangram, and little else.\n";
  var parts = [BENCH_ALPHABET];
  var total = BENCH_ALPHABET.length;
  while (total < length) { parts.push(sentence); total += sentence.length; }
  return parts.join('');
}

// Character ids in BENCH_ALPHABET order (every character of our texts is in it).
function benchEncode(text) {
  var index = {};
  for (var i = 0; i < BENCH_ALPHABET.length; i++) index[BENCH_ALPHABET[i]] = i;
  var ids = new Int32Array(text.length);
  for (var j = 0; j < text.length; j++) {
    var id = index[text[j]];
    if (id === undefined) throw new Error('character outside the alphabet at ' + j);
    ids[j] = id;
  }
  return ids;
}

function benchNow() { return performance.now() / 1000; }
