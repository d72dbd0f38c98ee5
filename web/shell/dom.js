// Building DOM without HTML strings: every text goes in through textContent, so nothing from a link, a file
// or the model can become markup.

// h('div', {class: 'x', dataset: {testid: 'y'}, onclick: fn}, 'text', child, [more children])
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  if (props) {
    for (const [key, value] of Object.entries(props)) {
      if (value === undefined || value === null || value === false) continue;
      if (key === 'class') el.className = value;
      else if (key === 'dataset') Object.assign(el.dataset, value);
      else if (key === 'style' && typeof value === 'object') Object.assign(el.style, value);
      else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
      else if (key === 'text') el.textContent = value;
      else if (key in el && typeof value !== 'string') el[key] = value;
      else el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else if (c instanceof Node) el.appendChild(c);
    else el.appendChild(document.createTextNode(String(c)));
  }
}

// A visually hidden file input: onFile(File) gets each chosen file, and the input is emptied so that choosing
// the same file again fires again. Out of the tab order and hidden from assistive technology: fileButton is
// the control people use (tests set files on the input directly).
export function fileInput({ id, accept, testid, onFile }) {
  return h('input', {
    type: 'file', accept, id, class: 'visually-hidden', dataset: { testid }, tabindex: '-1', 'aria-hidden': 'true',
    onchange: (e) => {
      const f = e.target.files && e.target.files[0];
      e.target.value = '';
      if (f) onFile(f);
    },
  });
}

// The visible button for a fileInput: a real <button>, so it is one tab stop and Enter or Space opens the
// file chooser (a <label for> is not focusable, and a focusable one plus the input made two stops).
export function fileButton(input, props, ...children) {
  return h('button', { type: 'button', ...props, onclick: () => input.click() }, ...children);
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

export function setText(el, text) {
  if (el.textContent !== text) el.textContent = text;
}

// A visible form of a character for labels: space, newline and tab become symbols.
export function showChar(c) {
  if (c === ' ') return '␣';
  if (c === '\n') return '↵';
  if (c === '\t') return '⇥';
  if (c === '\r') return '␍';
  const code = c.codePointAt(0);
  if (code < 32 || code === 127) return `\\x${code.toString(16).padStart(2, '0')}`;
  return c;
}

// Calls fn at most once per animation frame, with the latest arguments.
export function perFrame(fn) {
  let queued = false;
  let args = [];
  return (...a) => {
    args = a;
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      fn(...args);
    });
  };
}

export function debounce(fn, ms) {
  let t = 0;
  return (...a) => {
    clearTimeout(t);
    t = setTimeout(() => fn(...a), ms);
  };
}

// Small SVG icons (drawn, so they do not depend on the fonts installed).
const ICONS = {
  play: [['path', { d: 'M4 2.5v11l9.5-5.5z', fill: 'currentColor' }]],
  pause: [['rect', { x: 3, y: 2.5, width: 3.5, height: 11, rx: 0.8, fill: 'currentColor' }], ['rect', { x: 9.5, y: 2.5, width: 3.5, height: 11, rx: 0.8, fill: 'currentColor' }]],
  step: [['path', { d: 'M3 2.5v11l8-5.5z', fill: 'currentColor' }], ['rect', { x: 11.5, y: 2.5, width: 2.2, height: 11, rx: 0.6, fill: 'currentColor' }]],
  reset: [['path', { d: 'M13 8.5a5 5 0 1 1-1.6-3.9', fill: 'none', stroke: 'currentColor', 'stroke-width': 2, 'stroke-linecap': 'round' }],
    ['path', { d: 'M12.6 1.6v3.6H9', fill: 'none', stroke: 'currentColor', 'stroke-width': 2, 'stroke-linecap': 'round', 'stroke-linejoin': 'round' }]],
  link: [['path', { d: 'M6.5 9.5l3-3M7 4.5l1.2-1.2a2.6 2.6 0 0 1 3.7 3.7L10.7 8.2M9 11.5l-1.2 1.2a2.6 2.6 0 0 1-3.7-3.7L5.3 7.8', fill: 'none', stroke: 'currentColor', 'stroke-width': 1.6, 'stroke-linecap': 'round' }]],
  download: [['path', { d: 'M8 2v8M4.5 6.8L8 10.3l3.5-3.5M3 13.5h10', fill: 'none', stroke: 'currentColor', 'stroke-width': 1.7, 'stroke-linecap': 'round', 'stroke-linejoin': 'round' }]],
  upload: [['path', { d: 'M8 10.5v-8M4.5 5.7L8 2.2l3.5 3.5M3 13.5h10', fill: 'none', stroke: 'currentColor', 'stroke-width': 1.7, 'stroke-linecap': 'round', 'stroke-linejoin': 'round' }]],
  table: [['rect', { x: 2, y: 2.5, width: 12, height: 11, rx: 1.5, fill: 'none', stroke: 'currentColor', 'stroke-width': 1.5 }],
    ['path', { d: 'M2 6.2h12M2 9.8h12M6.5 6.2v7.3', fill: 'none', stroke: 'currentColor', 'stroke-width': 1.3 }]],
  terminal: [['rect', { x: 1.5, y: 2.5, width: 13, height: 11, rx: 2, fill: 'none', stroke: 'currentColor', 'stroke-width': 1.5 }],
    ['path', { d: 'M4.5 6l2.2 2-2.2 2M8.5 10.5h3', fill: 'none', stroke: 'currentColor', 'stroke-width': 1.5, 'stroke-linecap': 'round', 'stroke-linejoin': 'round' }]],
};

export function icon(name) {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('class', 'icon');
  svg.setAttribute('aria-hidden', 'true');
  for (const [tag, attrs] of ICONS[name] || []) {
    const el = document.createElementNS(ns, tag);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
    svg.appendChild(el);
  }
  return svg;
}
