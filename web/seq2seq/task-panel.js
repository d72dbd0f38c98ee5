// The seq2seq task (web/ui/task-panel.js): an example pair under the blurb, and your own source<TAB>target pairs.
import { h } from '../shell/dom.js';
import { fmtInt } from '../shell/format.js';
import { TaskPanel } from '../ui/task-panel.js';
import { pairStats } from './tasks.js';

// onTask(id), onPairs(text, sourceName), onPairsFile(File), onPairsEdit(); tasks: the catalogue's
export function seq2seqTaskPanel({ onTask, onPairs, onPairsFile, onPairsEdit, tasks }) {
  return new TaskPanel({
    tasks, onTask, onLines: onPairs, onFile: onPairsFile, onEdit: onPairsEdit,
    id: 's2s-task',
    testid: (name) => (name === 'task' ? 's2s-task' : name),
    words: {
      own: 'Use your own pairs',
      hint: 'Tab-separated: source, a tab, target. Tab types a tab here (Esc, then Tab, leaves the box).',
      ariaLabel: 'Your own pairs, one source<TAB>target per line',
      placeholder: 'colour\tcolor\nflavour\tflavor\ncentre\tcenter\n…  (one source<TAB>target pair per line)',
      use: 'Train on these pairs',
      pasted: 'pasted pairs',
      samples: 'task-samples',
    },
    example: (t) => ['e.g. ', h('code', null, t.example[0]), ' → ', h('code', null, t.example[1])],
    count: (text) => {
      const s = pairStats(text);
      const bad = s.bad ? ` · ${fmtInt(s.bad)} line${s.bad === 1 ? ' is' : 's are'} not a pair (line ${s.firstBad}: ${s.firstProblem})` : '';
      return `${fmtInt(s.pairs)} pair${s.pairs === 1 ? '' : 's'}${bad}`;
    },
    stats: (info) => `${fmtInt(info.trainExamples)} training examples · ${fmtInt(info.heldExamples)} held out · ${fmtInt(info.vocabSize)} distinct characters`,
    sample: (e) => [h('code', null, e.source), h('span', { class: 'arrow', 'aria-hidden': 'true' }, ' → '), h('code', null, e.target)],
    sampleCount: 3,
  });
}
