// Takes the README's screenshot: serves web/, opens the page in headless Chromium, trains the default preset
// for a while and captures the viewport.  node scripts/screenshot.mjs [out.png] [seconds] [hash]
import { launchChromium, startServer } from './page-browser.mjs';

const [out = 'docs/screenshot.png', seconds = '25', hash = ''] = process.argv.slice(2);
const { server, origin } = await startServer();
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  await page.goto(`${origin}${hash ? '#' + hash : ''}`);
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
