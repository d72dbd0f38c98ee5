// A heatmap on canvas: rows are units, columns are characters of the probe text (shown along the top axis),
// with unit numbers on the left and a colour scale. Dense data goes through an ImageData one pixel per cell,
// scaled up without smoothing. Hover reports (row, col); click selects a row.
import { FONT, FONT_BOLD, MONO } from './axes.js';
import { chartTheme, followTheme } from './theme.js';
import { fmtTick } from '../../shell/format.js';
import { showChar } from '../../shell/dom.js';
import { csvText } from './csv.js';

// Colour maps: value in [0, 1] -> [r, g, b].
function lerp(a, b, t) {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}
const BLUE = [33, 102, 172], WHITE = [247, 247, 247], RED = [178, 24, 43];
const SEQ = [[247, 251, 255], [158, 202, 225], [49, 130, 189], [8, 48, 107]];
export const NO_VALUE = [255, 0, 255];  // not finite (a diverged model's states): magenta on every map, with a key

export function divergingColor(t) {  // t in [0, 1], 0.5 is white
  if (Number.isNaN(t)) return NO_VALUE;
  return t < 0.5 ? lerp(BLUE, WHITE, t * 2) : lerp(WHITE, RED, (t - 0.5) * 2);
}

export function sequentialColor(t) {
  if (Number.isNaN(t)) return NO_VALUE;
  const x = Math.min(0.9999, Math.max(0, t)) * (SEQ.length - 1);
  const i = Math.floor(x);
  return lerp(SEQ[i], SEQ[i + 1], x - i);
}

// A CSS colour for value v on a scale [lo, hi] (diverging scales are centred on 0).
export function cssColor(v, lo, hi, diverging) {
  const t = Math.min(1, Math.max(0, (v - lo) / (hi - lo || 1)));
  const [r, g, b] = diverging ? divergingColor(t) : sequentialColor(t);
  return `rgb(${r | 0},${g | 0},${b | 0})`;
}

const LEFT = 44, TOP = 30, BOTTOM = 34;

export class Heatmap {
  constructor(canvas, { onHover, onClick } = {}) {
    this.canvas = canvas;
    this.ctx = canvas.getContext('2d');
    this.data = null;
    this.onHover = onHover || (() => {});
    this.onClick = onClick || (() => {});
    this.hover = null;
    followTheme(this);
    canvas.chartCsv = () => this.toCSV();
    canvas.addEventListener('mousemove', (e) => {
      const cell = this.cellAt(e);
      const key = cell ? `${cell.row},${cell.col}` : '';
      if (key !== (this.hover ? `${this.hover.row},${this.hover.col}` : '')) {
        this.hover = cell;
        this.onHover(cell);
      }
    });
    canvas.addEventListener('mouseleave', () => {
      this.hover = null;
      this.onHover(null);
    });
    canvas.addEventListener('click', (e) => {
      const cell = this.cellAt(e);
      if (cell) this.onClick(cell);
    });
  }

  // One line per row (numbered as the map labels them), one column per cell (headed by its character).
  toCSV() {
    const d = this.data;
    if (!d) return csvText([['row']]);
    const header = ['row', ...Array.from({ length: d.cols }, (_, c) => (d.chars && d.chars[c] !== undefined ? showChar(d.chars[c]) : String(c)))];
    const rows = Array.from({ length: d.rows }, (_, r) => [r + (d.rowOffset || 0), ...Array.from({ length: d.cols }, (_, c) => d.value(r, c))]);
    return csvText([header, ...rows]);
  }

  // data: {rows, cols, value(r, c), chars: [..cols], lo, hi, diverging, rowOffset, highlightRow, highlightCol,
  //        label (colour scale caption)}
  setData(data) {
    this.data = data;
    this.draw();
  }

  geometry() {
    const d = this.data;
    const cellW = d.cols > 160 ? 7 : 10;
    const rowH = Math.max(2, Math.min(10, Math.floor(300 / Math.max(1, d.rows))));
    return { cellW, rowH, width: LEFT + d.cols * cellW + 8, height: TOP + d.rows * rowH + BOTTOM };
  }

  cellAt(e) {
    if (!this.data) return null;
    const r = this.canvas.getBoundingClientRect();
    const { cellW, rowH } = this.geometry();
    const col = Math.floor((e.clientX - r.left - LEFT) / cellW);
    const row = Math.floor((e.clientY - r.top - TOP) / rowH);
    if (col < 0 || row < 0 || col >= this.data.cols || row >= this.data.rows) return null;
    return { row, col, value: this.data.value(row, col) };
  }

  draw() {
    const d = this.data;
    if (!d) return;
    const { cellW, rowH, width, height } = this.geometry();
    const ctx = this.ctx;
    const theme = chartTheme();
    sizeCanvas(this.canvas, ctx, width, height);

    // cells: one pixel each, scaled up
    const span = d.hi - d.lo || 1;
    const colorAt = d.diverging ? divergingColor : sequentialColor;
    const nonFinite = paintCells(ctx, d.rows, d.cols, (r, c) => {
      const v = d.value(r, c);
      return Number.isFinite(v) ? colorAt(Math.min(1, Math.max(0, (v - d.lo) / span))) : null;
    }, LEFT, TOP, d.cols * cellW, d.rows * rowH);

    // characters along the top
    ctx.font = MONO;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'bottom';
    for (let c = 0; c < d.cols; c++) {
      const ch = d.chars[c];
      const shown = showChar(ch);
      ctx.fillStyle = shown !== ch ? theme.muted : theme.ink;
      ctx.fillText(shown.length > 1 && shown[0] === '\\' ? '·' : shown, LEFT + c * cellW + cellW / 2, TOP - 4);
    }
    // unit numbers on the left
    ctx.font = FONT;
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    ctx.fillStyle = theme.muted;
    const every = Math.max(1, Math.ceil(14 / rowH));
    const nice = [1, 2, 4, 5, 8, 10, 16, 20, 25, 32, 50, 64, 100, 128].find((n) => n >= every) || every;
    for (let r = 0; r < d.rows; r += nice) ctx.fillText(String(r + (d.rowOffset || 0)), LEFT - 5, TOP + r * rowH + rowH / 2);
    ctx.save();
    ctx.translate(10, TOP + (d.rows * rowH) / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.textAlign = 'center';
    ctx.fillStyle = theme.ink;
    ctx.font = FONT_BOLD;
    ctx.fillText('unit', 0, 0);
    ctx.restore();

    // highlights
    ctx.strokeStyle = theme.mark;
    ctx.lineWidth = 1.5;
    if (d.highlightRow !== undefined && d.highlightRow >= 0 && d.highlightRow < d.rows)
      ctx.strokeRect(LEFT - 1, TOP + d.highlightRow * rowH - 1, d.cols * cellW + 2, rowH + 2);
    if (d.highlightCol !== undefined && d.highlightCol >= 0 && d.highlightCol < d.cols)
      ctx.strokeRect(LEFT + d.highlightCol * cellW - 1, TOP - 1, cellW + 2, d.rows * rowH + 2);

    // colour scale, and the key to magenta when some values are not finite
    const y = TOP + d.rows * rowH + 12;
    const end = drawColorScale(ctx, LEFT, y, 140, d.diverging ? divergingColor : sequentialColor,
      fmtTick(Number(d.lo.toPrecision(3))), fmtTick(Number(d.hi.toPrecision(3))), d.label);
    if (nonFinite) drawNonFiniteKey(ctx, end + 16, y, nonFinite);
    this.canvas.dataset.nonFinite = String(nonFinite);
  }
}

// Sizes a canvas to width x height CSS pixels at the device pixel ratio and fills it with the theme's
// background for drawing in CSS pixels. Shared by the heatmap and the attention map.
export function sizeCanvas(canvas, ctx, width, height) {
  const dpr = window.devicePixelRatio || 1;
  canvas.style.width = width + 'px';
  canvas.style.height = height + 'px';
  canvas.width = Math.round(width * dpr);
  canvas.height = Math.round(height * dpr);
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.fillStyle = chartTheme().surface;
  ctx.fillRect(0, 0, width, height);
}

// Dense cells: one pixel per cell in an ImageData, drawn scaled up without smoothing into the box (x, y, w,
// h). colorAt(row, col) gives [r, g, b], or null for a value that is not finite (drawn NO_VALUE). Returns how
// many cells were not finite.
export function paintCells(ctx, rows, cols, colorAt, x, y, w, h) {
  const img = new ImageData(cols, rows);
  let nonFinite = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const rgb = colorAt(r, c);
      if (!rgb) nonFinite++;
      const [R, G, B] = rgb || NO_VALUE;
      const o = (r * cols + c) * 4;
      img.data[o] = R;
      img.data[o + 1] = G;
      img.data[o + 2] = B;
      img.data[o + 3] = 255;
    }
  }
  const off = new OffscreenCanvas(cols, rows);
  off.getContext('2d').putImageData(img, 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(off, x, y, w, h);
  return nonFinite;
}

// The key to NO_VALUE beside a colour scale: a swatch and how many cells are not finite.
function drawNonFiniteKey(ctx, x, y, count) {
  ctx.fillStyle = `rgb(${NO_VALUE.join(',')})`;
  ctx.fillRect(x, y, 9, 9);
  ctx.fillStyle = chartTheme().ink;
  ctx.font = FONT;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  ctx.fillText(`not finite (NaN or ±∞): ${count} value${count === 1 ? '' : 's'}`, x + 13, y + 5);
}

// The colour legend under a map: a bar of `width` px at (x, y) from colorAt(0) to colorAt(1), the two end values
// beside it and an optional label after the high end. Shared by the heatmap and the attention map. Returns the
// x where what it drew ends.
export function drawColorScale(ctx, x, y, width, colorAt, loText, hiText, label) {
  const grad = ctx.createLinearGradient(x, 0, x + width, 0);
  for (let i = 0; i <= 10; i++) {
    const [R, G, B] = colorAt(i / 10);
    grad.addColorStop(i / 10, `rgb(${R | 0},${G | 0},${B | 0})`);
  }
  ctx.fillStyle = grad;
  ctx.fillRect(x, y, width, 9);
  const theme = chartTheme();
  ctx.strokeStyle = theme.axis;
  ctx.lineWidth = 1;
  ctx.strokeRect(x + 0.5, y + 0.5, width - 1, 8);
  ctx.fillStyle = theme.muted;
  ctx.font = FONT;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'right';
  ctx.fillText(loText, x - 4, y + 5);
  ctx.textAlign = 'left';
  ctx.fillText(hiText, x + width + 4, y + 5);
  const afterHi = x + width + 4 + ctx.measureText(hiText).width;
  if (!label) return afterHi;
  ctx.fillStyle = theme.ink;
  ctx.fillText(label, afterHi + 10, y + 5);
  return afterHi + 10 + ctx.measureText(label).width;
}
