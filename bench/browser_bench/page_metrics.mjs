// The real page's metrics: (a) the gzipped size of everything its first load downloads, (b) the time from
// navigation start to the first generated sample text after pressing play.
import fs from 'node:fs';
import path from 'node:path';
import { firstLine } from './util.mjs';

// data-testid names: --play-testid / --sample-testid, else by name among those in web/TESTIDS.md (if present) and
// on the page. play: the play control. output: the container of the samples. item: one generated sample (the
// page's "sample" blocks: their text, not their caption, must be non-empty).
function pickTestids(mdText, domIds, opts) {
  const fromMd = mdText ? [...mdText.matchAll(/`([A-Za-z0-9_-]+)`/g)].map((m) => m[1]) : [];
  const known = [...new Set([...fromMd, ...domIds])];
  const choose = (exact, pattern, reject) => exact.find((e) => known.includes(e)) ||
    known.find((id) => pattern.test(id) && !reject.test(id)) || '';
  const play = opts.playTestid || choose(
    ['play', 'play-button', 'btn-play', 'train-play', 'play-pause', 'train-toggle'],
    /(^|[-_])play([-_]|$)/i, /display|playground/i);
  const output = choose(['sample-output', 'samples-output', 'sample-out', 'samples'],
    /sample.*out|out.*sample/i, /len|temp|prime|button|btn|auto/i);
  const item = opts.sampleTestid || (known.includes('sample') || output ? 'sample' : '');
  return { play, output, item };
}

// Runs in the page (passed to waitForFunction; no eval, the page has a CSP): the first sample's text and the
// time, or null. With item blocks present, the text part of one must be non-empty; without, the output
// container's text must differ from `prev` (its text before play).
function probeSample([item, output, prev]) {
  const items = item ? [...document.querySelectorAll(`[data-testid="${item}"]`)] : [];
  for (const el of items) {
    const body = el.querySelector('[data-testid="sample-text"]') || el.querySelector('.sample-text') ||
      el.querySelector('pre') || el;
    const text = (body.textContent || '').trim();
    if (text) return { text, at: performance.now() };
  }
  if (items.length) return null;
  const box = output ? document.querySelector(`[data-testid="${output}"]`) : null;
  if (!box) return null;
  const text = ((/^(TEXTAREA|INPUT)$/.test(box.tagName) ? box.value : box.textContent) || '').trim();
  return prev !== null && text && text !== prev ? { text, at: performance.now() } : null;
}

async function pageSize(browser, server, url) {
  const context = await browser.newContext();
  const failed = [];
  try {
    const page = await context.newPage();
    page.on('requestfailed', (r) => failed.push(r.url()));
    server.startRecording();
    await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
    let idle = true;
    await page.waitForLoadState('networkidle', { timeout: 20_000 }).catch(() => { idle = false; });
    await page.waitForTimeout(500);
    const log = server.stopRecording();
    const ok = log.filter((r) => r.status === 200);
    return {
      gzip_bytes: ok.reduce((s, r) => s + r.gzip, 0), bytes: ok.reduce((s, r) => s + r.bytes, 0),
      requests: log.length, not_modified: log.filter((r) => r.status === 304).length,
      not_found: log.filter((r) => r.status !== 200 && r.status !== 304).map((r) => r.path),
      failed_requests: failed, reached_network_idle: idle,
      files: ok.map((r) => ({ path: r.path, bytes: r.bytes, gzip: r.gzip })),
    };
  } catch (e) {
    server.stopRecording();
    return { error: firstLine(e) };
  } finally {
    await context.close().catch(() => {});
  }
}

async function timeToFirstSample(browser, url, md, opts, progress) {
  const context = await browser.newContext();
  const errors = [];
  try {
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 30_000 });
    // The page builds its controls from script: poll until the play control and the output are there.
    let ids = null, domIds = [];
    const until = Date.now() + 30_000;
    for (;;) {
      domIds = await page.evaluate(() =>
        [...document.querySelectorAll('[data-testid]')].map((e) => e.getAttribute('data-testid')));
      ids = pickTestids(md, domIds, opts);
      if ((ids.play && domIds.includes(ids.play) && (ids.output || ids.item)) || Date.now() > until) break;
      await page.waitForTimeout(25);
    }
    if (!ids.play || !domIds.includes(ids.play) || !(ids.output || ids.item)) {
      const missing = !ids.play || !domIds.includes(ids.play) ? 'play control' : 'sample output';
      return { skipped: `no ${missing} data-testid within 30 s (${md ? 'web/TESTIDS.md read' : 'no TESTIDS.md'}; ` +
        `the page has: ${[...new Set(domIds)].join(', ') || 'none'})` };
    }
    const play = page.getByTestId(ids.play).first();
    await play.waitFor({ state: 'visible', timeout: 30_000 });
    const before = await page.evaluate((output) => {
      const box = output ? document.querySelector(`[data-testid="${output}"]`) : null;
      return box ? ((/^(TEXTAREA|INPUT)$/.test(box.tagName) ? box.value : box.textContent) || '').trim() : null;
    }, ids.output);
    await play.click({ timeout: 30_000 });  // waits until enabled (the page may wait for its engine)
    const clickedAt = await page.evaluate(() => performance.now());
    progress(`page: pressed [data-testid=${ids.play}] at ${(clickedAt / 1000).toFixed(2)} s; waiting for the ` +
      `first sample ([data-testid=${ids.item || ids.output}])`);
    const handle = await page.waitForFunction(probeSample, [ids.item, ids.output, before],
      { polling: 20, timeout: 60_000 });
    const found = await handle.jsonValue();
    return { ms: found.at, click_ms: clickedAt, play_testid: ids.play, sample_testid: ids.item || ids.output,
      sample_preview: found.text.slice(0, 60), page_errors: errors };
  } catch (e) {
    const pageErrors = errors.slice(0, 3).join(' | ').replace(/\s+/g, ' ').trim();
    return { error: firstLine(e) + (pageErrors ? ` (page errors: ${pageErrors})` : '') };
  } finally {
    await context.close().catch(() => {});
  }
}

export async function pageMetrics(root, browser, server, opts, progress) {
  const pageFile = path.resolve(root, opts.page);
  const rel = path.relative(root, pageFile).split(path.sep).join('/');
  if (rel.startsWith('..') || path.isAbsolute(rel)) return { skipped: `${opts.page} is outside the repository` };
  if (!fs.existsSync(pageFile)) return { skipped: `${rel} does not exist yet` };
  const url = `${server.origin}/${rel}`;
  const mdPath = path.join(path.dirname(pageFile), 'TESTIDS.md');
  const md = fs.existsSync(mdPath) ? fs.readFileSync(mdPath, 'utf8') : '';
  return {
    size: await pageSize(browser, server, url),                                  // (a)
    first_sample: await timeToFirstSample(browser, url, md, opts, progress),    // (b)
  };
}
