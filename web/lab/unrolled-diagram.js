// The network unrolled through time, as an SVG: per step the input x(t) (bottom), the state h(t) (middle) and
// the output y(t) (top), with the engine's numbers in them and arrows for W_in, W_rec and W_out; h(0) = 0 on
// the left. The step explained is highlighted; clicking a step explains it. Text goes in as textContent.
import { clear } from '../shell/dom.js';

const NS = 'http://www.w3.org/2000/svg';
const ROW = { y: 22, h: 92, x: 162 };  // the centres of the three rows
const BOX_H = 26, HEIGHT = 190, CHAR_W = 7.2;

function el(tag, attrs, text) {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

export class UnrolledDiagram {
  // onFocus(t: 1-based)
  constructor({ onFocus }) {
    this.onFocus = onFocus;
    this.svg = el('svg', { class: 'lab-diagram', role: 'img', 'aria-label': 'The network unrolled through time', 'data-testid': 'lab-diagram' });
    this.el = document.createElement('div');
    this.el.className = 'lab-diagram-wrap';
    this.el.append(this.svg);
  }

  // steps: [{x, h, y}] as text (the table's), focus: the step explained (1-based)
  render(steps, focus) {
    clear(this.svg);
    const longest = Math.max(6, ...steps.flatMap((s) => [s.x.length, s.h.length, s.y.length]));
    const boxW = Math.ceil(longest * CHAR_W + 14), col = boxW + 34;
    const left = 58, width = left + steps.length * col + 8;
    this.svg.setAttribute('viewBox', `0 0 ${width} ${HEIGHT}`);
    this.svg.setAttribute('width', String(width));
    this.svg.setAttribute('height', String(HEIGHT));
    const defs = el('defs', {});
    const marker = el('marker', { id: 'lab-arrow', viewBox: '0 0 8 8', refX: 7, refY: 4, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' });
    marker.append(el('path', { d: 'M0,0 L8,4 L0,8 z', class: 'lab-arrowhead' }));
    defs.append(marker);
    this.svg.append(defs);
    // h(0)
    this.svg.append(el('text', { x: 4, y: ROW.y + 4, class: 'lab-diagram-row' }, 'y(t)'), el('text', { x: 4, y: ROW.x + 4, class: 'lab-diagram-row' }, 'x(t)'));
    const h0 = el('g', {});
    h0.append(el('circle', { cx: 26, cy: ROW.h, r: 15, class: 'lab-node lab-h0' }), el('text', { x: 26, y: ROW.h + 4, 'text-anchor': 'middle', class: 'lab-diagram-value' }, '0'),
      el('text', { x: 26, y: ROW.h + 30, 'text-anchor': 'middle', class: 'lab-diagram-row' }, 'h(0)'));
    this.svg.append(h0);
    let prevRight = 41;
    steps.forEach((s, i) => {
      const cx = left + i * col + col / 2, t = i + 1;
      const g = el('g', { class: `lab-step${t === focus ? ' focus' : ''}`, 'data-step': t, tabindex: 0 });
      g.addEventListener('click', () => this.onFocus(t));
      g.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          this.onFocus(t);
        }
      });
      const box = (cy, text, kind) => {
        g.append(el('rect', { x: cx - boxW / 2, y: cy - BOX_H / 2, width: boxW, height: BOX_H, rx: kind === 'h' ? 13 : 4, class: `lab-node lab-${kind}` }),
          el('text', { x: cx, y: cy + 4, 'text-anchor': 'middle', class: 'lab-diagram-value' }, text));
      };
      const arrow = (x1, y1, x2, y2, label) => {
        g.append(el('line', { x1, y1, x2, y2, class: 'lab-edge', 'marker-end': 'url(#lab-arrow)' }));
        if (label) g.append(el('text', { x: (x1 + x2) / 2 + (x1 === x2 ? 4 : 0), y: (y1 + y2) / 2 - 4, class: 'lab-diagram-weight', 'text-anchor': x1 === x2 ? 'start' : 'middle' }, label));
      };
      arrow(prevRight, ROW.h, cx - boxW / 2 - 1, ROW.h, i === 0 ? 'W_rec' : '');
      arrow(cx, ROW.x - BOX_H / 2, cx, ROW.h + BOX_H / 2 + 1, i === 0 ? 'W_in' : '');
      arrow(cx, ROW.h - BOX_H / 2, cx, ROW.y + BOX_H / 2 + 1, i === 0 ? 'W_out' : '');
      box(ROW.y, s.y, 'y');
      box(ROW.h, s.h, 'h');
      box(ROW.x, s.x, 'x');
      g.append(el('text', { x: cx, y: HEIGHT - 4, 'text-anchor': 'middle', class: 'lab-diagram-row' }, `t = ${t}`));
      this.svg.append(g);
      prevRight = cx + boxW / 2;
    });
  }
}
