// The char LM's page half, loaded by the shell (shell/boot.js): its controller, what the toolbar and the
// header show for it, and mount(), which builds its sidebar sections and view cards.
import { debounce } from '../shell/dom.js';
import { CharLMController } from './controller.js';
import { createControls } from './controls.js';
import { BaselinePanel } from './baseline-panel.js';
import { DataPanel } from './data-panel.js';
import { ProbePanel } from './probe-panel.js';
import { LossView } from './views/loss-view.js';
import { SamplesView } from './views/samples-view.js';
import { PredictView } from './views/predict-view.js';
import { StatesView } from './views/states-view.js';
import { GatesView } from './views/gates-view.js';
import { NeuronView } from './views/neuron-view.js';
import { GradientsView } from './views/gradients-view.js';

export { CharLMController as Controller };

// Its own styles, linked before mount() runs.
export const styles = [new URL('./lm.css', import.meta.url).href];

export const toolbar = {
  lossTitle: 'Training loss, moving average (nats per character)',
  readouts: [
    { testid: 'readout-held-out-loss', label: 'held-out', title: 'Loss on the held-out end of the text (nats per character)' },
    { testid: 'readout-perplexity', label: 'perplexity', title: 'e^(held-out loss), or e^(training loss) when nothing is held out' },
    { testid: 'readout-chars-per-sec', label: 'chars/s', title: 'Training characters processed per second' },
  ],
};

export const download = { title: 'Download the weights as .safetensors (loads in PyTorch)', withState: true };

const GRID_ORDER = ['loss', 'samples', 'states', 'neuron', 'gates', 'predict', 'gradients'];

// pane: {section(title, options) -> element, grid}; c: the controller the controls talk to.
export function mount(pane, c) {
  const dataPanel = new DataPanel({
    onPreset: (id) => c.setPreset(id),
    onCustomText: (text, source) => c.useCustomText(text, source),
    onFile: (file) => c.useTextFile(file),
    onHoldout: (raw) => c.setField('holdout', raw),
    holdout: c.table.field('holdout'),
  });
  const controls = createControls(c.family, (key, raw) => c.setField(key, raw));
  const probePanel = new ProbePanel({
    onProbe: (text) => c.setField('probe', text),
    onLayer: (raw) => c.setField('layer', raw),
  });
  pane.section('Data', { fold: false }).append(dataPanel.el);
  pane.section('Model').append(controls.model);
  pane.section('Training').append(controls.train);
  const baselinePanel = new BaselinePanel({ onChange: (key, raw) => c.setField(key, raw), fields: { ngram: c.table.field('ngram'), window: c.table.field('window') } });
  pane.section('Baselines', { note: 'Drawn on the loss chart beside the RNN\'s held-out loss, on the same text and split.' }).append(baselinePanel.el);
  pane.section('Probe', { note: 'The text the inspection views read (heatmap, gates, neuron inspector, sensitivity).' }).append(probePanel.el);

  const toggle = (id) => (open) => c.setViewOpen(id, open);
  const views = {
    loss: new LossView({ onToggle: toggle('loss'), onLogY: (on) => c.setField('logy', on ? '1' : '0') }),
    samples: new SamplesView({ onToggle: toggle('samples'), onChange: (key, raw) => c.setField(key, raw), onSample: () => c.requestSample(), table: c.table }),
    predict: new PredictView({ onToggle: toggle('predict'), onInput: debounce(() => c.requestPredict(), 60) }),
    states: new StatesView({ onToggle: toggle('states'), onSource: (s) => c.setField('heat', s), onUnit: (u) => c.selectUnit(u) }),
    gates: new GatesView({ onToggle: toggle('gates') }),
    neuron: new NeuronView({ onToggle: toggle('neuron'), onUnit: (u) => c.selectUnit(u) }),
    gradients: new GradientsView({ onToggle: toggle('gradients') }),
  };
  for (const id of GRID_ORDER) pane.grid.append(views[id].card.el);
  return { views, controls, dataPanel, probePanel, baselinePanel };
}
