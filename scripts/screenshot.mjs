// Takes the README's screenshot: serves web/, opens the page in headless Chromium, trains the default preset
// for a while and captures the viewport.  node scripts/screenshot.mjs [out.png] [seconds] [hash]
import { spawn } from 'node:child_process';
import { chromium } from 'playwright-core';

const [out = 'docs/screenshot.png', seconds = '25', hash = ''] = process.argv.slice(2);
const port = 18500 + Math.floor(Math.random() * 400);
const server = spawn(process.execPath, ['scripts/serve.js', String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
await new Promise((resolve) => server.stdout.once('data', resolve));
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  await page.goto(`http://127.0.0.1:${port}/${hash ? '#' + hash : ''}`);
  await page.waitForSelector('[data-testid="play"]:not([disabled])', { timeout: 60_000 });
  await page.click('[data-testid="play"]');
  await page.waitForTimeout(Number(seconds) * 1000);
  await page.click('[data-testid="play"]');
  await page.waitForTimeout(1500);
  await page.screenshot({ path: out });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  server.kill();
}
