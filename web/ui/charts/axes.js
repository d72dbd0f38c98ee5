// Axis helpers shared by the charts: "nice" linear and logarithmic ticks, and a canvas sized to its box at
// the device pixel ratio.

// Ticks for [lo, hi] aiming at about `count` labels: multiples of 1, 2 or 5 times a power of ten.
export function linearTicks(lo, hi, count = 5) {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / Math.max(1, count);
  const p = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw) || 10 * p;
  const ticks = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

// Ticks for a log axis over [lo, hi] (both > 0): decades, with 2, 3 and 5 in between when the span is short,
// and plain linear ticks when it is shorter than about half a decade.
export function logTicks(lo, hi, count = 5) {
  const span = Math.log10(hi / lo);
  if (!(span > 0)) return [lo];
  if (span < 0.6) return linearTicks(lo, hi, count).filter((v) => v > 0);
  const mults = span <= 1.5 ? [1, 2, 3, 5] : span <= 3 ? [1, 2, 5] : [1];
  const stride = span <= 6 ? 1 : Math.ceil(span / count);
  const ticks = [];
  const first = Math.floor(Math.log10(lo)), last = Math.ceil(Math.log10(hi));
  for (let e = Math.floor(first / stride) * stride; e <= last; e += stride) {
    for (const m of mults) {
      const v = Number((m * Math.pow(10, e)).toPrecision(6));
      if (v >= lo * 0.9999 && v <= hi * 1.0001) ticks.push(v);
    }
  }
  return ticks;
}

// Keeps a canvas's pixel size equal to its CSS box times devicePixelRatio; calls onResize after a change.
export function fitCanvas(canvas, onResize) {
  const apply = () => {
    const dpr = window.devicePixelRatio || 1;
    const w = Math.max(1, Math.round(canvas.clientWidth * dpr));
    const hgt = Math.max(1, Math.round(canvas.clientHeight * dpr));
    if (canvas.width !== w || canvas.height !== hgt) {
      canvas.width = w;
      canvas.height = hgt;
      onResize();
    }
  };
  const ro = new ResizeObserver(apply);
  ro.observe(canvas);
  apply();
  return () => ro.disconnect();
}

export const FONT = '11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
export const FONT_BOLD = '600 11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
export const MONO = '11px ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace';
// colours: theme.js
