// Makes a PyTorch project the way a user does (for pytorch_project_test.sh): serves the page, opens a small
// char LM in headless Chromium, trains it 6 steps, picks Download → PyTorch project, then trains 5 steps more
// in the page and records their losses: what PyTorch, resuming the archive's file, must reproduce.
//   node tests/python/page_project.mjs OUT.zip OUT_LOSSES.json
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launchChromium, startServer } from '../../scripts/page-browser.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const [zipOut, lossesOut] = process.argv.slice(2);
if (!zipOut || !lossesOut) {
  console.error('usage: node tests/python/page_project.mjs OUT.zip OUT_LOSSES.json');
  process.exit(2);
}
const { defaultState } = await import(pathToFileURL(path.join(ROOT, 'web', 'lm', 'fields.js')).href);
const { encodeState } = await import(pathToFileURL(path.join(ROOT, 'web', 'lm', 'family.js')).href);
// a small model; a held-out fraction other than either default, which the project must carry to PyTorch
const settings = { preset: 'names', cell: 'lstm', hidden: 24, layers: 2, embed: 8, seq: 16, batch: 6, holdout: 0.2, optim: 'adam' };
const { hash } = await encodeState({ ...defaultState(), ...settings });

const TIMEOUT = 120_000;
const stepReadout = () => document.querySelector('[data-testid="readout-step"]').textContent.trim().replace(/,/g, '');
const stepIs = (s) => document.querySelector('[data-testid="readout-step"]').textContent.trim().replace(/,/g, '') === s;

const { server, origin } = await startServer(path.join(ROOT, 'scripts', 'serve.js'));
const browser = await launchChromium();
let failed = false;
try {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${origin}#${hash}`);
  await page.waitForFunction(() => {
    const play = document.querySelector('[data-testid="play"]');
    return play && !play.disabled;
  }, null, { timeout: TIMEOUT });
  const train = async (to) => {
    for (let s = Number(await page.evaluate(stepReadout)) + 1; s <= to; s++) {
      await page.click('[data-testid="step"]');
      await page.waitForFunction(stepIs, String(s), { timeout: TIMEOUT, polling: 50 });
    }
  };
  await train(6);
  await page.click('[data-testid="download-menu"]');
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: TIMEOUT }), page.click('[data-testid="download-pytorch"]')]);
  await download.saveAs(zipOut);
  await train(11);
  const losses = await page.evaluate(() => Array.from(window.recurrentPlayground.history.losses.view()));
  fs.writeFileSync(lossesOut, JSON.stringify({ name: download.suggestedFilename(), first: 7, losses: losses.slice(6, 11) }));
  if (errors.length) throw new Error(`the page reported errors: ${errors.join('; ')}`);
} catch (e) {
  console.error(`page_project: ${e.message}`);
  failed = true;
} finally {
  await browser.close();
  server.kill();
}
process.exit(failed ? 1 : 0);
