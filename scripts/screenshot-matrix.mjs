// Screenshots of the page at a phone, a laptop and a 4K width, in the light and the dark colour scheme, for
// every family, after a few training steps so the charts have data: the fit-and-finish check by eye.
//   node scripts/screenshot-matrix.mjs [out-dir] [widths] [schemes] [families]
//   e.g. node scripts/screenshot-matrix.mjs test-artifacts/matrix 390,1440,3840 light,dark lm,seq2seq,classify
import fs from 'node:fs';
import path from 'node:path';
import { launchChromium, startServer } from './page-browser.mjs';

const [out = 'test-artifacts/matrix', widthsArg = '390,1440,3840', schemesArg = 'light,dark', familiesArg = 'lm,seq2seq,classify'] =
  process.argv.slice(2);
const HEIGHTS = { 390: 844, 1440: 1000, 3840: 2160 };
const tid = (id) => `[data-testid="${id}"]`;

fs.mkdirSync(out, { recursive: true });
const { server, origin } = await startServer();
const browser = await launchChromium();

// Opens the page in a family, trains `steps` steps and pauses.
async function trained(page, family, steps) {
  await page.goto(origin);
  await page.waitForSelector(`${tid('play')}:not([disabled])`, { timeout: 120_000 });
  if (family !== 'lm') {
    await page.click(tid('mode-menu'));
    await page.click(tid(`mode-${family}`));
    await page.waitForFunction((f) => document.body.dataset.mode === f, family);
    await page.waitForSelector(`${tid('play')}:not([disabled])`, { timeout: 120_000 });
  }
  for (let i = 1; i <= steps; i++) {
    await page.click(tid('step'));
    await page.waitForFunction((n) => document.querySelector('[data-testid="readout-step"]').textContent.trim() === String(n),
      i, { timeout: 60_000 });
  }
  await page.waitForTimeout(1500);  // views ask for their data after a step
}

try {
  for (const scheme of schemesArg.split(',')) {
    for (const family of familiesArg.split(',')) {
      for (const width of widthsArg.split(',').map(Number)) {
        const context = await browser.newContext({ viewport: { width, height: HEIGHTS[width] || 1000 }, colorScheme: scheme });
        const page = await context.newPage();
        page.on('pageerror', (e) => console.error(`pageerror: ${e.message}`));
        await trained(page, family, 12);
        const file = path.join(out, `${family}-${width}-${scheme}.png`);
        await page.screenshot({ path: file, fullPage: true });
        console.log(`wrote ${file}`);
        await context.close();
      }
    }
  }
} finally {
  await browser.close();
  server.kill();
}
