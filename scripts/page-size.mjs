// What the page transfers on a first load from the bundled server (scripts/serve.js, which compresses with
// brotli or gzip): opens it in headless Chromium, waits until the engine is ready and the network is quiet, and
// sums the encoded (on the wire) and decoded sizes of every response, the worker's included. Twice: on a
// freshly started server (which compresses the engine at a fast brotli setting at first) and once its
// background compression at brotli's best setting is done.
//   node scripts/page-size.mjs [path/to/serve.js]
import { launchChromium, startServer } from './page-browser.mjs';

const { server, origin } = await startServer(process.argv[2] || 'scripts/serve.js');
const browser = await launchChromium();

async function load() {
  const context = await browser.newContext();
  const requests = [];
  context.on('requestfinished', (r) => requests.push(r));
  const page = await context.newPage();
  await page.goto(origin);
  await page.waitForSelector('[data-testid="play"]:not([disabled])', { timeout: 120_000 });
  await page.waitForLoadState('networkidle');
  let encoded = 0, decoded = 0;
  const encodings = {};
  for (const r of requests) {
    const sizes = await r.sizes();
    const response = await r.response();
    encoded += sizes.responseBodySize;
    decoded += Number((await response.body().catch(() => Buffer.alloc(0))).length);
    const enc = (await response.headerValue('content-encoding')) || 'none';
    encodings[enc] = (encodings[enc] || 0) + 1;
  }
  await context.close();
  return { requests: requests.length, encoded, decoded, encodings };
}

const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
try {
  const cold = await load();
  await new Promise((r) => setTimeout(r, 15_000));  // brotli quality 11 of the .wasm, in the background
  const warm = await load();
  for (const [name, m] of [['fresh server', cold], ['warmed server', warm]])
    console.log(`${name}: ${m.requests} requests, ${kib(m.encoded)} transferred (${kib(m.decoded)} decoded); ` +
      `encodings ${JSON.stringify(m.encodings)}`);
} finally {
  await browser.close();
  server.kill();
}
