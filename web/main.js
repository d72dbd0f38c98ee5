// Wires the page together: builds the panels and views, connects them to the experiment controller, the
// engine bridge and the session store, and installs the keyboard shortcuts. No logic of its own.
import { EngineBridge } from './bridge.js';
import { SessionStore } from './storage.js';
import { Notices } from './notices.js';
import { Experiment } from './experiment.js';
import { installShortcuts } from './shortcuts.js';
import { Toolbar } from './panels/toolbar.js';
import { HeaderActions } from './panels/header-actions.js';
import { DataPanel } from './panels/data-panel.js';
import { ModelPanel } from './panels/model-panel.js';
import { ProbePanel } from './panels/probe-panel.js';
import { LossView } from './views/loss-view.js';
import { SamplesView } from './views/samples-view.js';
import { PredictView } from './views/predict-view.js';
import { StatesView } from './views/states-view.js';
import { GatesView } from './views/gates-view.js';
import { NeuronView } from './views/neuron-view.js';
import { GradientsView } from './views/gradients-view.js';
import { debounce } from './dom.js';

const $ = (id) => document.getElementById(id);
let app = null;
const toggle = (id) => (open) => app.setViewOpen(id, open);

const notices = new Notices($('notices'));
const toolbar = new Toolbar({ onPlay: () => app.togglePlay(), onStep: () => app.stepOnce(), onReset: () => app.reset() });
const header = new HeaderActions({
  onCopyLink: () => app.copyLink(),
  onDownload: (withState) => app.downloadModel(withState),
  onOpenModel: (file) => app.openModel(file),
});
const dataPanel = new DataPanel({
  onPreset: (id) => app.setPreset(id),
  onCustomText: (text, source) => app.useCustomText(text, source),
  onFile: (file) => app.useTextFile(file),
  onHoldout: (raw) => app.setField('holdout', raw),
});
const modelPanel = new ModelPanel({ onChange: (key, raw) => app.setField(key, raw) });
const probePanel = new ProbePanel({
  onProbe: (text) => app.setField('probe', text),
  onLayer: (raw) => app.setField('layer', raw),
});
const views = {
  loss: new LossView({ onToggle: toggle('loss'), onLogY: (on) => app.setField('logy', on ? '1' : '0') }),
  samples: new SamplesView({ onToggle: toggle('samples'), onChange: (key, raw) => app.setField(key, raw), onSample: () => app.requestSample() }),
  predict: new PredictView({ onToggle: toggle('predict'), onInput: debounce(() => app.requestPredict(), 60) }),
  states: new StatesView({ onToggle: toggle('states'), onSource: (s) => app.setField('heat', s), onUnit: (u) => app.selectUnit(u) }),
  gates: new GatesView({ onToggle: toggle('gates') }),
  neuron: new NeuronView({ onToggle: toggle('neuron'), onUnit: (u) => app.selectUnit(u) }),
  gradients: new GradientsView({ onToggle: toggle('gradients') }),
};

$('header-actions').append(header.el);
$('toolbar').append(toolbar.el);
$('panel-data').append(dataPanel.el);
$('panel-model').append(modelPanel.model);
$('panel-training').append(modelPanel.train);
$('panel-probe').append(probePanel.el);
const grid = $('views');
for (const id of ['loss', 'samples', 'states', 'neuron', 'gates', 'predict', 'gradients']) grid.append(views[id].card.el);

// On a narrow screen the sidebar sections start folded, except the text.
if (window.matchMedia('(max-width: 760px)').matches)
  for (const d of document.querySelectorAll('.sidebar details[data-fold]')) d.open = false;

app = new Experiment({
  bridge: new EngineBridge(), store: new SessionStore(), notices, toolbar, header, dataPanel, modelPanel, probePanel, views,
});
// For the browser console and automated checks: read-only access to the controller.
Object.defineProperty(window, 'recurrentPlayground', { value: app });
installShortcuts({ togglePlay: () => app.togglePlay(), step: () => app.stepOnce(), reset: () => app.reset() });
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden') app.flush();
});
window.addEventListener('pagehide', () => app.flush());
app.boot().catch((e) => {
  console.error(e);
  notices.error('Something went wrong while starting', [String(e && e.message ? e.message : e)]);
});
