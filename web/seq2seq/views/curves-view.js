// Seq2seq training curves: the loss per target character (every step faint, its moving average dark, the
// no-attention twin's average dashed) and the held-out accuracy (exact match and per character, the twin's
// exact match dashed), both against the training step.
import { h } from '../../shell/dom.js';
import { LineChart } from '../../ui/charts/line-chart.js';
import { Card } from '../../ui/card.js';

const TWIN = '--c-grey';

export class CurvesView {
  // onLogY(on)
  constructor({ onToggle, onLogY }) {
    this.card = new Card({
      id: 'curves', title: 'Loss & accuracy', subtitle: 'training loss · held-out accuracy', wide: true,
      help: [
        'Left: the training loss, the average surprise (cross-entropy, in nats) of the decoder at each target character and the end-of-sequence mark, with the correct previous character fed in (teacher forcing). The faint line is every step, the dark line its moving average.',
        'Right: how often the model gets held-out examples (never trained on) exactly right when it decodes on its own (greedy), and the share of target characters it gets right position by position. Both are measured on the first 200 held-out examples every 25 steps (every 50 after step 250, every 200 after 2,000), so a share link draws the same curves.',
        'With “compare with no attention” on (in the “Accuracy by input length” view), the dashed grey lines are the fixed-context twin: the same model without attention, trained in lockstep.',
      ],
      onToggle,
    });
    this.lossCanvas = h('canvas', { class: 'chart', dataset: { testid: 's2s-loss-chart' }, role: 'img', 'aria-label': 'Training loss against step' });
    this.accCanvas = h('canvas', { class: 'chart', dataset: { testid: 'accuracy-chart' }, role: 'img', 'aria-label': 'Held-out accuracy against step' });
    this.card.body.append(h('div', { class: 'two-charts' },
      h('figure', null, this.lossCanvas, h('figcaption', null, 'training loss (nats per target character)')),
      h('figure', null, this.accCanvas, h('figcaption', null, 'held-out accuracy (greedy decoding)'))));
    this.loss = new LineChart(this.lossCanvas, { xLabel: 'training step', yLabel: 'loss', emptyMessage: 'Press Play (or Space) to start training', primary: 'train', minXSpan: 10 });
    this.loss.addSeries('train', { label: 'per step', color: '--c-blue-soft', width: 1, alpha: 0.45 });
    this.loss.addSeries('smooth', { label: 'average', color: '--c-blue', width: 2 });
    this.loss.addSeries('twin', { label: 'no attention (average)', color: TWIN, width: 2, dash: [6, 4] });
    this.acc = new LineChart(this.accCanvas, { xLabel: 'training step', yLabel: 'accuracy (%)', emptyMessage: 'Measured every 25 steps', minXSpan: 10, fixedY: [-3, 104] });
    this.acc.addSeries('exact', { label: 'exact match', color: '--c-orange', width: 2, markers: true });
    this.acc.addSeries('perChar', { label: 'per character', color: '--c-amber', width: 1.5, alpha: 0.8 });
    this.acc.addSeries('twin', { label: 'no attention: exact', color: TWIN, width: 2, dash: [6, 4] });
    this.logBox = h('input', { type: 'checkbox', dataset: { testid: 's2s-log-scale' }, onchange: () => onLogY(this.logBox.checked) });
    this.card.tools.append(h('label', { class: 'check' }, this.logBox, 'log scale'));
    this.history = null;
    this.twinHistory = null;
  }

  setLogY(on) {
    this.logBox.checked = !!on;
    this.loss.setLogY(on);
  }

  // Replaces everything: the model's History, the twin's (or null) and the accuracy points
  // {main: [[step, exact, perChar]], twin: [...]}.
  setData(history, twinHistory, evals) {
    this.history = history;
    this.twinHistory = twinHistory;
    const xs = (hst) => Float64Array.from({ length: hst.losses.n }, (_, i) => hst.base + i + 1);
    this.loss.setSeries('train', xs(history), history.losses.view());
    this.loss.setSeries('smooth', xs(history), history.smooth.view());
    if (twinHistory) this.loss.setSeries('twin', xs(twinHistory), twinHistory.smooth.view());
    else this.loss.setSeries('twin', [], []);
    this.showTwin(!!twinHistory);
    this.setEvals(evals);
  }

  setEvals(evals) {
    this.acc.setSeries('exact', evals.main.map((p) => p[0]), evals.main.map((p) => p[1] * 100));
    this.acc.setSeries('perChar', evals.main.map((p) => p[0]), evals.main.map((p) => p[2] * 100));
    this.acc.setSeries('twin', evals.twin.map((p) => p[0]), evals.twin.map((p) => p[1] * 100));
  }

  // New steps appended from index `from` (of the model's history) and `twinFrom` (of the twin's, or -1).
  update(from, twinFrom) {
    const hst = this.history;
    for (let i = from; i < hst.losses.n; i++) {
      this.loss.addDataPoint('train', hst.base + i + 1, hst.losses.a[i]);
      this.loss.addDataPoint('smooth', hst.base + i + 1, hst.smooth.a[i]);
    }
    const tw = this.twinHistory;
    if (tw && twinFrom >= 0) for (let i = twinFrom; i < tw.losses.n; i++) this.loss.addDataPoint('twin', tw.base + i + 1, tw.smooth.a[i]);
  }

  setTwinHistory(twinHistory) {
    this.twinHistory = twinHistory;
    this.loss.setSeries('twin', [], []);
    this.showTwin(!!twinHistory);
  }

  // The twin's curves are in the legends only while there is a twin.
  showTwin(on) {
    this.loss.setSeriesOptions('twin', { legend: on });
    this.acc.setSeriesOptions('twin', { legend: on });
  }

  reset() {
    this.loss.reset();
    this.acc.reset();
  }
}
