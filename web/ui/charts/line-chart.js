// A line chart on canvas with axes, units, a legend, an optional log y-axis and a hover readout. Series
// grow with addDataPoint (or are replaced with setSeries); long series are drawn with per-pixel min/max
// decimation, so a hundred thousand points cost the same as a thousand. Redraws at most once per frame.
import { FONT, FONT_BOLD, fitCanvas, linearTicks, logTicks } from './axes.js';
import { chartTheme, followTheme, themeColor } from './theme.js';
import { fmtTick } from '../../shell/format.js';
import { Series } from './series.js';
import { csvText } from './csv.js';

export class LineChart {
  // opts: {xLabel, yLabel, logY, emptyMessage, xInteger}
  constructor(canvas, opts = {}) {
    this.canvas = canvas;
    this.ctx = canvas.getContext('2d');
    this.xLabel = opts.xLabel || '';
    this.yLabel = opts.yLabel || '';
    this.logY = !!opts.logY;
    this.xInteger = opts.xInteger !== false;
    this.emptyMessage = opts.emptyMessage || 'No data yet';
    this.primary = opts.primary || null;
    this.minXSpan = opts.minXSpan || 0;   // the x axis covers at least [x0, x0 + minXSpan]  // while this series is empty, the empty message shows over the axes
    this.fixedY = opts.fixedY || null;    // [lo, hi]: a fixed y range (linear axes only), e.g. [0, 100] for percentages
    this.series = new Map();
    this.hoverX = null;
    this.queued = false;
    this.layout = null;
    fitCanvas(canvas, () => this.draw());
    followTheme(this);
    canvas.chartCsv = () => this.toCSV();
    canvas.addEventListener('mousemove', (e) => {
      const r = canvas.getBoundingClientRect();
      this.hoverX = e.clientX - r.left;
      this.render();
    });
    canvas.addEventListener('mouseleave', () => {
      this.hoverX = null;
      this.render();
    });
  }

  // Every series as a column over the union of their x values (an empty cell where a series has no point).
  toCSV() {
    const list = [...this.series.entries()].filter(([, s]) => s.n > 0);
    const xs = [...new Set(list.flatMap(([, s]) => Array.from(s.xs.subarray(0, s.n))))].sort((a, b) => a - b);
    const columns = list.map(([, s]) => {
      const at = new Map();
      for (let i = 0; i < s.n; i++) at.set(s.xs[i], s.ys[i]);
      return at;
    });
    const header = [this.xLabel || 'x', ...list.map(([id, s]) => s.label || id)];
    return csvText([header, ...xs.map((x) => [x, ...columns.map((at) => (at.has(x) ? at.get(x) : ''))])]);
  }

  addSeries(id, opts) {
    this.series.set(id, new Series(opts));
    this.render();
  }

  // Changes a series' label or whether it shows in the legend.
  setSeriesOptions(id, { label, legend }) {
    const s = this.series.get(id);
    if (!s) return;
    if (label !== undefined) s.label = label;
    if (legend !== undefined) s.legend = !!legend;
    this.render();
  }

  hasSeries(id) {
    return this.series.has(id);
  }

  removeSeries(id) {
    this.series.delete(id);
    this.render();
  }

  addDataPoint(id, x, y) {
    const s = this.series.get(id);
    if (!s) return;
    s.push(x, y);
    this.render();
  }

  setSeries(id, xs, ys) {
    const s = this.series.get(id);
    if (!s) return;
    s.set(xs, ys);
    this.render();
  }

  // Clears the data of every series (or of the given ones), keeping their definitions.
  reset(ids) {
    for (const [id, s] of this.series) if (!ids || ids.includes(id)) s.n = 0;
    this.render();
  }

  setLogY(on) {
    this.logY = !!on;
    this.render();
  }

  setEmptyMessage(msg) {
    this.emptyMessage = msg;
    this.render();
  }

  render() {
    if (this.queued) return;
    this.queued = true;
    requestAnimationFrame(() => {
      this.queued = false;
      this.draw();
    });
  }

  // ---- drawing ----

  ranges() {
    let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
    for (const s of this.series.values()) {
      for (let i = 0; i < s.n; i++) {
        const x = s.xs[i], y = s.ys[i];
        if (!Number.isFinite(x) || !Number.isFinite(y) || (this.logY && y <= 0)) continue;
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
    }
    if (!Number.isFinite(x0)) return null;
    if (x1 - x0 < this.minXSpan) x1 = x0 + this.minXSpan;
    if (x1 === x0) x1 = x0 + 1;
    if (this.fixedY && !this.logY) return { x0, x1, y0: this.fixedY[0], y1: this.fixedY[1] };
    if (this.logY) {
      if (y1 / y0 < 1.05) {
        y0 /= 1.05;
        y1 *= 1.05;
      }
      const pad = Math.pow(y1 / y0, 0.04);
      y0 /= pad;
      y1 *= pad;
    } else {
      if (y1 === y0) {
        y0 -= 0.5;
        y1 += 0.5;
      }
      const pad = (y1 - y0) * 0.05;
      y0 = y0 >= 0 && y0 - pad < 0 ? 0 : y0 - pad;
      y1 += pad;
    }
    return { x0, x1, y0, y1 };
  }

  draw() {
    const { canvas, ctx } = this;
    const dpr = window.devicePixelRatio || 1;
    const W = canvas.width / dpr, H = canvas.height / dpr;
    const theme = chartTheme();
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = theme.surface;
    ctx.fillRect(0, 0, W, H);
    const legendH = this.drawLegend(W);
    const R = this.ranges();
    const pad = { l: 58, r: 14, t: legendH + 8, b: 38 };
    const ph = H - pad.t - pad.b;
    // the left margin fits the widest y tick label beside the rotated axis title
    ctx.font = FONT;
    const yt = !R ? [] : this.logY ? logTicks(R.y0, R.y1, Math.max(2, Math.floor(ph / 36))) : linearTicks(R.y0, R.y1, Math.max(2, Math.floor(ph / 36)));
    const labelW = Math.max(0, ...yt.map((v) => ctx.measureText(fmtTick(v)).width));
    pad.l = Math.max(46, Math.ceil(labelW) + 30);
    const pw = W - pad.l - pad.r;
    if (pw < 20 || ph < 20) return;
    if (!R) {
      this.drawFrame(pad, pw, ph);
      ctx.fillStyle = theme.muted;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillText(this.emptyMessage, pad.l + pw / 2, pad.t + ph / 2);
      this.drawAxisLabels(pad, pw, ph, W, H);
      this.layout = null;
      return;
    }
    const ly = (y) => Math.log10(y);
    const sx = (x) => pad.l + ((x - R.x0) / (R.x1 - R.x0)) * pw;
    const sy = this.logY
      ? (y) => pad.t + ph - ((ly(y) - ly(R.y0)) / (ly(R.y1) - ly(R.y0))) * ph
      : (y) => pad.t + ph - ((y - R.y0) / (R.y1 - R.y0)) * ph;
    this.layout = { pad, pw, ph, R, sx, sy };

    // grid and tick labels
    let xt = linearTicks(R.x0, R.x1, Math.max(2, Math.floor(pw / 80)));
    if (this.xInteger) xt = xt.filter((v) => Number.isInteger(v));
    ctx.strokeStyle = theme.grid;
    ctx.lineWidth = 1;
    ctx.fillStyle = theme.muted;
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (const v of yt) {
      const y = Math.round(sy(v)) + 0.5;
      ctx.beginPath();
      ctx.moveTo(pad.l, y);
      ctx.lineTo(pad.l + pw, y);
      ctx.stroke();
      ctx.fillText(fmtTick(v), pad.l - 6, y);
    }
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    for (const v of xt) {
      const x = Math.round(sx(v)) + 0.5;
      ctx.beginPath();
      ctx.moveTo(x, pad.t);
      ctx.lineTo(x, pad.t + ph);
      ctx.stroke();
      ctx.fillText(fmtTick(v), x, pad.t + ph + 5);
    }
    this.drawFrame(pad, pw, ph);
    this.drawAxisLabels(pad, pw, ph, W, H);

    // series
    ctx.save();
    ctx.beginPath();
    ctx.rect(pad.l, pad.t, pw, ph);
    ctx.clip();
    for (const s of this.series.values()) s.draw(this.ctx, sx, sy, pw, this.logY);
    ctx.restore();
    this.drawHover(sx, sy, pad, pw, ph, R);
    const primary = this.primary && this.series.get(this.primary);
    if (primary && primary.n === 0) {
      ctx.font = FONT;
      ctx.fillStyle = theme.muted;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillText(this.emptyMessage, pad.l + pw / 2, pad.t + ph / 2);
    }
  }

  drawFrame(pad, pw, ph) {
    const ctx = this.ctx;
    ctx.strokeStyle = chartTheme().axis;
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(pad.l + 0.5, pad.t);
    ctx.lineTo(pad.l + 0.5, pad.t + ph + 0.5);
    ctx.lineTo(pad.l + pw, pad.t + ph + 0.5);
    ctx.stroke();
  }

  drawAxisLabels(pad, pw, ph, W, H) {
    const ctx = this.ctx;
    ctx.fillStyle = chartTheme().ink;
    ctx.font = FONT_BOLD;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'bottom';
    ctx.fillText(this.xLabel, pad.l + pw / 2, H - 2);
    ctx.save();
    ctx.translate(12, pad.t + ph / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.textBaseline = 'middle';
    ctx.fillText(this.yLabel + (this.logY ? ' (log scale)' : ''), 0, 0);
    ctx.restore();
    ctx.font = FONT;
  }

  drawLegend(W) {
    const ctx = this.ctx;
    ctx.font = FONT;
    const items = [...this.series.values()].filter((s) => s.legend && s.label);
    if (!items.length) return 4;
    let x = 58, y = 9, rows = 1;
    for (const s of items) {
      const w = ctx.measureText(s.label).width + 30;
      if (x + w > W - 8 && x > 58) {
        x = 58;
        y += 16;
        rows++;
      }
      ctx.strokeStyle = themeColor(s.color);
      ctx.globalAlpha = Math.max(0.5, s.alpha);
      ctx.lineWidth = Math.max(2, s.width);
      ctx.setLineDash(s.dash);
      ctx.beginPath();
      ctx.moveTo(x, y);
      ctx.lineTo(x + 18, y);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.globalAlpha = 1;
      ctx.fillStyle = chartTheme().ink;
      ctx.textAlign = 'left';
      ctx.textBaseline = 'middle';
      ctx.fillText(s.label, x + 23, y);
      x += w;
    }
    return rows * 16;
  }

  // A vertical line at the mouse with each series' value at the nearest x.
  drawHover(sx, sy, pad, pw, ph, R) {
    if (this.hoverX === null || this.hoverX < pad.l || this.hoverX > pad.l + pw) return;
    const ctx = this.ctx;
    const x = R.x0 + ((this.hoverX - pad.l) / pw) * (R.x1 - R.x0);
    const rows = [];
    for (const s of this.series.values()) {
      if (!s.n || !s.label) continue;
      const lo = s.nearest(x);
      if (Math.abs(sx(s.xs[lo]) - this.hoverX) > 40) continue;
      rows.push([s, s.xs[lo], s.ys[lo]]);
    }
    const theme = chartTheme();
    ctx.strokeStyle = theme.ink;
    ctx.globalAlpha = 0.35;
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(Math.round(this.hoverX) + 0.5, pad.t);
    ctx.lineTo(Math.round(this.hoverX) + 0.5, pad.t + ph);
    ctx.stroke();
    ctx.globalAlpha = 1;
    if (!rows.length) return;
    const lines = [`${this.xLabel.split(' (')[0]} ${fmtTick(rows[0][1])}`, ...rows.map(([s, , y]) => `${s.label}: ${fmtTick(Number(y.toPrecision(4)))}`)];
    ctx.font = FONT;
    const w = Math.max(...lines.map((l) => ctx.measureText(l).width)) + 14;
    const hgt = lines.length * 15 + 8;
    let bx = this.hoverX + 10;
    if (bx + w > pad.l + pw) bx = this.hoverX - 10 - w;
    const by = pad.t + 6;
    ctx.fillStyle = theme.surface;
    ctx.strokeStyle = theme.line;
    ctx.beginPath();
    ctx.rect(bx, by, w, hgt);
    ctx.globalAlpha = 0.94;
    ctx.fill();
    ctx.globalAlpha = 1;
    ctx.stroke();
    ctx.textAlign = 'left';
    ctx.textBaseline = 'top';
    lines.forEach((l, i) => {
      ctx.fillStyle = i === 0 ? theme.muted : themeColor(rows[i - 1][0].color);
      ctx.fillText(l, bx + 7, by + 5 + i * 15);
    });
    for (const [s, xv, yv] of rows) {
      if (!Number.isFinite(yv) || (this.logY && yv <= 0)) continue;
      ctx.fillStyle = themeColor(s.color);
      ctx.beginPath();
      ctx.arc(sx(xv), sy(yv), 3, 0, Math.PI * 2);
      ctx.fill();
    }
  }
}
