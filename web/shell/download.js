// Saves a Blob as a file the browser downloads (a model, an experiment, a chart): one hidden link, clicked.
import { h } from './dom.js';

export function downloadBlob(blob, name) {
  const url = URL.createObjectURL(blob);
  const link = h('a', { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 5000);
}
