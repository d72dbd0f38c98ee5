// The bundled server (scripts/serve.js) compresses what it serves: brotli when the browser accepts it, else
// gzip, else the file as it is; with Vary: Accept-Encoding, a Content-Length that is the compressed body's, no
// partial responses, and its refusals kept. Also its choice of encoding for Accept-Encoding headers.
//   node --test tests/web/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const WEB = path.join(ROOT, 'web');
const { chooseEncoding } = createRequire(import.meta.url)('../../scripts/compressed-cache.js');
const WASM = 'engine/recurrent_engine.wasm';
const haveEngine = fs.existsSync(path.join(WEB, WASM));

let server = null;
let origin = null;

before(async () => {
  server = spawn(process.execPath, [path.join(ROOT, 'scripts', 'serve.js'), '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  origin = await new Promise((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/http:\/\/[0-9.]+:\d+/);
      if (m) resolve(m[0]);
    });
    server.once('exit', (code) => reject(new Error(`serve.js exited (${code})`)));
  });
});

after(() => server && server.kill());

// A raw request (no automatic decompression): {status, headers, body: Buffer}.
function request(urlPath, headers = {}, method = 'GET') {
  return new Promise((resolve, reject) => {
    const req = http.request(origin + urlPath, { method, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

function decode(res) {
  const enc = res.headers['content-encoding'];
  if (enc === 'br') return zlib.brotliDecompressSync(res.body);
  if (enc === 'gzip') return zlib.gunzipSync(res.body);
  assert.equal(enc, undefined, `unexpected content-encoding ${enc}`);
  return res.body;
}

test('brotli is preferred, then gzip, by q-value; * counts; q=0 refuses', () => {
  assert.equal(chooseEncoding('gzip, deflate, br, zstd'), 'br');
  assert.equal(chooseEncoding('gzip'), 'gzip');
  assert.equal(chooseEncoding('br;q=0, gzip'), 'gzip');
  assert.equal(chooseEncoding('br;q=0.5, gzip;q=0.8'), 'gzip');
  assert.equal(chooseEncoding('*'), 'br');
  assert.equal(chooseEncoding('*;q=0, gzip;q=0.1'), 'gzip');
  assert.equal(chooseEncoding('identity'), null);
  assert.equal(chooseEncoding(''), null);
  assert.equal(chooseEncoding(undefined), null);
  assert.equal(chooseEncoding('deflate'), null);
});

test('the engine and the page\'s scripts come compressed, and decode to the files\' bytes', { skip: !haveEngine && `${WASM} is missing` }, async () => {
  for (const [file, accept, want] of [
    [WASM, 'gzip, deflate, br', 'br'],
    [WASM, 'gzip', 'gzip'],
    ['engine/recurrent_engine.mjs', 'br', 'br'],
    ['main.js', 'gzip, br', 'br'],
    ['style/base.css', 'gzip', 'gzip'],
    ['index.html', 'br;q=1, gzip;q=0.5', 'br'],
    ['engine/catalogue.json', 'br', 'br'],
  ]) {
    const res = await request(`/${file}`, { 'accept-encoding': accept });
    const what = `${file} for '${accept}'`;
    assert.equal(res.status, 200, what);
    assert.equal(res.headers['content-encoding'], want, what);
    assert.match(res.headers.vary || '', /accept-encoding/i, what);
    assert.equal(Number(res.headers['content-length']), res.body.length, `${what}: Content-Length is the compressed size`);
    const raw = fs.readFileSync(path.join(WEB, file));
    assert.ok(res.body.length < raw.length, `${what}: ${res.body.length} bytes, smaller than ${raw.length}`);
    assert.ok(decode(res).equals(raw), `${what}: decodes to the file`);
  }
});

test('without Accept-Encoding (or with identity) the file comes as it is', async () => {
  const raw = fs.readFileSync(path.join(WEB, 'main.js'));
  for (const headers of [{}, { 'accept-encoding': 'identity' }, { 'accept-encoding': 'br;q=0, gzip;q=0' }]) {
    const res = await request('/main.js', headers);
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-encoding'], undefined, JSON.stringify(headers));
    assert.match(res.headers.vary || '', /accept-encoding/i);
    assert.equal(Number(res.headers['content-length']), raw.length);
    assert.ok(res.body.equals(raw));
  }
});

test('HEAD gives the compressed length; a Range request still gets the whole body', async () => {
  const get = await request('/index.html', { 'accept-encoding': 'br' });
  const head = await request('/index.html', { 'accept-encoding': 'br' }, 'HEAD');
  assert.equal(head.status, 200);
  assert.equal(head.headers['content-encoding'], 'br');
  assert.equal(head.headers['content-length'], get.headers['content-length']);
  assert.equal(head.body.length, 0);
  const ranged = await request('/index.html', { 'accept-encoding': 'gzip', range: 'bytes=0-9' });
  assert.equal(ranged.status, 200, 'no 206: ranges are not served');
  assert.equal(ranged.headers['accept-ranges'], undefined);
  assert.ok(decode(ranged).equals(fs.readFileSync(path.join(WEB, 'index.html'))));
});

test('paths outside web/ are still refused, compressed or not', async () => {
  for (const p of ['/../package.json', '/%2e%2e/package.json', '/..%2fscripts%2fserve.js', '/%00']) {
    const res = await request(p, { 'accept-encoding': 'br' });
    assert.ok(res.status === 403 || res.status === 404, `${p}: ${res.status}`);
    assert.ok(!decode(res).toString().includes('recurrent-playground'), `${p} leaks a file outside web/`);
  }
});

test('a changed file is served fresh, not from the cache', async (t) => {
  const file = path.join(WEB, 'engine', 'serve-test.txt');  // web/engine/ is git-ignored
  t.after(() => fs.rmSync(file, { force: true }));
  fs.writeFileSync(file, 'first version '.repeat(200));
  const a = await request('/engine/serve-test.txt', { 'accept-encoding': 'br' });
  assert.equal(decode(a).toString(), 'first version '.repeat(200));
  fs.writeFileSync(file, 'second, longer version '.repeat(300));
  fs.utimesSync(file, new Date(), new Date(Date.now() + 5000));
  const b = await request('/engine/serve-test.txt', { 'accept-encoding': 'br' });
  assert.equal(decode(b).toString(), 'second, longer version '.repeat(300));
});

test('once the server is idle, brotli\'s best setting replaces the fast one', { timeout: 90_000 }, async () => {
  const file = 'engine/catalogue.json';
  const raw = fs.readFileSync(path.join(WEB, file));
  const first = await request(`/${file}`, { 'accept-encoding': 'br' });
  // the server works through what it served before, one file each time it has been idle for 1.5 s
  let later = first;
  for (let i = 0; i < 30 && later.body.length >= first.body.length; i++) {
    await new Promise((r) => setTimeout(r, 2500));
    later = await request(`/${file}`, { 'accept-encoding': 'br' });
  }
  assert.ok(later.body.length < first.body.length, `${first.body.length} bytes at first, then ${later.body.length}`);
  assert.equal(Number(later.headers['content-length']), later.body.length);
  assert.ok(decode(later).equals(raw));
});
