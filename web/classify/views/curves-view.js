// Classifier training curves: the training loss per text (every step faint, its moving average dark) and the
// held-out accuracy and loss, measured at fixed steps (shell/eval-schedule.js), against the training step.
import { h } from '../../shell/dom.js';
import { LineChart } from '../../ui/charts/line-chart.js';
import { Card } from '../../ui/card.js';

export class CurvesView {
  constructor({ onToggle }) {
    this.card = new Card({
      id: 'learning', title: 'Loss & accuracy', subtitle: 'training loss · held-out accuracy', wide: true,
      help: [
        'Left: the training loss, the cross-entropy (in nats) of the right label for the texts of each step. The faint line is every step, the dark line its moving average; the dashed line is the loss on the held-out texts.',
        'Right: the share of held-out texts (never trained on) whose most likely class is the right one. Both held-out curves are measured every 25 steps (every 50 after step 250, every 200 after 2,000), so a share link draws the same curves.',
      ],
      onToggle,
    });
    this.lossCanvas = h('canvas', { class: 'chart', dataset: { testid: 'cls-loss-chart' }, role: 'img', 'aria-label': 'Training loss against step' });
    this.accCanvas = h('canvas', { class: 'chart', dataset: { testid: 'cls-accuracy-chart' }, role: 'img', 'aria-label': 'Held-out accuracy against step' });
    this.card.body.append(h('div', { class: 'two-charts' },
      h('figure', null, this.lossCanvas, h('figcaption', null, 'loss (nats per text)')),
      h('figure', null, this.accCanvas, h('figcaption', null, 'held-out accuracy'))));
    this.loss = new LineChart(this.lossCanvas, { xLabel: 'training step', yLabel: 'loss', emptyMessage: 'Press Play (or Space) to start training', primary: 'train', minXSpan: 10 });
    this.loss.addSeries('train', { label: 'per step', color: '--c-blue-soft', width: 1, alpha: 0.45 });
    this.loss.addSeries('smooth', { label: 'average', color: '--c-blue', width: 2 });
    this.loss.addSeries('held', { label: 'held out', color: '--c-orange', width: 2, dash: [6, 4] });
    this.acc = new LineChart(this.accCanvas, { xLabel: 'training step', yLabel: 'accuracy (%)', emptyMessage: 'Measured every 25 steps', minXSpan: 10, fixedY: [-3, 104] });
    this.acc.addSeries('accuracy', { label: 'held-out accuracy', color: '--c-orange', width: 2, markers: true });
    this.history = null;
  }

  // Replaces everything: the History and the evaluations [[step, accuracy, loss]].
  setData(history, evals) {
    this.history = history;
    const xs = Float64Array.from({ length: history.losses.n }, (_, i) => history.base + i + 1);
    this.loss.setSeries('train', xs, history.losses.view());
    this.loss.setSeries('smooth', xs, history.smooth.view());
    this.setEvals(evals);
  }

  setEvals(evals) {
    this.loss.setSeries('held', evals.map((p) => p[0]), evals.map((p) => p[2]));
    this.acc.setSeries('accuracy', evals.map((p) => p[0]), evals.map((p) => p[1] * 100));
  }

  // New steps appended from index `from` of the history.
  update(from) {
    const hst = this.history;
    for (let i = from; i < hst.losses.n; i++) {
      this.loss.addDataPoint('train', hst.base + i + 1, hst.losses.a[i]);
      this.loss.addDataPoint('smooth', hst.base + i + 1, hst.smooth.a[i]);
    }
  }

  reset() {
    this.loss.reset();
    this.acc.reset();
  }
}
