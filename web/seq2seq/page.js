// The seq2seq page half, loaded by the shell (shell/boot.js): its controller, what the toolbar and the
// header show for it, and mount(), which builds its sidebar sections and view cards.
import { debounce } from '../shell/dom.js';
import { Seq2SeqController } from './controller.js';
import { createSeq2SeqControls } from './controls.js';
import { seq2seqTaskPanel } from './task-panel.js';
import { CurvesView } from './views/curves-view.js';
import { AttentionView } from './views/attention-view.js';
import { BeamView } from './views/beam-view.js';
import { LengthView } from './views/length-view.js';
import { ExamplesView } from './views/examples-view.js';

export { Seq2SeqController as Controller };

// Its own styles, linked before mount() runs.
export const styles = [new URL('./seq2seq.css', import.meta.url).href];

export const toolbar = {
  lossTitle: 'Training loss, moving average (nats per target character)',
  readouts: [
    { testid: 'readout-exact', label: 'exact match', title: 'Held-out examples the model gets exactly right (greedy decoding; the first 200, measured every 25–200 steps)' },
    { testid: 'readout-per-char', label: 'per char', title: 'Held-out target characters predicted right, position by position' },
    { testid: 'readout-target-chars-per-sec', label: 'target chars/s', title: 'Target characters trained on per second (with the twin, both models share the time)' },
  ],
};

// A seq2seq file can carry its optimizer state and data position (the "+ optimizer state" box).
export const download = { title: 'Download the encoder-decoder as .safetensors (PyTorch names; metadata model=seq2seq)', withState: true };

const GRID_ORDER = ['curves', 'attention', 'beam', 'length', 'examples'];

// pane: {section(title, options) -> element, grid}; c: the controller the controls talk to.
export function mount(pane, c) {
  const taskPanel = seq2seqTaskPanel({
    onTask: (id) => c.setTask(id),
    onPairs: (text, source) => c.usePairs(text, source),
    onPairsFile: (file) => c.usePairsFile(file),
    onPairsEdit: () => c.pairsEdited(),
    tasks: c.family.catalogue.tasks('seq2seq'),
  });
  const controls = createSeq2SeqControls(c.family, (key, raw) => c.setField(key, raw));
  taskPanel.params.append(controls.sections.data);
  pane.section('Task', { fold: false }).append(taskPanel.el);
  pane.section('Model').append(controls.model);
  pane.section('Training').append(controls.train);

  const toggle = (id) => (open) => c.setViewOpen(id, open);
  const views = {
    curves: new CurvesView({ onToggle: toggle('curves'), onLogY: (on) => c.setField('logy', on ? '1' : '0') }),
    attention: new AttentionView({
      onToggle: toggle('attention'),
      onInput: debounce((text) => c.setField('input', text), 150),
      onDefault: () => c.setField('input', ''),
    }),
    beam: new BeamView({ onToggle: toggle('beam'), onChange: (key, raw) => c.setField(key, raw), onSelect: (i) => c.selectHypothesis(i), table: c.table }),
    length: new LengthView({ onToggle: toggle('length'), onCompare: (on) => c.setField('compare', on ? '1' : '0') }),
    examples: new ExamplesView({ onToggle: toggle('examples') }),
  };
  for (const id of GRID_ORDER) pane.grid.append(views[id].card.el);
  return { views, controls, taskPanel };
}
