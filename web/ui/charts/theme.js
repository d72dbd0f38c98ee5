// The charts' colours, read from the page's CSS variables (style/theme.css) so a canvas follows the light or
// dark theme like the rest of the page. A chart asks chartTheme() when it draws and calls followTheme(this)
// once, to be redrawn when the system's colour scheme changes, or when <html>'s class, data-theme or style
// attribute does (where a theme toggle would put its choice).

// what each chart colour is called in theme.css
const VARS = {
  surface: '--card', ink: '--ink', muted: '--muted', grid: '--chart-grid', axis: '--chart-axis',
  line: '--line-strong', mark: '--chart-mark', bar: '--chart-bar', warn: '--chart-warn', warnInk: '--chart-warn-ink',
};
// the light theme's values, for a page whose style sheet did not load
const FALLBACK = {
  surface: '#ffffff', ink: '#1f2937', muted: '#6b7280', grid: '#e5e7eb', axis: '#9ca3af',
  line: '#cfd4dc', mark: '#111827', bar: '#64748b', warn: '#ea580c', warnInk: '#c2410c',
};

let cached = null;
const followers = new Set();  // WeakRefs to charts: a chart that is gone is not kept alive to be redrawn
let listening = false;

// {surface, ink, muted, grid, axis, line, mark, bar, warn, warnInk, dark}: CSS colour strings.
export function chartTheme() {
  if (!cached) {
    const style = getComputedStyle(document.documentElement);
    cached = { vars: new Map() };
    for (const [key, name] of Object.entries(VARS)) cached[key] = style.getPropertyValue(name).trim() || FALLBACK[key];
    cached.dark = style.colorScheme === 'dark';
    listen();
  }
  return cached;
}

// A colour named by a CSS variable ('--c-blue', as the views give their series) as the theme has it now;
// any other colour as it is.
export function themeColor(color) {
  if (typeof color !== 'string' || !color.startsWith('--')) return color;
  const theme = chartTheme();
  let value = theme.vars.get(color);
  if (value === undefined) {
    value = getComputedStyle(document.documentElement).getPropertyValue(color).trim() || FALLBACK.muted;
    theme.vars.set(color, value);
  }
  return value;
}

// Redraws `chart` (its draw()) whenever the theme changes.
export function followTheme(chart) {
  followers.add(new WeakRef(chart));
  listen();
}

function changed() {
  cached = null;
  for (const ref of followers) {
    const chart = ref.deref();
    if (chart) chart.draw();
    else followers.delete(ref);
  }
}

function listen() {
  if (listening || typeof window === 'undefined') return;
  listening = true;
  window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', changed);
  new MutationObserver(changed).observe(document.documentElement, { attributes: true, attributeFilter: ['class', 'data-theme', 'style'] });
}
