#!/usr/bin/env node
// A tiny static file server for web/, with Node's built-in modules only.
//   node scripts/serve.js [PORT]     (or PORT=... ; default 8080, trying the next ports when busy)
// Listens on 127.0.0.1 only, serves correct MIME types (application/wasm for the engine), refuses paths
// that would leave web/, compresses text and the engine with brotli or gzip when the browser accepts it
// (compressed-cache.js), and prints the URL.
'use strict';

const http = require('http');
const fs = require('fs');
const path = require('path');
const { CompressedCache, chooseEncoding } = require('./compressed-cache.js');

const ROOT = path.resolve(__dirname, '..', 'web');
const HOST = '127.0.0.1';
const PORT_TRIES = 20;
const compressed = new CompressedCache();

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.safetensors': 'application/octet-stream',
};

function send(res, status, message) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(message) });
  res.end(message);
}

// Maps a request path to a file inside ROOT, or null when it would escape it.
function resolvePath(urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const full = path.resolve(ROOT, '.' + path.posix.normalize('/' + decoded));
  if (full !== ROOT && !full.startsWith(ROOT + path.sep)) return null;
  return full;
}

function handle(req, res) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    return send(res, 405, 'method not allowed\n');
  }
  const urlPath = (req.url || '/').split(/[?#]/)[0];
  let file = resolvePath(urlPath);
  if (!file) return send(res, 403, 'forbidden\n');
  fs.stat(file, (err, stat) => {
    if (!err && stat.isDirectory()) {
      if (!urlPath.endsWith('/')) {
        res.writeHead(301, { Location: urlPath + '/' });
        return res.end();
      }
      file = path.join(file, 'index.html');
      return fs.stat(file, (err2, stat2) => serveFile(req, res, file, err2, stat2));
    }
    serveFile(req, res, file, err, stat);
  });
}

function serveFile(req, res, file, err, stat) {
  if (err || !stat.isFile()) return send(res, 404, 'not found\n');
  // A symlink inside web/ must not lead outside it either.
  fs.realpath(file, (rerr, real) => {
    if (rerr || (real !== ROOT && !real.startsWith(fs.realpathSync(ROOT) + path.sep))) return send(res, 403, 'forbidden\n');
    const headers = {
      'Content-Type': MIME[path.extname(file).toLowerCase()] || 'application/octet-stream',
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
    };
    if (!CompressedCache.compressible(file)) return sendAsIs(req, res, file, stat, headers);
    headers.Vary = 'Accept-Encoding';  // so a cache never hands a compressed body to a browser that did not ask
    const encoding = chooseEncoding(req.headers['accept-encoding']);
    if (!encoding) return sendAsIs(req, res, file, stat, headers);
    compressed.get(file, stat, encoding).then((body) => {
      if (!body) return sendAsIs(req, res, file, stat, headers);
      // the whole body, never a range of it: the server ignores Range and does not offer Accept-Ranges
      res.writeHead(200, { ...headers, 'Content-Encoding': encoding, 'Content-Length': body.length });
      res.end(req.method === 'HEAD' ? undefined : body);
    }, () => send(res, 404, 'not found\n'));  // gone between the stat and the read
  });
}

function sendAsIs(req, res, file, stat, headers) {
  res.writeHead(200, { ...headers, 'Content-Length': stat.size });
  if (req.method === 'HEAD') return res.end();
  const stream = fs.createReadStream(file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

function listen(port, triesLeft) {
  const server = http.createServer(handle);
  server.once('error', (err) => {
    if (err.code === 'EADDRINUSE' && triesLeft > 1) {
      console.error(`port ${port} is busy, trying ${port + 1}`);
      listen(port + 1, triesLeft - 1);
    } else {
      console.error(`cannot listen on ${HOST}:${port}: ${err.message}`);
      process.exit(1);
    }
  });
  server.listen(port, HOST, () => {
    console.log(`Recurrent Playground: http://${HOST}:${server.address().port}/`);  // port 0: the one chosen
  });
}

function main() {
  const arg = process.argv[2] !== undefined ? process.argv[2] : process.env.PORT;
  const port = arg === undefined || arg === '' ? 8080 : Number(arg);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`usage: node scripts/serve.js [PORT]   (PORT must be 0-65535, got '${arg}')`);
    process.exit(2);
  }
  if (!fs.existsSync(path.join(ROOT, 'engine', 'recurrent_engine.wasm')))
    console.error('note: web/engine/ is missing; build the engine with: bash scripts/build_wasm.sh');
  listen(port, port === 0 ? 1 : PORT_TRIES);
}

main();
