// Held-out examples with the model's greedy prediction beside the target; characters that differ from the
// target at the same position are marked (and missing ones shown as gaps), as the per-character score
// counts them. Built with textContent only: sources, targets and predictions are data, never markup.
import { h, clear } from '../../shell/dom.js';
import { fmtInt } from '../../shell/format.js';
import { Card } from '../../ui/card.js';
import { S2S_EVAL_LIMIT } from '../accuracy-schedule.js';

const ROWS = 40;

// Splits a prediction into runs of [text, kind] against the target: 'ok', 'bad' (wrong character or one
// past the target's end) and 'missing' (the target continues but the prediction stopped).
export function diffRuns(prediction, target) {
  const p = Array.from(prediction), t = Array.from(target);
  const runs = [];
  const push = (ch, kind) => {
    const last = runs[runs.length - 1];
    if (last && last[1] === kind) last[0] += ch;
    else runs.push([ch, kind]);
  };
  for (let i = 0; i < Math.max(p.length, t.length); i++) {
    if (i >= p.length) push('\u00a0', 'missing');
    else push(p[i], i < t.length && p[i] === t[i] ? 'ok' : 'bad');
  }
  return runs;
}

export class ExamplesView {
  constructor({ onToggle }) {
    this.card = new Card({
      id: 'examples', title: 'Held-out examples', subtitle: 'greedy predictions', wide: true,
      help: [
        'Examples the model never trained on, with what it writes when it decodes on its own (greedy: the most likely character at every step, fed back in). Characters that differ from the target at the same position are marked red; a grey gap is a character the model left out (it stopped too early).',
        'Exact match counts an example only when the whole output is right; the per-character score gives partial credit. Tick “errors only” to see what the model still gets wrong.',
      ],
      onToggle,
    });
    this.errorsOnly = h('input', { type: 'checkbox', dataset: { testid: 'examples-errors-only' }, onchange: () => this.render() });
    this.card.tools.append(h('label', { class: 'check' }, this.errorsOnly, 'errors only'));
    this.summary = h('p', { class: 'readout-line', dataset: { testid: 'examples-summary' } });
    this.body = h('tbody');
    this.table = h('table', { class: 'examples', dataset: { testid: 'examples-table' } },
      h('thead', null, h('tr', null,
        h('th', { scope: 'col', class: 'num' }, '#'),
        h('th', { scope: 'col' }, 'input'),
        h('th', { scope: 'col' }, 'target'),
        h('th', { scope: 'col' }, 'prediction'),
        h('th', { scope: 'col', class: 'num', title: 'Characters right, position by position' }, 'chars'))),
      this.body);
    this.placeholder = h('p', { class: 'placeholder' }, 'Waiting for the model…');
    this.scroller = h('div', { class: 'table-scroll' }, this.table);
    this.card.body.append(this.summary, this.placeholder, this.scroller);
    this.result = null;
    this.reset();
  }

  // result: {exact, perChar, count, examples: [{source, target, prediction, exact, charAccuracy}]}
  update(result, step) {
    this.result = result;
    this.step = step;
    this.render();
  }

  render() {
    const r = this.result;
    if (!r) return;
    this.placeholder.hidden = true;
    this.scroller.hidden = false;
    const wrong = r.examples.filter((e) => !e.exact).length;
    // the exact-match readout and the curve measure only the first S2S_EVAL_LIMIT: say so, or they seem to disagree
    const subset = r.count > S2S_EVAL_LIMIT ? ` (The exact-match readout and the accuracy curve count only the first ${fmtInt(S2S_EVAL_LIMIT)} of them, so they can differ.)` : '';
    this.summary.textContent = `Step ${fmtInt(this.step)}: ${fmtInt(r.count - wrong)} of ${fmtInt(r.count)} held-out examples exactly right (${(r.exact * 100).toFixed(1)}%), ${(r.perChar * 100).toFixed(1)}% of characters.${subset}`;
    const rows = r.examples.map((e, i) => [e, i]).filter(([e]) => !this.errorsOnly.checked || !e.exact).slice(0, ROWS);
    clear(this.body);
    if (!rows.length) {
      this.body.append(h('tr', null, h('td', { colspan: 5, class: 'placeholder' }, this.errorsOnly.checked ? 'No errors on the held-out set.' : 'No held-out examples.')));
      return;
    }
    for (const [e, i] of rows) {
      const pred = h('td', { class: 'mono' });
      if (!e.prediction) pred.append(h('span', { class: 'diff-missing', title: 'empty output' }, '(empty)'));
      else for (const [text, kind] of diffRuns(e.prediction, e.target)) pred.append(h('span', { class: `diff-${kind}` }, text));
      this.body.append(h('tr', { class: e.exact ? 'ex-ok' : 'ex-bad', dataset: { testid: 'example-row', exact: String(!!e.exact) } },
        h('td', { class: 'num' }, String(i + 1)),
        h('td', { class: 'mono' }, e.source),
        h('td', { class: 'mono' }, e.target),
        pred,
        h('td', { class: 'num' }, `${Math.round(e.charAccuracy * 100)}%`)));
    }
    const shown = rows.length, total = this.errorsOnly.checked ? wrong : r.examples.length;
    if (total > shown) this.body.append(h('tr', null, h('td', { colspan: 5, class: 'more' }, `… and ${fmtInt(total - shown)} more`)));
  }

  reset() {
    this.result = null;
    this.placeholder.hidden = false;
    this.scroller.hidden = true;
    this.summary.textContent = '';
    clear(this.body);
  }
}
