// An attention matrix on canvas: one column per source character (then EOS) along the top, one row per
// output character (then EOS) down the left, each cell coloured by the weight that output step gave that
// source position (0 white to 1 dark blue; every row sums to 1). Cells are square and as large as the box
// allows (a long input scrolls sideways). Hover reports (row, col, value) and outlines the row and column.
import { FONT_BOLD, MONO } from './axes.js';
import { chartTheme, followTheme } from './theme.js';
import { drawColorScale, paintCells, sequentialColor, sizeCanvas } from './heatmap.js';
import { showChar } from '../../shell/dom.js';

const LEFT = 52, TOP = 40, RIGHT = 10, BOTTOM = 40;
const MIN_CELL = 6, MAX_CELL = 30;
export const EOS_LABEL = 'EOS';

export class AttentionMap {
  constructor(canvas, { onHover } = {}) {
    this.canvas = canvas;
    this.ctx = canvas.getContext('2d');
    this.data = null;
    this.hover = null;
    this.onHover = onHover || (() => {});
    followTheme(this);
    canvas.addEventListener('mousemove', (e) => {
      const cell = this.cellAt(e);
      const key = cell ? `${cell.row},${cell.col}` : '';
      if (key !== (this.hover ? `${this.hover.row},${this.hover.col}` : '')) {
        this.hover = cell;
        this.draw();
        this.onHover(cell);
      }
    });
    canvas.addEventListener('mouseleave', () => {
      this.hover = null;
      this.draw();
      this.onHover(null);
    });
    // the cell size follows the width of the box the map sits in
    const box = canvas.parentElement;
    if (box && typeof ResizeObserver === 'function') {
      let width = 0;
      new ResizeObserver(() => {
        if (box.clientWidth !== width) {
          width = box.clientWidth;
          this.draw();
        }
      }).observe(box);
    }
  }

  // data: {cols: [source labels], rows: [output labels], values: Float32Array [rows.length * cols.length]}
  // Labels are single characters or EOS_LABEL.
  setData(data) {
    this.data = data;
    if (this.hover && (this.hover.row >= data.rows.length || this.hover.col >= data.cols.length)) this.hover = null;
    this.draw();
  }

  clear() {
    this.data = null;
    this.hover = null;
    this.canvas.style.width = '0px';
    this.canvas.style.height = '0px';
  }

  geometry() {
    const d = this.data;
    const avail = (this.canvas.parentElement ? this.canvas.parentElement.clientWidth : 600) - LEFT - RIGHT;
    const byWidth = Math.floor(avail / Math.max(1, d.cols.length));
    // keep very tall maps (long outputs) from taking the whole page
    const byHeight = Math.floor(560 / Math.max(1, d.rows.length));
    const cell = Math.max(MIN_CELL, Math.min(MAX_CELL, byWidth, Math.max(byHeight, 12)));
    return { cell, width: LEFT + d.cols.length * cell + RIGHT, height: TOP + d.rows.length * cell + BOTTOM };
  }

  cellAt(e) {
    if (!this.data) return null;
    const r = this.canvas.getBoundingClientRect();
    const { cell } = this.geometry();
    const col = Math.floor((e.clientX - r.left - LEFT) / cell);
    const row = Math.floor((e.clientY - r.top - TOP) / cell);
    const d = this.data;
    if (col < 0 || row < 0 || col >= d.cols.length || row >= d.rows.length) return null;
    return { row, col, value: d.values[row * d.cols.length + col] };
  }

  draw() {
    const d = this.data;
    if (!d) return;
    const R = d.rows.length, C = d.cols.length;
    const { cell, width, height } = this.geometry();
    const ctx = this.ctx;
    const theme = chartTheme();
    sizeCanvas(this.canvas, ctx, width, height);
    if (!R || !C) return;

    // cells: one pixel each, scaled up without smoothing
    paintCells(ctx, R, C, (r, c) => {
      const v = d.values[r * C + c];
      return Number.isFinite(v) ? sequentialColor(Math.min(1, Math.max(0, v))) : null;
    }, LEFT, TOP, C * cell, R * cell);
    // thin separators between cells when they are big enough to read, in the background's colour
    if (cell >= 12) {
      ctx.strokeStyle = theme.surface;
      ctx.globalAlpha = 0.55;
      ctx.lineWidth = 1;
      ctx.beginPath();
      for (let c = 1; c < C; c++) {
        ctx.moveTo(LEFT + c * cell + 0.5, TOP);
        ctx.lineTo(LEFT + c * cell + 0.5, TOP + R * cell);
      }
      for (let r = 1; r < R; r++) {
        ctx.moveTo(LEFT, TOP + r * cell + 0.5);
        ctx.lineTo(LEFT + C * cell, TOP + r * cell + 0.5);
      }
      ctx.stroke();
      ctx.globalAlpha = 1;
    }
    ctx.strokeStyle = theme.axis;
    ctx.strokeRect(LEFT - 0.5, TOP - 0.5, C * cell + 1, R * cell + 1);

    const mono = MONO.replace(/^\d+px/, `${cell >= 16 ? 13 : 11}px`);
    const label = (text, x, y, active) => {
      if (text === EOS_LABEL) {
        ctx.font = `600 ${cell >= 16 ? 9 : 8}px system-ui, sans-serif`;
        ctx.fillStyle = active ? theme.ink : theme.muted;
      } else {
        const shown = showChar(text);
        ctx.font = active ? `700 ${mono}` : mono;
        ctx.fillStyle = shown !== text ? theme.muted : theme.ink;
        text = shown.length > 1 && shown[0] === '\\' ? '·' : shown;
      }
      ctx.fillText(text, x, y);
    };
    const hv = this.hover;
    // source characters along the top (thinned out when cells are narrow)
    const colEvery = cell >= 10 ? 1 : Math.ceil(10 / cell);
    ctx.textAlign = 'center';
    ctx.textBaseline = 'bottom';
    for (let c = 0; c < C; c++) {
      if (c % colEvery && c !== C - 1 && !(hv && hv.col === c)) continue;
      if (d.cols[c] === EOS_LABEL && cell < 18) {
        // too narrow for the word: stand it up
        ctx.save();
        ctx.translate(LEFT + c * cell + cell / 2 + 3, TOP - 3);
        ctx.rotate(-Math.PI / 2);
        ctx.textAlign = 'left';
        label(EOS_LABEL, 0, 0, hv && hv.col === c);
        ctx.restore();
        continue;
      }
      label(d.cols[c], LEFT + c * cell + cell / 2, TOP - 4, hv && hv.col === c);
    }
    // output characters down the left
    const rowEvery = cell >= 10 ? 1 : Math.ceil(10 / cell);
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (let r = 0; r < R; r++) {
      if (r % rowEvery && r !== R - 1 && !(hv && hv.row === r)) continue;
      label(d.rows[r], LEFT - 6, TOP + r * cell + cell / 2, hv && hv.row === r);
    }
    // axis titles
    ctx.font = FONT_BOLD;
    ctx.fillStyle = theme.ink;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'top';
    ctx.fillText('input →', LEFT, 4);
    ctx.save();
    ctx.translate(12, TOP);
    ctx.rotate(-Math.PI / 2);
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    ctx.fillText('output →', 0, 0);
    ctx.restore();

    // the hovered row and column
    if (hv) {
      ctx.strokeStyle = theme.mark;
      ctx.lineWidth = 1.5;
      ctx.strokeRect(LEFT - 1, TOP + hv.row * cell - 1, C * cell + 2, cell + 2);
      ctx.globalAlpha = 0.55;
      ctx.strokeRect(LEFT + hv.col * cell - 1, TOP - 1, cell + 2, R * cell + 2);
      ctx.globalAlpha = 1;
    }

    // colour scale
    drawColorScale(ctx, LEFT, TOP + R * cell + 16, Math.min(140, Math.max(80, C * cell - 120)), sequentialColor,
      '0', '1', 'attention weight');
  }
}
