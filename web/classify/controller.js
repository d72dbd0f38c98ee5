// The classifier's controller: the shell's Controller (shell/controller.js) with what a many-to-one model
// adds — the task or your own labelled lines, the held-out accuracy points, the decision over time of the
// text typed in its view, the held-out evaluation (confusion matrix and examples), and its readouts.
import { Controller } from '../shell/controller.js';
import { Cancelled } from '../shell/bridge.js';
import { calibrate } from '../shell/estimate.js';
import { fmtCompact, fmtInt } from '../shell/format.js';
import { openedTrainingLines } from '../shell/model-files.js';
import { LiveRequest } from '../shell/live-requests.js';
import { CLS_CONFIG_GROUPS } from './fields.js';
import { checkExamples, readExamplesFile } from './examples-source.js';

const pct = (x) => (Number.isFinite(x) ? `${(x * 100).toFixed(x >= 0.9995 || x === 0 ? 0 : 1)}%` : '–');

// The text the decision view reads when the user has typed nothing: one that shows the task's point.
const EXAMPLE_INPUT = { sentiment: "the film is not good, it's bad", counting: 'abbabaabbba', names: 'dravelok' };

export class ClassifyController extends Controller {
  constructor(shell) {
    super(shell);
    this.evals = [];          // [step, accuracy, loss] on the held-out texts
    this.labels = [];
    this.evaluation = null;   // the last held-out evaluation (recurrentPlayground.evaluation)
    this.decision = null;     // the last decision over time
    this.fresh = { evaluate: false, decide: false };
    this.words = {
      session: 'classifier session',
      restored: 'weights, optimizer state and data position, loss history and accuracy.',
      unstable: 'Lower the learning rate or the gradient-norm clip.',
      copied: 'Anyone who opens it gets this task, model and training settings, seed, text and views; pressing play reproduces the same loss and accuracy curves.',
    };
  }

  // ---------------------------------------------------------------- building the model

  pairsOf(s) {
    return s.task === 'pairs' ? s.pairs || '' : '';
  }

  config(s) {
    return this.table.engineConfig(s, CLS_CONFIG_GROUPS);
  }

  costQuery(state) {
    return { experiment: this.config(state), data: state.task === 'pairs' ? { pairs: state.pairs || '' } : {} };
  }

  async judge() {
    const s = this.state;
    if (s.task === 'pairs' && !s.pairs) {
      this.askForExamples();
      return null;
    }
    const verdict = await this.costVerdict();
    // the engine refuses your examples before it estimates a model: the fault is in the examples
    this.examplesRefused = !!(verdict && verdict.refuse && !verdict.e && s.task === 'pairs');
    if (this.examplesRefused) {
      this.dataPanel.setError(verdict.refuse);
      return { ...verdict, title: 'These examples cannot be used' };
    }
    return verdict;
  }

  configureFields() {
    return { config: JSON.stringify(this.config(this.state)), pairs: this.pairsOf(this.state) };
  }

  importFields(bytes, state, record) {
    const fields = { bytes, config: JSON.stringify(this.config(state)), pairs: this.pairsOf(state) };
    if (record) fields.base = record.step;
    return fields;
  }

  buildFailed(e) {
    if (this.state.task === 'pairs') this.dataPanel.setError(e.message);
  }

  stepWork(e) {
    return `${fmtInt(Math.round(e.unitsPerStep))} texts`;
  }

  adoptDetails(r, record) {
    this.labels = r.info.labels;
    this.evals = record && record.evals ? record.evals.filter(([st]) => st <= r.step) : [];
    this.addEvals(r.evals || []);
    this.evaluation = null;
    this.decision = null;
    this.dataPanel.setError('');
    this.dataPanel.setStats(r.info);
    const v = this.views;
    v.learning.setData(this.history, this.evals);
    for (const id of ['decision', 'confusion', 'heldout']) v[id].reset();
  }

  askForExamples() {
    this.dataPanel.openOwn();
    this.notices.info('Paste or upload your examples', ['Under “Use your own examples”: one label<TAB>text per line, or upload a .tsv file (UTF-8). Then press “Train on these examples”.'], { key: 'pairs-help', timeout: 10000 });
  }

  // ---------------------------------------------------------------- controls

  syncControls() {
    super.syncControls();
    this.dataPanel.setValues(this.state);
    this.views.decision.setInput(this.state.input, this.exampleInput());
  }

  experimentChanged(key) {
    if (key === 'task') this.state.input = '';
  }

  viewChanged(key) {
    if (key === 'input') this.decide(true);
  }

  viewOpened(id) {
    if (id === 'decision') this.decide(true);
    if (id === 'confusion' || id === 'heldout') this.evaluate(true);
  }

  setTask(id) {
    if (id === 'pairs' && !this.state.pairs) {
      this.syncControls();
      this.askForExamples();
      return;
    }
    this.setField('task', id);
  }

  async useExamples(text, source) {
    const r = checkExamples(text);
    if (r.error) {
      this.notices.error(`The ${source} cannot be used`, [r.error], { key: 'pairs' });
      if (r.lineError) this.dataPanel.setError(r.lineError);
      return;
    }
    this.notices.clearKey('pairs');
    this.state.task = 'pairs';
    this.state.pairs = text;
    this.state.input = '';
    this.dataPanel.setOwnText(text);
    this.syncControls();
    await this.build({ confirmed: false });
  }

  examplesEdited() {
    if (this.examplesRefused) this.notices.clearKey('build');
    this.examplesRefused = false;
  }

  async useExamplesFile(file) {
    const r = await readExamplesFile(file);
    if (r.error) this.notices.error('This file cannot be used', [r.error], { key: 'pairs' });
    else await this.useExamples(r.text, file.name);
  }

  // ---------------------------------------------------------------- progress and readouts

  // Accuracy points [step, accuracy, loss] from the worker; true when there was one.
  addEvals(points) {
    for (const p of points) {
      const last = this.evals[this.evals.length - 1];
      if (last && last[0] === p[0]) last.splice(1, 2, p[1], p[2]);
      else if (!last || last[0] < p[0]) this.evals.push([...p]);
    }
    return points.length > 0;
  }

  progressed(m) {
    const from = this.history.losses.n;
    if (m.losses.length) this.history.add(m.losses);
    this.views.learning.update(from);
    if (this.addEvals(m.evals)) {
      this.views.learning.setEvals(this.evals);
      this.fresh.evaluate = true;
      this.fresh.decide = true;
    }
    if (this.cost && m.losses.length) calibrate(this.cost.flopsPerStep, m.losses.length, m.seconds);
    return m.texts;
  }

  readouts(perSecond) {
    const last = this.evals[this.evals.length - 1];
    return {
      'readout-accuracy': { text: pct(last ? last[1] : NaN), note: last ? `@${fmtCompact(last[0])}` : '' },
      'readout-held-loss': last ? last[2].toFixed(3) : '–',
      'readout-texts-per-sec': Number.isFinite(perSecond) && perSecond > 0 ? fmtCompact(perSecond) : '–',
    };
  }

  // ---------------------------------------------------------------- what the model says

  refreshViews() {
    this.evaluate(true);
    this.decide(true);
  }

  liveRequests() {
    return {
      decide: new LiveRequest({ every: 250, wanted: () => this.isOpen('decision') && this.fresh.decide, send: () => this.sendDecide() }),
      evaluate: new LiveRequest({ every: 2500, slowdown: 6, wanted: () => (this.isOpen('confusion') || this.isOpen('heldout')) && this.fresh.evaluate, send: () => this.sendEvaluate() }),
    };
  }

  exampleInput() {
    const a = this.applied || this.state;
    if (EXAMPLE_INPUT[a.task]) return EXAMPLE_INPUT[a.task];
    const samples = this.info && this.info.samples;
    return samples && samples.length ? samples[0].text : '';
  }

  decide(force = false) {
    if (this.ready && this.isOpen('decision')) this.live.decide.fire(force);
  }

  sendDecide() {
    const { text, note } = this.knownText(Array.from(this.state.input || this.exampleInput()).slice(0, 500).join(''), 'text');
    const view = this.views.decision;
    view.setNote(text ? note : `${note || 'Type a text.'} Nothing left to classify.`);
    view.setInput(this.state.input, this.exampleInput());
    if (!text) return null;
    const req = this.bridge.request('overTime', { text });
    this.fresh.decide = false;
    req.promise.then((r) => {
      this.decision = { text, probs: Array.from(r.probs), labels: this.labels, step: r.step };
      view.update({ ...this.decision, probs: r.probs });
    }, (e) => {
      if (!(e instanceof Cancelled)) view.setNote(e.message);
    });
    return req;
  }

  evaluate(force = false) {
    if (this.ready && (this.isOpen('confusion') || this.isOpen('heldout'))) this.live.evaluate.fire(force);
  }

  sendEvaluate() {
    const req = this.bridge.request('evaluate', { limit: 1000 });
    this.fresh.evaluate = false;
    req.promise.then((r) => {
      this.evaluation = r;
      this.views.confusion.update(r, this.labels);
      this.views.heldout.update(r, this.labels);
    }, (e) => {
      if (!(e instanceof Cancelled)) this.notices.warn('Could not evaluate the model', [e.message], { key: 'evaluate', timeout: 8000 });
    });
    return req;
  }

  // ---------------------------------------------------------------- model files and the saved session

  // A saved session keeps the optimizer state and data position, so reopening it trains on exactly.
  exportArgs({ save, withState }) {
    return { withTrainingState: save || !!withState };
  }

  downloadName(r, withState) {
    const a = this.applied;
    return `classifier-${a.task}-${a.cell}-h${a.hidden}${a.layers > 1 ? `x${a.layers}` : ''}${a.bidirectional ? '-bi' : ''}-${a.pooling}-step${r.step}${withState ? '-resumable' : ''}.safetensors`;
  }

  downloadNote(withState) {
    return `the classifier as safetensors with PyTorch names (embed, rnn, head)${withState ? ', plus the optimizer state and data position to resume training exactly' : ''}; its metadata (model=classifier, the vocabulary, the labels and the experiment) lets this page open it again and regenerate the same held-out texts.`;
  }

  // The PyTorch project's data (shell/pytorch-project.js): your labelled lines, which train_classifier.py
  // continues on; a generated task's texts come from the engine's generators, so such a run continues here
  // or with `rnn`.
  projectData() {
    const a = this.applied;
    const cat = this.family.catalogue;
    const task = cat.task('classify', a.task);
    const own = a.task === 'pairs';
    return {
      summary: `A sequence classifier: ${a.bidirectional ? 'bidirectional ' : ''}${cat.cellLabel(a.cell)}, ${a.hidden} hidden units × ${a.layers} layer${a.layers > 1 ? 's' : ''}, ${a.pooling} pooling, trained on ${own ? 'your own examples' : `the generated task ${task ? task.title : a.task}`}`,
      files: own ? [{ name: 'pairs.tsv', data: a.pairs, about: 'the examples it trains on (label<TAB>text, one per line), as UTF-8' }] : [],
      data: own ? ['--pairs', 'pairs.tsv'] : ['--task', a.task],
      train: [],
      batch: a.batch,
      notes: ['The examples are split into training and held-out ones by the run\'s seed, as the page split them.'],
      reopen: own ? 'It trains on your examples: load `pairs.tsv` in the page first (Task → Use your own examples), then open the file.' : '',
      refusal: own ? '' : `\`train_classifier.py\` continues runs on your own examples. This one trained on the generated task '${a.task}', whose texts come from the engine's generators, so its training continues in the page or with the \`rnn\` command line (below); in PyTorch, its module loads the weights (see "In your own code").`,
    };
  }

  openFailedHint(e, state) {
    return /examples|label/.test(e.message) && state.task !== 'pairs' ? 'A model trained on your own examples needs them: load them first (Task → Use your own examples), then open the model again.' : '';
  }

  openedFile() {
    this.state.input = '';
  }

  openedLines(r) {
    const a = this.applied;
    const cat = this.family.catalogue;
    const task = cat.task('classify', a.task);
    return [
      `${task ? task.title : a.task}: ${a.bidirectional ? 'bidirectional ' : ''}${cat.cellLabel(a.cell)}, ${a.hidden} hidden units × ${a.layers} layer${a.layers > 1 ? 's' : ''}, ${a.pooling} pooling; classes ${r.info.labels.join(', ')}; ${fmtCompact(r.info.params)} parameters.`,
      ...openedTrainingLines(r),
    ];
  }

  recordExtras(r) {
    return { evals: this.evals.filter(([s]) => s <= r.step) };
  }
}
