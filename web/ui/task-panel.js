// The data section of a family that learns from examples (seq2seq, the classifier; the tagger and the
// forecaster next): which task, what it asks of the model, its settings (placed here by the page from the
// family's controls), the data the engine made of it, and your own two-column lines, pasted or uploaded.
// Every text shown is data: textContent only.
import { h, clear } from '../shell/dom.js';
import { ownTextBox } from './own-text.js';

export class TaskPanel {
  // tasks: the catalogue's; onTask(id), onLines(text, sourceName), onFile(File), onEdit().
  // The family says the rest:
  //   id            the task menu's element id ('s2s-task'); testid(name): each element's testid, from its role
  //                 ('task', 'task-description', 'task-example', 'task-stats', 'task-samples', 'pairs-count',
  //                 'pairs-error', 'pairs-details', 'pairs-input', 'use-pairs', 'pairs-upload', 'pairs-too-long')
  //   words         {own: 'Use your own pairs', hint, ariaLabel, placeholder, use: 'Train on these pairs',
  //                 pasted: 'pasted pairs', samples: the samples list's class}
  //   example(task) the line under the blurb (an array of nodes and strings), or null for none
  //   count(text)   the note under the box for a non-empty text
  //   stats(info)   the line about the data the engine made (info: the session's), and sample(e) a sample's
  //                 list item children, for the first `sampleCount` samples
  constructor({ tasks, onTask, onLines, onFile, onEdit, id, testid, words, example, count, stats, sample, sampleCount }) {
    Object.assign(this, { tasks, words, exampleOf: example, countOf: count, statsOf: stats, sampleOf: sample, sampleCount });
    this.select = h('select', { id, dataset: { testid: testid('task') }, onchange: (e) => onTask(e.target.value) },
      tasks.map((t) => h('option', { value: t.name }, t.title)));
    this.blurb = h('p', { class: 'note', dataset: { testid: testid('task-description') } });
    this.example = example ? h('p', { class: 'task-example', dataset: { testid: testid('task-example') } }) : null;
    this.params = h('div', { class: 'fields' });
    this.stats = h('p', { class: 'stats', dataset: { testid: testid('task-stats') } }, '…');
    this.samples = h('ul', { class: words.samples, dataset: { testid: testid('task-samples') }, 'aria-label': 'Training examples' });
    this.count = h('p', { class: 'note', dataset: { testid: testid('pairs-count') } }, words.hint);
    this.error = h('p', { class: 'field-error', dataset: { testid: testid('pairs-error') }, role: 'alert', hidden: true });
    const own = ownTextBox({
      summary: words.own,
      testid: testid('pairs-details'),
      textarea: {
        rows: 6, wrap: 'off', dataset: { testid: testid('pairs-input') }, 'aria-label': words.ariaLabel, placeholder: words.placeholder,
        oninput: () => {
          this.showCount();
          this.setError('');  // it was about the lines before this edit
          onEdit();
        },
      },
      notes: [this.count, this.error],
      use: { label: words.use, testid: testid('use-pairs') },
      upload: { label: 'Upload .tsv…', id: testid('pairs-upload'), accept: '.tsv,.txt,text/tab-separated-values,text/plain', testid: testid('pairs-upload') },
      tooLong: { testid: testid('pairs-too-long') },
      onUse: (text) => onLines(text, words.pasted),
      onFile,
    });
    this.own = own.el;
    this.textarea = own.textarea;
    this.showOwn = own.show;
    // a Tab key in the box types a tab (the lines need them) instead of moving the focus; Esc then Tab leaves
    this.textarea.addEventListener('keydown', (e) => {
      if (e.key === 'Tab' && !e.shiftKey && !e.ctrlKey && !e.altKey && !e.metaKey && !this.tabEscape) {
        e.preventDefault();
        this.textarea.setRangeText('\t', this.textarea.selectionStart, this.textarea.selectionEnd, 'end');
        this.showCount();
      }
      this.tabEscape = e.key === 'Escape';
    });
    this.el = h('div', { class: 'fields' },
      h('div', { class: 'field field-stack' }, h('label', { for: id }, 'task'), this.select),
      this.blurb, ...(this.example ? [this.example] : []), this.params, this.stats, this.samples, this.own);
  }

  setValues(state) {
    this.select.value = state.task;
    const t = this.tasks.find((x) => x.name === state.task);
    this.blurb.textContent = t ? t.blurb : '';
    if (this.example) {
      clear(this.example);
      if (t) this.example.append(...this.exampleOf(t));
    }
    if (state.task === 'pairs' && this.showOwn(state.pairs)) this.showCount();
  }

  showCount() {
    const text = this.textarea.value;
    this.count.textContent = text ? this.countOf(text) : this.words.hint;
  }

  setOwnText(text) {
    this.textarea.value = text;
    this.showCount();
  }

  setError(text) {
    this.error.hidden = !text;
    this.error.textContent = text || '';
  }

  openOwn() {
    this.own.open = true;
    this.textarea.focus();
  }

  // info: the engine's session info, or null while building
  setStats(info) {
    clear(this.samples);
    if (!info) {
      this.stats.textContent = '…';
      return;
    }
    this.stats.textContent = this.statsOf(info);
    for (const e of (info.samples || []).slice(0, this.sampleCount)) this.samples.append(h('li', null, ...this.sampleOf(e)));
  }
}
