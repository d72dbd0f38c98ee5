// Fit and finish: the dark theme follows the system setting (the page and its canvas charts, redrawn when the
// setting changes) and every text stays readable against what is behind it in both themes; a wide screen gets
// more columns in a centred page with no holes; "Open model" (and the upload buttons) are one tab stop each.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import {
  SMALL, assertNoErrors, browserSuite, linkHash, openPlayground, pause, screenshot, stepOnce, tid, waitForNotice,
  waitForPlayState,
} from './harness.mjs';

const env = browserSuite();

// Runs in the page: every element with its own visible text whose colour has a contrast ratio below `min`
// against the first opaque background behind it (WCAG's formula). Returns [{text, color, background, ratio}].
function lowContrast(min) {
  const parse = (c) => {
    const m = c.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const [r, g, b, a = 1] = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return { r, g, b, a };
  };
  const lum = ({ r, g, b }) => {
    const f = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const behind = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c.a > 0.5) return c;
    }
    return parse(getComputedStyle(document.documentElement).backgroundColor) || { r: 255, g: 255, b: 255, a: 1 };
  };
  const bad = [];
  for (const el of document.querySelectorAll('body *')) {
    if (!el.getClientRects().length || !el.checkVisibility({ visibilityProperty: true })) continue;
    if (![...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim())) continue;
    const style = getComputedStyle(el);
    if (style.clip === 'rect(0px, 0px, 0px, 0px)') continue;  // visually hidden
    const fg = parse(style.color), bg = behind(el);
    const [hi, lo] = [lum(fg), lum(bg)].sort((x, y) => y - x);
    const ratio = (hi + 0.05) / (lo + 0.05);
    if (ratio < min) bad.push({ text: el.textContent.trim().slice(0, 40), color: style.color, background: `rgb(${bg.r}, ${bg.g}, ${bg.b})`, ratio: ratio.toFixed(2) });
  }
  return bad;
}

// Runs in the page: for every canvas drawn, the luminance (0-1) of its top-left pixel (background in every
// chart) and the brightest and darkest luminance in its left 40 CSS pixels (the y axis: tick labels and title).
function canvasShades() {
  const lum = (d, i) => (0.2126 * d[i] + 0.7152 * d[i + 1] + 0.0722 * d[i + 2]) / 255;
  return [...document.querySelectorAll('canvas')].filter((c) => c.width > 1 && c.height > 1 && c.getClientRects().length).map((c) => {
    const ctx = c.getContext('2d');
    const dpr = window.devicePixelRatio || 1;
    const corner = ctx.getImageData(0, 0, 1, 1).data;
    const strip = ctx.getImageData(0, 0, Math.min(c.width, Math.round(40 * dpr)), c.height).data;
    let max = 0, min = 1;
    for (let i = 0; i < strip.length; i += 4) {
      const l = lum(strip, i);
      if (l > max) max = l;
      if (l < min) min = l;
    }
    return { id: c.dataset.testid || c.closest('[data-testid]')?.dataset.testid, background: lum(corner, 0), max, min };
  });
}

async function pageShades(page) {
  return page.evaluate(() => {
    const css = (el, p) => getComputedStyle(el)[p];
    return { scheme: css(document.documentElement, 'colorScheme'), body: css(document.body, 'backgroundColor'),
      card: css(document.querySelector('.card'), 'backgroundColor'), ink: css(document.body, 'color'),
      input: css(document.querySelector('[data-testid="ctl-hidden"]'), 'backgroundColor') };
  });
}

const luminance = (rgb) => {
  const [r, g, b] = rgb.match(/\d+/g).map(Number);
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
};

test('dark when the system is dark: page, controls and charts; back to light when the setting changes', { timeout: 90_000 }, async (t) => {
  const { page, errors } = await openPlayground(env, t, { hash: await linkHash(SMALL), colorScheme: 'dark' });
  for (let i = 1; i <= 3; i++) await stepOnce(page, i);
  // the views draw what they asked for after a step
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="gates-histograms"] canvas').length > 0 &&
    document.querySelector('[data-testid="heatmap"]').width > 1, null, { timeout: 30_000 });
  await page.waitForTimeout(300);

  const dark = await pageShades(page);
  assert.equal(dark.scheme, 'dark', 'color-scheme is dark, so form controls and scroll bars follow');
  assert.ok(luminance(dark.body) < 0.1, `the page is dark: ${dark.body}`);
  assert.ok(luminance(dark.card) < 0.15, `the cards are dark: ${dark.card}`);
  assert.ok(luminance(dark.input) < 0.2, `the inputs are dark: ${dark.input}`);
  assert.ok(luminance(dark.ink) > 0.8, `the text is light: ${dark.ink}`);
  assert.deepEqual(await page.evaluate(lowContrast, 3), [], 'every text reads against its background in dark');

  const shadesDark = await page.evaluate(canvasShades);
  assert.ok(shadesDark.length >= 7, `the charts are drawn: ${JSON.stringify(shadesDark)}`);
  for (const s of shadesDark) {
    assert.ok(s.background < 0.15, `${s.id}: a dark background (${s.background.toFixed(2)})`);
    assert.ok(s.max > 0.55, `${s.id}: light axis labels on it (brightest ${s.max.toFixed(2)})`);
  }
  await screenshot(page, 'fit-dark');

  // The system switches to light: the page and, without a new step, the charts follow.
  await page.emulateMedia({ colorScheme: 'light' });
  await page.waitForFunction(() => getComputedStyle(document.documentElement).colorScheme === 'light');
  const light = await pageShades(page);
  assert.ok(luminance(light.body) > 0.9 && luminance(light.card) > 0.95, `light again: ${JSON.stringify(light)}`);
  assert.ok(luminance(light.ink) < 0.25, `dark text: ${light.ink}`);
  assert.deepEqual(await page.evaluate(lowContrast, 3), [], 'every text reads against its background in light');
  await page.waitForFunction(() => {
    const c = document.querySelector('[data-testid="loss-chart"]');
    const d = c.getContext('2d').getImageData(0, 0, 1, 1).data;
    return d[0] > 240 && d[1] > 240 && d[2] > 240;
  }, null, { timeout: 10_000 });
  for (const s of await page.evaluate(canvasShades)) {
    assert.ok(s.background > 0.9, `${s.id}: redrawn on a light background (${s.background.toFixed(2)})`);
    assert.ok(s.min < 0.35, `${s.id}: dark axis labels (darkest ${s.min.toFixed(2)})`);
  }
  assertNoErrors(errors);
});

// Runs in the page: the shown family's view grid: its columns, its box, and its cards grouped into rows
// (by their top edge), each card's box.
function gridLayout() {
  const grid = [...document.querySelectorAll('main.views')].find((g) => !g.hidden);
  const box = (el) => {
    const r = el.getBoundingClientRect();
    return { id: el.dataset.testid, left: Math.round(r.left), right: Math.round(r.right), top: Math.round(r.top), width: Math.round(r.width) };
  };
  const cards = [...grid.children].filter((c) => c.getClientRects().length).map(box);
  const rows = new Map();
  for (const c of cards) rows.set(c.top, [...(rows.get(c.top) || []), c]);
  const layout = document.querySelector('.layout').getBoundingClientRect();
  return {
    columns: getComputedStyle(grid).gridTemplateColumns.split(' ').length,
    grid: box(grid), rows: [...rows.values()],
    page: { left: Math.round(layout.left), right: Math.round(innerWidth - layout.right), width: Math.round(layout.width) },
    overflow: document.scrollingElement.scrollWidth - innerWidth,
  };
}

// Every row of cards ends at the grid's right edge (no hole at the end of a row), and no card is wider than `max`.
function assertFilled(layout, max, what) {
  for (const row of layout.rows) {
    const last = row.reduce((a, b) => (b.right > a.right ? b : a));
    assert.ok(Math.abs(last.right - layout.grid.right) <= 2,
      `${what}: the row of ${row.map((c) => c.id).join(', ')} ends at ${last.right}, the grid at ${layout.grid.right}`);
    for (const c of row) assert.ok(c.width <= max, `${what}: ${c.id} is ${c.width} px wide (at most ${max})`);
  }
}

test('a wide screen gets three columns in a centred page, with no holes; a laptop two; a phone one', { timeout: 90_000 }, async (t) => {
  const { page, errors } = await openPlayground(env, t, { hash: await linkHash(SMALL), viewport: { width: 3840, height: 2160 } });
  await stepOnce(page, 1);
  let wide = await page.evaluate(gridLayout);
  assert.equal(wide.columns, 3, 'three columns at 3840 px');
  assert.ok(wide.page.width <= 2560, `the page stops growing: ${wide.page.width} px`);
  assert.ok(Math.abs(wide.page.left - wide.page.right) <= 2, `and is centred: ${JSON.stringify(wide.page)}`);
  assertFilled(wide, 2300, 'char LM at 3840 px');
  assert.ok(wide.rows[0].length >= 2, `loss and samples share the first row: ${JSON.stringify(wide.rows[0])}`);
  const narrowCards = wide.rows.flat().filter((c) => /samples|gates|predict/.test(c.id));
  for (const c of narrowCards) assert.ok(c.width <= 800, `${c.id}: ${c.width} px, not stretched`);
  await screenshot(page, 'fit-3840');

  await page.setViewportSize({ width: 1440, height: 1000 });
  const laptop = await page.evaluate(gridLayout);
  assert.equal(laptop.columns, 2, 'two columns at 1440 px');
  assertFilled(laptop, 1100, 'char LM at 1440 px');

  await page.setViewportSize({ width: 390, height: 844 });
  const phone = await page.evaluate(gridLayout);
  assert.equal(phone.columns, 1, 'one column on a phone');
  assert.ok(phone.overflow <= 0, `nothing sticks out sideways: ${phone.overflow} px`);
  assertFilled(phone, 390, 'char LM at 390 px');

  // seq2seq: the attention card stands beside the beam and length cards instead of spanning two rows
  await page.setViewportSize({ width: 3840, height: 2160 });
  await page.click(tid('mode-menu'));
  await page.click(tid('mode-seq2seq'));
  await page.waitForFunction(() => document.body.dataset.mode === 'seq2seq');
  wide = await page.evaluate(gridLayout);
  assertFilled(wide, 2300, 'seq2seq at 3840 px');
  assert.ok(wide.rows.some((r) => r.length === 3), `attention, beam and length in one row: ${JSON.stringify(wide.rows.map((r) => r.map((c) => c.id)))}`);
  assertNoErrors(errors);
});

// The focused element, described: its testid, tag, type and text.
const focused = (page) => page.evaluate(() => {
  const el = document.activeElement;
  return { testid: el.dataset.testid || null, tag: el.tagName.toLowerCase(), type: el.type || null, text: el.textContent.trim() };
});

test('"Open model" is one tab stop and Enter opens the file chooser; the upload buttons likewise', { timeout: 60_000 }, async (t) => {
  const { page, errors } = await openPlayground(env, t, { hash: await linkHash(SMALL) });
  // listening from the start, so Playwright intercepts file choosers before the first key opens one
  const choosers = [];
  page.on('filechooser', (c) => choosers.push(c));
  const chooserAfter = async (key) => {
    const before = choosers.length;
    await page.keyboard.press(key);
    for (let i = 0; i < 100 && choosers.length === before; i++) await new Promise((r) => setTimeout(r, 50));
    assert.ok(choosers.length > before, `pressing '${key}' opens a file chooser`);
    return choosers[choosers.length - 1];
  };
  // the control before it is the model summary's button
  await page.focus(tid('model-summary-button'));
  await page.keyboard.press('Tab');
  assert.equal((await focused(page)).testid, 'open-model-button', 'one Tab from the control before reaches Open model');
  await page.keyboard.press('Tab');
  const next = await focused(page);
  assert.notEqual(next.type, 'file', 'the next Tab does not stop on the hidden file input');
  assert.equal(next.testid, 'command-menu', 'it goes on to the Command line menu');
  await page.keyboard.press('Shift+Tab');
  assert.equal((await focused(page)).testid, 'open-model-button');

  const chooser = await chooserAfter('Enter');
  assert.equal(await chooser.element().evaluate((el) => el.dataset.testid), 'open-model', 'Enter opens its chooser');
  // what is chosen there is opened as a model (here: refused, as not a model file)
  await chooser.setFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a model\n'.repeat(20)) });
  const n = await waitForNotice(page, { levels: ['error'], pattern: /notes\.txt/ });
  assert.match(n.text, /not a safetensors file/);
  // Space stays the page's play/pause key on every focused button (web/shell/shortcuts.js), this one too
  await page.focus(tid('open-model-button'));
  const opened = choosers.length;
  await page.keyboard.press(' ');
  await waitForPlayState(page, 'running');
  await pause(page);
  assert.equal(choosers.length, opened, 'Space does not also open the chooser');

  // "Upload .txt…" under "Use your own text": one stop after "Train on this text", and it opens a chooser
  await page.click('.own-text summary');
  await page.focus(tid('use-text'));
  await page.keyboard.press('Tab');
  const upload = await focused(page);
  assert.equal(upload.tag, 'button');
  assert.match(upload.text, /Upload/);
  const upChooser = await chooserAfter('Enter');
  assert.equal(await upChooser.element().evaluate((el) => el.dataset.testid), 'text-upload');
  await page.keyboard.press('Tab');
  assert.notEqual((await focused(page)).type, 'file', 'no stop on its hidden input either');
  assertNoErrors(errors);
});
