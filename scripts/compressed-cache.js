// Compressed bodies for scripts/serve.js, with Node's zlib only: which encoding a request accepts (brotli
// preferred, then gzip), and each file's compressed body kept in memory by path, encoding, size and mtime.
// Brotli's best setting (quality 11) takes seconds on the engine's .wasm, so a file is first compressed at a
// fast quality and the best one replaces it in the background while the server is idle: the first load is
// not held up, later ones get the smaller body.
'use strict';

const fs = require('fs');
const zlib = require('zlib');
const { promisify } = require('util');

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

// What is worth compressing (images and model files are compressed already, or nearly random).
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.wasm', '.svg', '.md', '.txt']);
const FAST_BROTLI = 5;
const BEST_BROTLI = 11;
const IDLE_MS = 1500;

// The encoding to send for an Accept-Encoding header: 'br', 'gzip' or null (the file as it is). The highest
// q-value wins; at equal ones brotli does. '*' stands for any encoding not named.
function chooseEncoding(header) {
  if (!header) return null;
  const q = new Map();
  for (const part of String(header).split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    let value = 1;
    for (const p of params) {
      const m = p.trim().match(/^q=([0-9.]+)$/);
      if (m) value = Number(m[1]);
    }
    q.set(name, Number.isFinite(value) ? value : 0);
  }
  const of = (name) => (q.has(name) ? q.get(name) : q.has('*') ? q.get('*') : 0);
  const br = of('br'), gz = of('gzip');
  if (br <= 0 && gz <= 0) return null;
  return br >= gz ? 'br' : 'gzip';
}

function compress(body, encoding, quality) {
  if (encoding === 'gzip') return gzip(body, { level: 9 });
  return brotli(body, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: quality,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
    },
  });
}

class CompressedCache {
  constructor() {
    this.entries = new Map();  // `${encoding} ${file}` -> {version, body: Promise<Buffer|null>}
    this.queue = [];           // fast brotli bodies waiting for the best setting: {key, entry, raw}
    this.lastRequest = 0;
    this.timer = null;
    this.draining = false;
  }

  static compressible(file) {
    const dot = file.lastIndexOf('.');
    return dot >= 0 && COMPRESSIBLE.has(file.slice(dot).toLowerCase());
  }

  // The compressed body of `file` (whose fs.Stats is `stat`) in `encoding`, or null when compressing does not
  // make it smaller. Concurrent requests share one compression.
  get(file, stat, encoding) {
    this.touch();
    const key = `${encoding} ${file}`;
    const version = `${stat.size} ${stat.mtimeMs}`;
    const entry = this.entries.get(key);
    if (entry && entry.version === version) return entry.body;
    const fresh = { version, body: null };
    fresh.body = fs.promises.readFile(file).then(async (raw) => {
      // a file changed between the stat and the read gets the next request's version
      const out = await compress(raw, encoding, FAST_BROTLI);
      if (encoding === 'br') this.improve(key, fresh, raw);
      return out.length < raw.length ? out : null;
    });
    fresh.body.catch(() => this.entries.get(key) === fresh && this.entries.delete(key));
    this.entries.set(key, fresh);
    return fresh.body;
  }

  // Replaces a fast brotli body by the best one later: once no request has come for IDLE_MS (a page's load
  // never waits on it, nor shares the CPU with it), one file at a time.
  improve(key, entry, raw) {
    this.queue.push({ key, entry, raw });
  }

  touch() {
    this.lastRequest = Date.now();
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.drain(), IDLE_MS);
    this.timer.unref();
  }

  async drain() {
    if (this.draining) return;
    this.draining = true;
    // a request meanwhile stops the work; its touch() starts it again later
    while (this.queue.length && Date.now() - this.lastRequest >= IDLE_MS) {
      const { key, entry, raw } = this.queue.shift();
      if (this.entries.get(key) !== entry) continue;  // changed or gone meanwhile
      const best = await compress(raw, 'br', BEST_BROTLI).catch(() => null);
      if (best && this.entries.get(key) === entry && best.length < raw.length) entry.body = Promise.resolve(best);
    }
    this.draining = false;
  }
}

module.exports = { CompressedCache, chooseEncoding };
