// Every view with a chart can be saved: a small menu in its card's header offers each canvas as a picture
// (PNG, on the page's background) and, when the chart knows its numbers (canvas.chartCsv, set by LineChart
// and Heatmap), as CSV. The menu shows only while the card holds a canvas, so new views get it for free.
import { downloadBlob } from '../shell/download.js';
import { Menu } from './menu.js';

function pngOf(canvas, background) {
  const out = document.createElement('canvas');
  out.width = canvas.width;
  out.height = canvas.height;
  const ctx = out.getContext('2d');
  ctx.fillStyle = background;
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.drawImage(canvas, 0, 0);
  return new Promise((resolve) => out.toBlob(resolve, 'image/png'));
}

export class ChartExport {
  constructor(card) {
    this.card = card;
    this.menu = new Menu({
      label: '⤓', title: 'Save this view: the picture (PNG) or its numbers (CSV)', testid: `export-${card.id}`,
      className: 'chart-export', onOpen: () => this.menu.setItems(this.items()), onPick: (id) => this.save(id),
    });
    this.el = this.menu.el;
    const follow = () => { this.el.hidden = !card.body.querySelector('canvas'); };
    new MutationObserver(follow).observe(card.body, { childList: true, subtree: true });
    follow();
  }

  canvases() {
    return [...this.card.body.querySelectorAll('canvas')].filter((c) => c.width > 0 && c.height > 0 && c.offsetParent !== null);
  }

  items() {
    const list = this.canvases();
    const which = (i) => (list.length > 1 ? ` ${i + 1}` : '');
    return list.flatMap((c, i) => [
      { id: `png:${i}`, label: `Picture${which(i)} (PNG)`, testid: `export-png-${this.card.id}-${i}` },
      ...(typeof c.chartCsv === 'function' ? [{ id: `csv:${i}`, label: `Numbers${which(i)} (CSV)`, testid: `export-csv-${this.card.id}-${i}` }] : []),
    ]);
  }

  async save(id) {
    const [kind, index] = id.split(':');
    const i = Number(index);
    const canvas = this.canvases()[i];
    if (!canvas) return;
    const name = `${this.card.id}${i > 0 ? `-${i + 1}` : ''}`;
    if (kind === 'csv') {
      downloadBlob(new Blob([canvas.chartCsv()], { type: 'text/csv' }), `${name}.csv`);
    } else {
      const background = getComputedStyle(this.card.el).backgroundColor || '#fff';
      downloadBlob(await pngOf(canvas, background), `${name}.png`);
    }
  }
}
