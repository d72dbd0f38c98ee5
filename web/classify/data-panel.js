// The classifier's data (web/ui/task-panel.js): the task, and your own label<TAB>text lines.
import { h } from '../shell/dom.js';
import { fmtInt } from '../shell/format.js';
import { TaskPanel } from '../ui/task-panel.js';
import { labelledStats } from './examples-source.js';

// onTask(id), onExamples(text, sourceName), onExamplesFile(File), onEdit(); tasks: the catalogue's
export function classifyDataPanel({ onTask, onExamples, onExamplesFile, onEdit, tasks }) {
  return new TaskPanel({
    tasks, onTask, onLines: onExamples, onFile: onExamplesFile, onEdit,
    id: 'cls-task',
    testid: (name) => `cls-${name}`,
    words: {
      own: 'Use your own examples',
      hint: 'Tab-separated: a label, a tab, the text. Tab types a tab here (Esc, then Tab, leaves the box).',
      ariaLabel: 'Your own examples, one label<TAB>text per line',
      placeholder: 'spam\tWIN A FREE PRIZE now\nham\tsee you at lunch\n…  (one label<TAB>text per line)',
      use: 'Train on these examples',
      pasted: 'pasted examples',
      samples: 'cls-samples',
    },
    example: null,
    count: (text) => {
      const s = labelledStats(text);
      const bad = s.bad ? ` · ${fmtInt(s.bad)} line${s.bad === 1 ? ' is' : 's are'} not an example (line ${s.firstBad}: ${s.firstProblem})` : '';
      return `${fmtInt(s.examples)} example${s.examples === 1 ? '' : 's'}, ${fmtInt(s.labels)} label${s.labels === 1 ? '' : 's'}${bad}`;
    },
    stats: (info) => `${fmtInt(info.trainExamples)} training texts · ${fmtInt(info.heldExamples)} held out · classes: ${info.labels.join(', ')}`,
    sample: (e) => [h('span', { class: 'cls-label' }, e.label), h('code', null, e.text)],
    sampleCount: 4,
  });
}
