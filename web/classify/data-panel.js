// The classifier's data: which task, what it asks of the model, its settings (placed here by page.js from
// the controls), the examples and classes the engine made of it, and your own labelled lines, pasted or
// uploaded. Every text shown is data: textContent only.
import { h, clear } from '../shell/dom.js';
import { fmtInt } from '../shell/format.js';
import { ownTextBox } from '../ui/own-text.js';
import { labelledStats } from './examples-source.js';

const HINT = 'Tab-separated: a label, a tab, the text. Tab types a tab here (Esc, then Tab, leaves the box).';

export class DataPanel {
  // onTask(id), onExamples(text, sourceName), onExamplesFile(File), onEdit(); tasks: the catalogue's
  constructor({ onTask, onExamples, onExamplesFile, onEdit, tasks }) {
    this.tasks = tasks;
    this.select = h('select', { id: 'cls-task', dataset: { testid: 'cls-task' }, onchange: (e) => onTask(e.target.value) },
      tasks.map((t) => h('option', { value: t.name }, t.title)));
    this.blurb = h('p', { class: 'note', dataset: { testid: 'cls-task-description' } });
    this.params = h('div', { class: 'fields' });
    this.stats = h('p', { class: 'stats', dataset: { testid: 'cls-task-stats' } }, '…');
    this.samples = h('ul', { class: 'cls-samples', dataset: { testid: 'cls-task-samples' }, 'aria-label': 'Training examples' });
    this.count = h('p', { class: 'note', dataset: { testid: 'cls-pairs-count' } }, HINT);
    this.error = h('p', { class: 'field-error', dataset: { testid: 'cls-pairs-error' }, role: 'alert', hidden: true });
    const own = ownTextBox({
      summary: 'Use your own examples',
      testid: 'cls-pairs-details',
      textarea: {
        rows: 6, wrap: 'off', dataset: { testid: 'cls-pairs-input' }, 'aria-label': 'Your own examples, one label<TAB>text per line',
        placeholder: 'spam\tWIN A FREE PRIZE now\nham\tsee you at lunch\n…  (one label<TAB>text per line)',
        oninput: () => {
          this.showCount();
          this.setError('');
          onEdit();
        },
      },
      notes: [this.count, this.error],
      use: { label: 'Train on these examples', testid: 'cls-use-pairs' },
      upload: { label: 'Upload .tsv…', id: 'cls-pairs-upload', accept: '.tsv,.txt,text/tab-separated-values,text/plain', testid: 'cls-pairs-upload' },
      tooLong: { testid: 'cls-pairs-too-long' },
      onUse: (text) => onExamples(text, 'pasted examples'),
      onFile: onExamplesFile,
    });
    this.own = own.el;
    this.textarea = own.textarea;
    this.showOwn = own.show;
    // a Tab key in the box types a tab (examples need them); Esc then Tab leaves
    this.textarea.addEventListener('keydown', (e) => {
      if (e.key === 'Tab' && !e.shiftKey && !e.ctrlKey && !e.altKey && !e.metaKey && !this.tabEscape) {
        e.preventDefault();
        this.textarea.setRangeText('\t', this.textarea.selectionStart, this.textarea.selectionEnd, 'end');
        this.showCount();
      }
      this.tabEscape = e.key === 'Escape';
    });
    this.el = h('div', { class: 'fields' },
      h('div', { class: 'field field-stack' }, h('label', { for: 'cls-task' }, 'task'), this.select),
      this.blurb, this.params, this.stats, this.samples, this.own);
  }

  setValues(state) {
    this.select.value = state.task;
    const t = this.tasks.find((x) => x.name === state.task);
    this.blurb.textContent = t ? t.blurb : '';
    if (state.task === 'pairs' && this.showOwn(state.pairs)) this.showCount();
  }

  showCount() {
    const text = this.textarea.value;
    if (!text) {
      this.count.textContent = HINT;
      return;
    }
    const s = labelledStats(text);
    const bad = s.bad ? ` · ${fmtInt(s.bad)} line${s.bad === 1 ? ' is' : 's are'} not an example (line ${s.firstBad}: ${s.firstProblem})` : '';
    this.count.textContent = `${fmtInt(s.examples)} example${s.examples === 1 ? '' : 's'}, ${fmtInt(s.labels)} label${s.labels === 1 ? '' : 's'}${bad}`;
  }

  setExamplesText(text) {
    this.textarea.value = text;
    this.showCount();
  }

  setError(text) {
    this.error.hidden = !text;
    this.error.textContent = text || '';
  }

  openExamples() {
    this.own.open = true;
    this.textarea.focus();
  }

  // info: the engine's {trainExamples, heldExamples, labels, samples}, or null while building
  setStats(info) {
    clear(this.samples);
    if (!info) {
      this.stats.textContent = '…';
      return;
    }
    this.stats.textContent = `${fmtInt(info.trainExamples)} training texts · ${fmtInt(info.heldExamples)} held out · classes: ${info.labels.join(', ')}`;
    for (const e of (info.samples || []).slice(0, 4))
      this.samples.append(h('li', null, h('span', { class: 'cls-label' }, e.label), h('code', null, e.text)));
  }
}
