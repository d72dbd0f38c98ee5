// "Use your own …": a folded box with a text area, a button that trains on what was pasted and an upload
// button. Shared by the families that train on the user's own text (the char LM's text, seq2seq's pairs).
import { fileButton, fileInput, h } from '../shell/dom.js';
import { fmtInt } from '../shell/format.js';

// The longest text the box shows: a text area takes seconds per megabyte to lay out a longer one.
export const MAX_SHOWN_CHARS = 256 * 1024;

// {summary, testid (of the box), textarea (its attributes), notes (elements under it), use: {label, testid},
//  upload: {label, id, accept, testid}, tooLong: {testid} (the note shown instead of a text too long to
//  show), onUse(text), onFile(File)} -> {el, textarea, show(text)}
export function ownTextBox({ summary, testid, textarea, notes = [], use, upload, tooLong, onUse, onFile }) {
  const area = h('textarea', { spellcheck: false, ...textarea });
  const useBtn = h('button', { type: 'button', class: 'btn btn-small btn-primary', dataset: { testid: use.testid }, onclick: () => onUse(area.value) }, use.label);
  const file = fileInput({ id: upload.id, accept: upload.accept, testid: upload.testid, onFile });
  const long = h('p', { class: 'note', dataset: { testid: tooLong.testid }, hidden: true });
  const el = h('details', { class: 'own-text', dataset: testid ? { testid } : undefined },
    h('summary', null, summary),
    long, area, ...notes,
    h('div', { class: 'controls-row' }, useBtn, fileButton(file, { class: 'btn btn-small' }, upload.label), file));
  let shown = '';
  // The text being trained on, whenever it changes (a reload, a link, a file, an opened model): the box
  // shows it, opened, so what the page trains on is never hidden (a text too long to show is named
  // instead). A draft stays until the text in use changes. Returns true when the box changed.
  const show = (text) => {
    if (!text || text === shown) return false;
    shown = text;
    const fits = text.length <= MAX_SHOWN_CHARS;
    area.value = fits ? text : '';
    long.hidden = fits;
    long.textContent = fits ? '' : `The text in use has ${fmtInt(text.length)} characters: too long to show here. Paste or upload another one to replace it.`;
    el.open = true;
    return true;
  };
  return { el, textarea: area, show };
}
