// Greedy decoding against beam search for the input typed in the attention view: the greedy output with its
// log-probability beside the beam's hypotheses, ranked by the length-normalised score. Clicking an output
// shows its own attention in the attention view.
import { h, clear } from '../../shell/dom.js';
import { Card } from '../../ui/card.js';

const fmtLp = (x) => (Number.isFinite(x) ? x.toFixed(3) : '–');
const prob = (lp) => {
  const p = Math.exp(lp);
  return p >= 0.001 ? `${(p * 100).toFixed(p >= 0.1 ? 0 : 1)}%` : p > 0 ? `${p.toExponential(0)}` : '0';
};

export class BeamView {
  // onChange(key, raw) for 'beam' and 'alpha'; onSelect(index): -1 = greedy, else a beam hypothesis;
  // table: the seq2seq fields (labels and bounds of the two settings)
  constructor({ onToggle, onChange, onSelect, table }) {
    this.card = new Card({
      id: 'beam', title: 'Greedy vs beam search', subtitle: 'for the input above',
      help: [
        'Greedy decoding takes the single most likely character at every step. Beam search keeps the k most probable partial outputs (k = the width) and extends each by every character, so it can recover when the best first character leads nowhere. Width 1 is exactly greedy; width 0 turns beam search off.',
        'log P is the model’s log-probability of the whole output including its end mark (0 would be certain). Finished hypotheses are ranked by log P / (length + 1)^α: α = 0 ranks by log P alone, which favours short outputs; α = 1 divides by the length.',
        'A well-trained model puts nearly all its probability on one output, so greedy and the top hypothesis agree; early in training, or on inputs longer than any in training, they part ways. Click an output to see its attention.',
      ],
      onToggle,
    });
    this.onSelect = onSelect;
    const beam = table.field('beam'), alpha = table.field('alpha');
    this.width = h('input', { type: 'number', min: beam.min, max: beam.max, step: 1, dataset: { testid: 'beam-width' }, 'aria-label': beam.label, onchange: (e) => onChange('beam', e.target.value) });
    this.alpha = h('input', { type: 'number', min: alpha.min, max: alpha.max, step: 0.1, dataset: { testid: 'beam-alpha' }, 'aria-label': alpha.label, onchange: (e) => onChange('alpha', e.target.value) });
    this.card.tools.append(
      h('label', { class: 'inline', title: `${beam.label}: ${beam.help} (${beam.min}–${beam.max})` }, 'width', this.width),
      h('label', { class: 'inline', title: `${alpha.label}: ${alpha.help} (${alpha.min}–${alpha.max})` }, 'α', this.alpha));
    this.greedyText = h('span', { class: 'hyp-text', dataset: { testid: 'greedy-output' } });
    this.greedyMeta = h('span', { class: 'hyp-meta', dataset: { testid: 'greedy-logprob' } });
    this.greedyBtn = h('button', { type: 'button', class: 'hyp', dataset: { testid: 'greedy-select' }, 'aria-pressed': 'true', onclick: () => this.onSelect(-1) },
      this.greedyText, this.greedyMeta);
    this.expected = h('p', { class: 'note', dataset: { testid: 'beam-expected' }, hidden: true });
    this.twin = h('p', { class: 'note twin-line', dataset: { testid: 'twin-output' }, hidden: true });
    this.list = h('ol', { class: 'hyps', dataset: { testid: 'beam-list' }, 'aria-label': 'Beam hypotheses, best first' });
    this.beamSettings = h('span', { class: 'col-sub' });
    this.beamTitle = h('h3', { class: 'col-title' }, 'Beam search ', this.beamSettings);
    this.placeholder = h('p', { class: 'placeholder' }, 'Waiting for the model…');
    this.columns = h('div', { class: 'beam-cols' },
      h('div', null, h('h3', { class: 'col-title' }, 'Greedy'), this.greedyBtn, this.twin),
      h('div', null, this.beamTitle, this.list));
    this.card.body.append(this.placeholder, this.expected, this.columns);
    this.reset();
  }

  setValues(state) {
    if (document.activeElement !== this.width) this.width.value = String(state.beam);
    if (document.activeElement !== this.alpha) this.alpha.value = String(state.alpha);
  }

  // t: the translate reply {greedy, beams, twinGreedy, step}; expected: the right answer or null;
  // selected: -1 (greedy) or a hypothesis index
  update(t, { expected, selected, width, alpha }) {
    this.placeholder.hidden = true;
    this.columns.hidden = false;
    const mark = (text) => (expected === null || expected === undefined ? '' : text === expected ? ' ✓' : ' ✗');
    this.greedyText.textContent = t.greedy.text || '(empty)';
    this.greedyText.classList.toggle('empty', !t.greedy.text);
    this.greedyMeta.textContent = `log P ${fmtLp(t.greedy.logProb)} (${prob(t.greedy.logProb)})${t.greedy.finished ? '' : ' · no end mark'}${mark(t.greedy.text)}`;
    this.greedyBtn.setAttribute('aria-pressed', String(selected < 0));
    this.greedyBtn.classList.toggle('selected', selected < 0);
    this.greedyBtn.classList.toggle('right', expected != null && t.greedy.text === expected);
    this.expected.hidden = expected === null || expected === undefined;
    this.expected.textContent = this.expected.hidden ? '' : `Right answer: ${expected}`;
    if (t.twinGreedy) {
      this.twin.hidden = false;
      this.twin.textContent = `No-attention twin (step ${t.twinGreedy.step}): ${t.twinGreedy.text || '(empty)'}${mark(t.twinGreedy.text)} · log P ${fmtLp(t.twinGreedy.logProb)}`;
    } else {
      this.twin.hidden = true;
    }
    this.beamSettings.textContent = width > 0 ? `width ${width}, α = ${alpha}` : 'off';
    clear(this.list);
    if (width <= 0) this.list.append(h('li', { class: 'note' }, 'Width 0: greedy decoding only. Give the beam a width to compare its hypotheses.'));
    t.beams.forEach((b, i) => {
      const btn = h('button', {
        type: 'button', class: `hyp${i === selected ? ' selected' : ''}${expected != null && b.text === expected ? ' right' : ''}`,
        dataset: { testid: 'beam-hypothesis', index: String(i) }, 'aria-pressed': String(i === selected),
        title: 'Show this hypothesis’s attention', onclick: () => this.onSelect(i),
      },
      h('span', { class: `hyp-text${b.text ? '' : ' empty'}` }, b.text || '(empty)'),
      h('span', { class: 'hyp-meta' }, `score ${fmtLp(b.score)} · log P ${fmtLp(b.logProb)} (${prob(b.logProb)})${b.finished ? '' : ' · unfinished'}${mark(b.text)}`));
      this.list.append(h('li', null, btn));
    });
  }

  reset() {
    this.placeholder.hidden = false;
    this.columns.hidden = true;
    this.expected.hidden = true;
    clear(this.list);
  }
}
