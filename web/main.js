// Wires the page together: builds the panels and views of both modes, connects them to their experiment
// controllers, the engine bridge and the session store through the page (app.js), and installs the
// keyboard shortcuts. No logic of its own.
import { EngineBridge } from './bridge.js';
import { SessionStore } from './storage.js';
import { Notices } from './notices.js';
import { App, consoleHandle } from './app.js';
import { Experiment } from './experiment.js';
import { Seq2SeqExperiment } from './seq2seq-experiment.js';
import { installShortcuts } from './shortcuts.js';
import { Toolbar } from './panels/toolbar.js';
import { HeaderActions } from './panels/header-actions.js';
import { ModeSwitch } from './panels/mode-switch.js';
import { DataPanel } from './panels/data-panel.js';
import { ModelPanel } from './panels/model-panel.js';
import { ProbePanel } from './panels/probe-panel.js';
import { TaskPanel } from './panels/task-panel.js';
import { createSeq2SeqControls } from './panels/seq2seq-controls.js';
import { LossView } from './views/loss-view.js';
import { SamplesView } from './views/samples-view.js';
import { PredictView } from './views/predict-view.js';
import { StatesView } from './views/states-view.js';
import { GatesView } from './views/gates-view.js';
import { NeuronView } from './views/neuron-view.js';
import { GradientsView } from './views/gradients-view.js';
import { CurvesView } from './views/curves-view.js';
import { ExamplesView } from './views/examples-view.js';
import { AttentionView } from './views/attention-view.js';
import { BeamView } from './views/beam-view.js';
import { LengthView } from './views/length-view.js';
import { debounce } from './dom.js';

const $ = (id) => document.getElementById(id);
let app = null;
let lm = null;   // the char-LM controller
let s2s = null;  // the seq2seq controller
const toggle = (id) => (open) => lm.setViewOpen(id, open);
const s2sToggle = (id) => (open) => s2s.setViewOpen(id, open);

const notices = new Notices($('notices'));
const toolbar = new Toolbar({ onPlay: () => app.togglePlay(), onStep: () => app.stepOnce(), onReset: () => app.reset() });
const header = new HeaderActions({
  onCopyLink: () => app.copyLink(),
  onDownload: (withState) => app.downloadModel(withState),
  onOpenModel: (file) => app.openModel(file),
});
const modeSwitch = new ModeSwitch({ onMode: (mode) => app.switchMode(mode) });

// ---- the language-model mode ----
const dataPanel = new DataPanel({
  onPreset: (id) => lm.setPreset(id),
  onCustomText: (text, source) => lm.useCustomText(text, source),
  onFile: (file) => lm.useTextFile(file),
  onHoldout: (raw) => lm.setField('holdout', raw),
});
const modelPanel = new ModelPanel({ onChange: (key, raw) => lm.setField(key, raw) });
const probePanel = new ProbePanel({
  onProbe: (text) => lm.setField('probe', text),
  onLayer: (raw) => lm.setField('layer', raw),
});
const views = {
  loss: new LossView({ onToggle: toggle('loss'), onLogY: (on) => lm.setField('logy', on ? '1' : '0') }),
  samples: new SamplesView({ onToggle: toggle('samples'), onChange: (key, raw) => lm.setField(key, raw), onSample: () => lm.requestSample() }),
  predict: new PredictView({ onToggle: toggle('predict'), onInput: debounce(() => lm.requestPredict(), 60) }),
  states: new StatesView({ onToggle: toggle('states'), onSource: (s) => lm.setField('heat', s), onUnit: (u) => lm.selectUnit(u) }),
  gates: new GatesView({ onToggle: toggle('gates') }),
  neuron: new NeuronView({ onToggle: toggle('neuron'), onUnit: (u) => lm.selectUnit(u) }),
  gradients: new GradientsView({ onToggle: toggle('gradients') }),
};

// ---- the seq2seq mode ----
const taskPanel = new TaskPanel({
  onTask: (id) => s2s.setTask(id),
  onPairs: (text, source) => s2s.usePairs(text, source),
  onPairsFile: (file) => s2s.usePairsFile(file),
});
const s2sControls = createSeq2SeqControls((key, raw) => s2s.setField(key, raw));
const s2sViews = {
  curves: new CurvesView({ onToggle: s2sToggle('curves'), onLogY: (on) => s2s.setField('logy', on ? '1' : '0') }),
  attention: new AttentionView({
    onToggle: s2sToggle('attention'),
    onInput: debounce((text) => s2s.setField('input', text), 150),
    onDefault: () => s2s.setField('input', ''),
  }),
  beam: new BeamView({ onToggle: s2sToggle('beam'), onChange: (key, raw) => s2s.setField(key, raw), onSelect: (i) => s2s.selectHypothesis(i) }),
  length: new LengthView({ onToggle: s2sToggle('length'), onCompare: (on) => s2s.setField('compare', on ? '1' : '0') }),
  examples: new ExamplesView({ onToggle: s2sToggle('examples') }),
};

$('mode-switch').append(modeSwitch.el);
$('header-actions').append(header.el);
$('toolbar').append(toolbar.el);
$('panel-data').append(dataPanel.el);
$('panel-model').append(modelPanel.model);
$('panel-training').append(modelPanel.train);
$('panel-probe').append(probePanel.el);
const grid = $('views');
for (const id of ['loss', 'samples', 'states', 'neuron', 'gates', 'predict', 'gradients']) grid.append(views[id].card.el);
taskPanel.params.append(s2sControls.sections.data);
$('panel-task').append(taskPanel.el);
$('panel-s2s-model').append(s2sControls.model);
$('panel-s2s-training').append(s2sControls.train);
const s2sGrid = $('views-seq2seq');
for (const id of ['curves', 'attention', 'beam', 'length', 'examples']) s2sGrid.append(s2sViews[id].card.el);

// On a narrow screen the sidebar sections start folded, except the text (or the task).
if (window.matchMedia('(max-width: 760px)').matches)
  for (const d of document.querySelectorAll('.sidebar details[data-fold]')) d.open = false;

const bridge = new EngineBridge();
const store = new SessionStore();
lm = new Experiment({ bridge, store, notices, toolbar, header, dataPanel, modelPanel, probePanel, views });
s2s = new Seq2SeqExperiment({ bridge, store, notices, toolbar, header, taskPanel, controls: s2sControls, views: s2sViews });
app = new App({
  store, notices, toolbar, header, modeSwitch, controllers: { charlm: lm, seq2seq: s2s },
  panes: [...document.querySelectorAll('[data-mode-pane]')], tagline: $('tagline'),
});
// Show the link's mode at once (before the engine loads), so a seq2seq link never flashes the other mode.
app.show(/(?:^#|&)mode=seq2seq(?:&|$)/.test(location.hash) ? 'seq2seq' : 'charlm');
// For the browser console and automated checks: read-only access to the page and its controllers.
Object.defineProperty(window, 'recurrentPlayground', { value: consoleHandle(app) });
installShortcuts({ togglePlay: () => app.togglePlay(), step: () => app.stepOnce(), reset: () => app.reset() });
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden') app.flush();
});
window.addEventListener('pagehide', () => app.flush());
app.boot().catch((e) => {
  console.error(e);
  notices.error('Something went wrong while starting', [String(e && e.message ? e.message : e)]);
});
