// Held-out examples with the model's greedy prediction beside the target; characters that differ from the
// target at the same position are marked (and missing ones shown as gaps), as the per-character score
// counts them (web/ui/examples-table.js).
import { h } from '../../shell/dom.js';
import { fmtInt } from '../../shell/format.js';
import { ExamplesTable } from '../../ui/examples-table.js';
import { S2S_EVAL_LIMIT } from '../accuracy-schedule.js';

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
    this.table = new ExamplesTable({
      card: {
        id: 'examples', title: 'Held-out examples', subtitle: 'greedy predictions', onToggle,
        help: [
          'Examples the model never trained on, with what it writes when it decodes on its own (greedy: the most likely character at every step, fed back in). Characters that differ from the target at the same position are marked red; a grey gap is a character the model left out (it stopped too early).',
          'Exact match counts an example only when the whole output is right; the per-character score gives partial credit. Tick “errors only” to see what the model still gets wrong.',
        ],
      },
      testid: (name) => (name === 'row' ? 'example-row' : `examples-${name}`),
      columns: [{ label: '#', class: 'num' }, { label: 'input' }, { label: 'target' }, { label: 'prediction' },
        { label: 'chars', class: 'num', title: 'Characters right, position by position' }],
      rowKey: 'exact',
    });
    this.table.onFilter = () => this.render();
    this.card = this.table.card;
    this.result = null;
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
    const wrong = r.examples.filter((e) => !e.exact).length;
    // the exact-match readout and the curve measure only the first S2S_EVAL_LIMIT: say so, or they seem to disagree
    const subset = r.count > S2S_EVAL_LIMIT ? ` (The exact-match readout and the accuracy curve count only the first ${fmtInt(S2S_EVAL_LIMIT)} of them, so they can differ.)` : '';
    this.table.show(`Step ${fmtInt(this.step)}: ${fmtInt(r.count - wrong)} of ${fmtInt(r.count)} held-out examples exactly right (${(r.exact * 100).toFixed(1)}%), ${(r.perChar * 100).toFixed(1)}% of characters.${subset}`,
      r.examples.map((e) => {
        const pred = h('td', { class: 'mono' });
        if (!e.prediction) pred.append(h('span', { class: 'diff-missing', title: 'empty output' }, '(empty)'));
        else for (const [text, kind] of diffRuns(e.prediction, e.target)) pred.append(h('span', { class: `diff-${kind}` }, text));
        return { right: e.exact, cells: [h('td', { class: 'mono' }, e.source), h('td', { class: 'mono' }, e.target), pred,
          h('td', { class: 'num' }, `${Math.round(e.charAccuracy * 100)}%`)] };
      }));
  }

  reset() {
    this.result = null;
    this.table.reset();
  }
}
