// The seq2seq task: which one, what it asks of the model (with an example pair), its settings (placed here
// by page.js from the seq2seq controls), the data the engine made of it, and your own pairs, pasted or
// uploaded as tab-separated lines.
import { h, clear } from '../shell/dom.js';
import { ownTextBox } from '../ui/own-text.js';
import { pairStats } from './tasks.js';
import { fmtInt } from '../shell/format.js';

const PAIRS_HINT = 'Tab-separated: source, a tab, target. Tab types a tab here (Esc, then Tab, leaves the box).';

export class TaskPanel {
  // onTask(id), onPairs(text, sourceName), onPairsFile(File), onPairsEdit(); tasks: the catalogue's ({name,
  // title, blurb, example, ...})
  constructor({ onTask, onPairs, onPairsFile, onPairsEdit, tasks }) {
    this.tasks = tasks;
    this.select = h('select', { id: 's2s-task', dataset: { testid: 's2s-task' }, onchange: (e) => onTask(e.target.value) },
      tasks.map((t) => h('option', { value: t.name }, t.title)));
    this.blurb = h('p', { class: 'note', dataset: { testid: 'task-description' } });
    this.example = h('p', { class: 'task-example', dataset: { testid: 'task-example' } });
    this.params = h('div', { class: 'fields' });
    this.stats = h('p', { class: 'stats', dataset: { testid: 'task-stats' } }, '…');
    this.samples = h('ul', { class: 'task-samples', dataset: { testid: 'task-samples' }, 'aria-label': 'Training examples' });
    this.count = h('p', { class: 'note', dataset: { testid: 'pairs-count' } }, PAIRS_HINT);
    this.error = h('p', { class: 'field-error', dataset: { testid: 'pairs-error' }, role: 'alert', hidden: true });
    const own = ownTextBox({
      summary: 'Use your own pairs',
      testid: 'pairs-details',
      textarea: {
        rows: 6, wrap: 'off', dataset: { testid: 'pairs-input' }, 'aria-label': 'Your own pairs, one source<TAB>target per line',
        placeholder: 'colour\tcolor\nflavour\tflavor\ncentre\tcenter\n…  (one source<TAB>target pair per line)',
        oninput: () => {
          this.showCount();
          this.setError('');  // it was about the pairs before this edit
          onPairsEdit();
        },
      },
      notes: [this.count, this.error],
      use: { label: 'Train on these pairs', testid: 'use-pairs' },
      upload: { label: 'Upload .tsv…', id: 'pairs-upload', accept: '.tsv,.txt,text/tab-separated-values,text/plain', testid: 'pairs-upload' },
      tooLong: { testid: 'pairs-too-long' },
      onUse: (text) => onPairs(text, 'pasted pairs'),
      onFile: onPairsFile,
    });
    this.own = own.el;
    this.textarea = own.textarea;
    this.showPairs = own.show;
    // a Tab key in the box types a tab (pairs need them) instead of moving the focus; Esc then Tab leaves
    this.textarea.addEventListener('keydown', (e) => {
      if (e.key === 'Tab' && !e.shiftKey && !e.ctrlKey && !e.altKey && !e.metaKey && !this.tabEscape) {
        e.preventDefault();
        this.textarea.setRangeText('\t', this.textarea.selectionStart, this.textarea.selectionEnd, 'end');
        this.showCount();
      }
      this.tabEscape = e.key === 'Escape';
    });
    this.el = h('div', { class: 'fields' },
      h('div', { class: 'field field-stack' }, h('label', { for: 's2s-task' }, 'task'), this.select),
      this.blurb, this.example, this.params, this.stats, this.samples, this.own);
  }

  setValues(state) {
    this.select.value = state.task;
    const t = this.tasks.find((x) => x.name === state.task);
    this.blurb.textContent = t ? t.blurb : '';
    clear(this.example);
    if (t) this.example.append('e.g. ', h('code', null, t.example[0]), ' → ', h('code', null, t.example[1]));
    if (state.task === 'pairs' && this.showPairs(state.pairs)) this.showCount();
  }

  showCount() {
    const text = this.textarea.value;
    if (!text) {
      this.count.textContent = PAIRS_HINT;
      return;
    }
    const s = pairStats(text);
    const bad = s.bad ? ` · ${fmtInt(s.bad)} line${s.bad === 1 ? ' is' : 's are'} not a pair (line ${s.firstBad}: ${s.firstProblem})` : '';
    this.count.textContent = `${fmtInt(s.pairs)} pair${s.pairs === 1 ? '' : 's'}${bad}`;
  }

  setPairsText(text) {
    this.textarea.value = text;
    this.showCount();
  }

  setError(text) {
    this.error.hidden = !text;
    this.error.textContent = text || '';
  }

  openPairs() {
    this.own.open = true;
    this.textarea.focus();
  }

  // info: the engine's {trainExamples, heldExamples, vocabSize, samples}, or null while building
  setStats(info) {
    clear(this.samples);
    if (!info) {
      this.stats.textContent = '…';
      return;
    }
    this.stats.textContent = `${fmtInt(info.trainExamples)} training examples · ${fmtInt(info.heldExamples)} held out · ${fmtInt(info.vocabSize)} distinct characters`;
    for (const e of (info.samples || []).slice(0, 3)) {
      this.samples.append(h('li', null, h('code', null, e.source), h('span', { class: 'arrow', 'aria-hidden': 'true' }, ' → '), h('code', null, e.target)));
    }
  }
}
