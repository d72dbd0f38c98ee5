// Fit and finish: the dark theme follows the system setting (the page and its canvas charts, redrawn when the
// setting changes), and every text stays readable against what is behind it in both themes.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { SMALL, assertNoErrors, browserSuite, linkHash, openPlayground, screenshot, stepOnce, tid } from './harness.mjs';

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
