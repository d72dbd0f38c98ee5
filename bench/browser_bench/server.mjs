// The benchmark's static server: serves the repository read-only on 127.0.0.1 (random free port), and can record
// every response with the gzip -9 size of its body (for the page's first-load size).
import http from 'node:http';
import fsp from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';

const MIME = {
  '.html': 'text/html; charset=utf-8', '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8', '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg',
  '.gif': 'image/gif', '.webp': 'image/webp', '.ico': 'image/x-icon',
  '.woff': 'font/woff', '.woff2': 'font/woff2', '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8', '.md': 'text/markdown; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8', '.webmanifest': 'application/manifest+json',
};

// Maps a URL path to a regular file under `root`, or null: no "..", no dot-files or dot-directories, no NUL or
// backslash, no symlink leading outside `root`. A directory means its index.html.
async function resolveFile(root, urlPath) {
  let rel;
  try { rel = decodeURIComponent(urlPath); } catch { return null; }
  if (rel.includes('\0') || rel.includes('\\')) return null;
  const segments = rel.split('/').filter(Boolean);
  if (segments.some((s) => s === '..' || s.startsWith('.'))) return null;
  let file = path.resolve(root, ...segments);
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  try {
    let st = await fsp.stat(file);
    if (st.isDirectory()) {
      file = path.join(file, 'index.html');
      st = await fsp.stat(file);
    }
    if (!st.isFile()) return null;
    const [real, realRoot] = await Promise.all([fsp.realpath(file), fsp.realpath(root)]);
    if (!real.startsWith(realRoot + path.sep)) return null;
    return real;
  } catch {
    return null;
  }
}

export function startServer(root) {
  let recording = null;  // while an array, every response is logged with the gzip -9 size of its body
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const record = (status, body) => {
      if (recording) recording.push({ path: url.pathname, status, bytes: body.length,
        gzip: zlib.gzipSync(body, { level: 9 }).length });
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' });
      res.end();
      return;
    }
    const file = await resolveFile(root, url.pathname);
    let body, st;
    try {
      if (file) [body, st] = await Promise.all([fsp.readFile(file), fsp.stat(file)]);
    } catch {
      body = null;
    }
    if (!body) {
      const msg = Buffer.from('not found\n');
      record(404, msg);
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': msg.length });
      res.end(req.method === 'HEAD' ? undefined : msg);
      return;
    }
    // Validators like an ordinary static server, so a second request for a file within one page load (a module
    // worker importing what the page imported) is answered from the browser's cache or with a 304.
    const etag = `"${st.size.toString(16)}-${Math.floor(st.mtimeMs).toString(16)}"`;
    const headers = { ETag: etag, 'Last-Modified': st.mtime.toUTCString(), 'X-Content-Type-Options': 'nosniff' };
    if (req.headers['if-none-match'] === etag) {
      record(304, Buffer.alloc(0));
      res.writeHead(304, headers);
      res.end();
      return;
    }
    record(200, body);
    res.writeHead(200, { ...headers, 'Content-Length': body.length,
      'Content-Type': MIME[path.extname(file).toLowerCase()] || 'application/octet-stream' });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve({
      origin: `http://127.0.0.1:${server.address().port}`,
      startRecording() { recording = []; },
      stopRecording() { const r = recording || []; recording = null; return r; },
      close: () => new Promise((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
    }));
  });
}
