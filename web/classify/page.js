// The classifier's page half, loaded by the shell (shell/boot.js): its controller, what the toolbar and the
// header show for it, and mount(), which builds its sidebar sections and view cards.
import { debounce } from '../shell/dom.js';
import { ClassifyController } from './controller.js';
import { createClassifyControls } from './controls.js';
import { DataPanel } from './data-panel.js';
import { CurvesView } from './views/curves-view.js';
import { DecisionView } from './views/decision-view.js';
import { ConfusionView } from './views/confusion-view.js';
import { ExamplesView } from './views/examples-view.js';

export { ClassifyController as Controller };

export const styles = [new URL('./classify.css', import.meta.url).href];

export const toolbar = {
  lossTitle: 'Training loss, moving average (nats per text)',
  readouts: [
    { testid: 'readout-accuracy', label: 'accuracy', title: 'Held-out texts whose most likely class is right (measured every 25–200 steps, on the first 1,000)' },
    { testid: 'readout-held-loss', label: 'held-out loss', title: 'Mean cross-entropy of the right class on the held-out texts (nats)' },
    { testid: 'readout-texts-per-sec', label: 'texts/s', title: 'Texts trained on per second' },
  ],
};

// A classifier file can carry its optimizer state and data position (the "+ optimizer state" box).
export const download = { title: 'Download the classifier as .safetensors (PyTorch names; metadata model=classifier)', withState: true };

// Ids unlike the other families' views (a card's id is its element id and testids: view-<id>, toggle-<id>).
const GRID_ORDER = ['learning', 'decision', 'confusion', 'heldout'];

export function mount(pane, c) {
  const dataPanel = new DataPanel({
    onTask: (id) => c.setTask(id),
    onExamples: (text, source) => c.useExamples(text, source),
    onExamplesFile: (file) => c.useExamplesFile(file),
    onEdit: () => c.examplesEdited(),
    tasks: c.family.catalogue.tasks('classify'),
  });
  const controls = createClassifyControls(c.family, (key, raw) => c.setField(key, raw));
  dataPanel.params.append(controls.sections.data);
  pane.section('Task', { fold: false }).append(dataPanel.el);
  pane.section('Model').append(controls.model);
  pane.section('Training').append(controls.train);

  const toggle = (id) => (open) => c.setViewOpen(id, open);
  const views = {
    learning: new CurvesView({ onToggle: toggle('learning') }),
    decision: new DecisionView({
      onToggle: toggle('decision'),
      onInput: debounce((text) => c.setField('input', text), 150),
      onDefault: () => c.setField('input', ''),
    }),
    confusion: new ConfusionView({ onToggle: toggle('confusion') }),
    heldout: new ExamplesView({ onToggle: toggle('heldout') }),
  };
  for (const id of GRID_ORDER) pane.grid.append(views[id].card.el);
  return { views, controls, dataPanel };
}
