// One line of a LineChart: its points (grown in place, or replaced), its style, and how it draws itself.
import { themeColor } from './theme.js';

export class Series {
  constructor(opts) {
    this.label = opts.label || '';
    this.color = opts.color || '--c-blue';  // a colour, or a theme variable's name (theme.js)
    this.width = opts.width || 1.5;
    this.dash = opts.dash || [];
    this.alpha = opts.alpha ?? 1;
    this.markers = !!opts.markers;
    this.legend = opts.legend !== false;
    this.xs = new Float64Array(64);
    this.ys = new Float64Array(64);
    this.n = 0;
  }

  push(x, y) {
    if (this.n === this.xs.length) {
      const xs = new Float64Array(this.n * 2), ys = new Float64Array(this.n * 2);
      xs.set(this.xs);
      ys.set(this.ys);
      this.xs = xs;
      this.ys = ys;
    }
    this.xs[this.n] = x;
    this.ys[this.n] = y;
    this.n++;
  }

  set(xs, ys) {
    const n = Math.min(xs.length, ys.length);
    this.xs = Float64Array.from(xs.slice(0, n));
    this.ys = Float64Array.from(ys.slice(0, n));
    if (this.xs.length === 0) {
      this.xs = new Float64Array(64);
      this.ys = new Float64Array(64);
    }
    this.n = n;
  }

  // The index of the point nearest to x (points are sorted by x).
  nearest(x) {
    let lo = 0, hi = this.n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.xs[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0 && Math.abs(this.xs[lo - 1] - x) < Math.abs(this.xs[lo] - x)) lo--;
    return lo;
  }

  // Draws the series with the scales sx, sy over a plot pw pixels wide: a long series as the min and max
  // of each pixel column, so a hundred thousand points cost the same as a thousand.
  draw(ctx, sx, sy, pw, logY) {
    const s = this;
    if (s.n === 0) return;
    const color = themeColor(s.color);
    ctx.strokeStyle = color;
    ctx.fillStyle = color;
    ctx.globalAlpha = s.alpha;
    ctx.lineWidth = s.width;
    ctx.setLineDash(s.dash);
    ctx.lineJoin = 'round';
    ctx.beginPath();
    const ok = (y) => Number.isFinite(y) && (!logY || y > 0);
    let started = false;
    if (s.n > pw * 2) {
      // min/max per pixel column
      let col = null, first = 0, lo = 0, hi = 0, last = 0;
      const flush = () => {
        if (col === null) return;
        if (!started) {
          ctx.moveTo(col, first);
          started = true;
        } else ctx.lineTo(col, first);
        ctx.lineTo(col, lo);
        ctx.lineTo(col, hi);
        ctx.lineTo(col, last);
      };
      for (let i = 0; i < s.n; i++) {
        if (!ok(s.ys[i])) continue;
        const x = Math.round(sx(s.xs[i])), y = sy(s.ys[i]);
        if (x !== col) {
          flush();
          col = x;
          first = lo = hi = last = y;
        } else {
          if (y < lo) lo = y;
          if (y > hi) hi = y;
          last = y;
        }
      }
      flush();
    } else {
      for (let i = 0; i < s.n; i++) {
        if (!ok(s.ys[i])) {
          started = false;
          continue;
        }
        const x = sx(s.xs[i]), y = sy(s.ys[i]);
        if (!started) {
          ctx.moveTo(x, y);
          started = true;
        } else ctx.lineTo(x, y);
      }
    }
    ctx.stroke();
    ctx.setLineDash([]);
    if (s.markers && s.n <= pw / 3) {
      for (let i = 0; i < s.n; i++) {
        if (!ok(s.ys[i])) continue;
        ctx.beginPath();
        ctx.arc(sx(s.xs[i]), sy(s.ys[i]), 2.5, 0, Math.PI * 2);
        ctx.fill();
      }
    }
    ctx.globalAlpha = 1;
  }
}
