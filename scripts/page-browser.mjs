// What the page scripts (screenshot.mjs, screenshot-matrix.mjs, page-size.mjs) share: the bundled server on a
// free port and a headless Chromium (Debian's), as the browser tests start them (tests/browser/harness.mjs).
import { spawn } from 'node:child_process';
import { chromium } from 'playwright-core';

// Starts scripts/serve.js (or another server script) on a free port; resolves to {server, origin}.
export async function startServer(serveJs = 'scripts/serve.js') {
  const server = spawn(process.execPath, [serveJs, '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const origin = await new Promise((resolve) => server.stdout.on('data', (d) => {
    const m = String(d).match(/http:\/\/[0-9.]+:\d+\//);
    if (m) resolve(m[0]);
  }));
  return { server, origin };
}

export function launchChromium() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}
