// "Use your own …": a folded box with a text area, a button that trains on what was pasted and an upload
// button. Shared by the families that train on the user's own text (the char LM's text, seq2seq's pairs).
import { fileButton, fileInput, h } from '../shell/dom.js';

// {summary, testid (of the box), textarea (its attributes), notes (elements under it), use: {label, testid},
//  upload: {label, id, accept, testid}, onUse(text), onFile(File)} -> {el, textarea}
export function ownTextBox({ summary, testid, textarea, notes = [], use, upload, onUse, onFile }) {
  const area = h('textarea', { spellcheck: false, ...textarea });
  const useBtn = h('button', { type: 'button', class: 'btn btn-small btn-primary', dataset: { testid: use.testid }, onclick: () => onUse(area.value) }, use.label);
  const file = fileInput({ id: upload.id, accept: upload.accept, testid: upload.testid, onFile });
  const el = h('details', { class: 'own-text', dataset: testid ? { testid } : undefined },
    h('summary', null, summary),
    area, ...notes,
    h('div', { class: 'controls-row' }, useBtn, fileButton(file, { class: 'btn btn-small' }, upload.label), file));
  return { el, textarea: area };
}
