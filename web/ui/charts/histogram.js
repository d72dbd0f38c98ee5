// A small histogram on canvas for activation values in a fixed range, with the saturated ends (below
// satLo, above satHi) in a warning colour and their shares printed above the bars.
import { FONT, FONT_BOLD, fitCanvas } from './axes.js';
import { chartTheme, followTheme } from './theme.js';

export class Histogram {
  constructor(canvas) {
    this.canvas = canvas;
    this.ctx = canvas.getContext('2d');
    this.data = null;
    fitCanvas(canvas, () => this.draw());
    followTheme(this);
  }

  // {values: Float32Array-like, lo, hi, bins, satLo, satHi, title}
  setData(data) {
    this.data = data;
    this.draw();
  }

  // Shares of values below satLo / above satHi.
  static saturation(values, satLo, satHi) {
    let low = 0, high = 0;
    for (let i = 0; i < values.length; i++) {
      if (values[i] < satLo) low++;
      else if (values[i] > satHi) high++;
    }
    const n = Math.max(1, values.length);
    return { low: low / n, high: high / n };
  }

  draw() {
    const d = this.data;
    const dpr = window.devicePixelRatio || 1;
    const W = this.canvas.width / dpr, H = this.canvas.height / dpr;
    const ctx = this.ctx;
    const theme = chartTheme();
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = theme.surface;
    ctx.fillRect(0, 0, W, H);
    if (!d) return;
    const bins = d.bins || 20;
    const counts = new Float64Array(bins);
    const width = (d.hi - d.lo) / bins;
    for (let i = 0; i < d.values.length; i++) {
      const b = Math.min(bins - 1, Math.max(0, Math.floor((d.values[i] - d.lo) / width)));
      counts[b]++;
    }
    const n = Math.max(1, d.values.length);
    const max = Math.max(...counts) / n || 1;
    const pad = { l: 8, r: 8, t: 34, b: 18 };
    const pw = W - pad.l - pad.r, ph = H - pad.t - pad.b;
    const sat = Histogram.saturation(d.values, d.satLo, d.satHi);

    ctx.font = FONT_BOLD;
    ctx.fillStyle = theme.ink;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'top';
    ctx.fillText(fitText(ctx, d.title, W - pad.l - pad.r), pad.l, 2);
    ctx.font = FONT;
    ctx.fillStyle = theme.warnInk;
    ctx.fillText(`<${d.satLo}: ${pct(sat.low)}`, pad.l, 17);
    ctx.textAlign = 'right';
    ctx.fillText(`>${d.satHi}: ${pct(sat.high)}`, W - pad.r, 17);

    const bw = pw / bins;
    for (let b = 0; b < bins; b++) {
      const x0 = d.lo + b * width, x1 = x0 + width;
      const saturated = x1 <= d.satLo + 1e-9 || x0 >= d.satHi - 1e-9;
      ctx.fillStyle = saturated ? theme.warn : theme.bar;
      const hgt = ((counts[b] / n) / max) * ph;
      ctx.fillRect(pad.l + b * bw + 0.5, pad.t + ph - hgt, Math.max(1, bw - 1), hgt);
    }
    ctx.strokeStyle = theme.axis;
    ctx.beginPath();
    ctx.moveTo(pad.l, pad.t + ph + 0.5);
    ctx.lineTo(pad.l + pw, pad.t + ph + 0.5);
    ctx.stroke();
    ctx.fillStyle = theme.muted;
    ctx.textBaseline = 'top';
    for (const [v, align] of [[d.lo, 'left'], [(d.lo + d.hi) / 2, 'center'], [d.hi, 'right']]) {
      ctx.textAlign = align;
      ctx.fillText(String(v), pad.l + ((v - d.lo) / (d.hi - d.lo)) * pw, pad.t + ph + 4);
    }
  }
}

function pct(x) {
  return (x * 100).toFixed(x < 0.1 ? 1 : 0) + '%';
}

// `text` shortened with an ellipsis to fit `width` px in the context's font (a narrow histogram must not clip
// its title mid-word).
function fitText(ctx, text, width) {
  if (ctx.measureText(text).width <= width) return text;
  let n = text.length;
  while (n > 1 && ctx.measureText(`${text.slice(0, n)}…`).width > width) n--;
  return `${text.slice(0, n).trimEnd()}…`;
}
