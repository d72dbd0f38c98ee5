// Samples from the model, streamed as they are generated, with the sampling controls: priming text,
// temperature, top-k, greedy, length. While training, a new sample starts every few seconds.
import { h, clear } from '../../shell/dom.js';
import { fmtInt } from '../../shell/format.js';
import { Card } from '../../ui/card.js';

const KEEP = 4;  // samples shown (newest first)

export class SamplesView {
  // onChange(key, rawValue), onSample()
  constructor({ onToggle, onChange, onSample }) {
    this.card = new Card({
      id: 'samples', title: 'Samples', subtitle: 'text the model writes',
      help: [
        'The model writes text one character at a time: it reads the priming text (or a newline), predicts a distribution over the next character, draws one, feeds it back in, and repeats.',
        'Temperature divides the logits before the softmax: below 1 the model plays safe and repeats itself, above 1 it takes risks. Top-k draws only among the k most likely characters (0 = all). Greedy always takes the most likely one.',
        'While training runs, a fresh sample starts every few seconds, so you can watch spelling, words and structure appear.',
      ],
      onToggle,
    });
    const num = (testid, key, attrs) => h('input', {
      type: 'number', dataset: { testid }, ...attrs, onchange: (e) => onChange(key, e.target.value),
    });
    this.prime = h('input', { type: 'text', dataset: { testid: 'prime' }, maxlength: 200, placeholder: '(newline)', spellcheck: false, onchange: (e) => onChange('prime', e.target.value) });
    this.temp = num('temperature', 'temp', { min: 0.05, max: 5, step: 0.05 });
    this.topk = num('top-k', 'topk', { min: 0, max: 65536, step: 1 });
    this.length = num('sample-length', 'slen', { min: 1, max: 2000, step: 50 });
    this.greedy = h('input', { type: 'checkbox', dataset: { testid: 'greedy' }, onchange: (e) => onChange('greedy', e.target.checked ? '1' : '0') });
    this.auto = h('input', { type: 'checkbox', checked: true, dataset: { testid: 'sample-auto' } });
    this.button = h('button', { type: 'button', class: 'btn btn-small btn-primary', dataset: { testid: 'sample-button' }, onclick: () => onSample() }, 'Sample now');
    this.card.body.append(
      h('div', { class: 'controls-row' },
        h('label', { class: 'field field-grow' }, h('span', null, 'prime'), this.prime),
        h('label', { class: 'field field-narrow' }, h('span', null, 'temperature'), this.temp),
        h('label', { class: 'field field-narrow' }, h('span', null, 'top-k'), this.topk),
        h('label', { class: 'field field-narrow' }, h('span', null, 'length'), this.length)),
      h('div', { class: 'controls-row' },
        h('label', { class: 'check' }, this.greedy, 'greedy'),
        h('label', { class: 'check' }, this.auto, 'new sample every few seconds while training'),
        h('span', { class: 'spacer' }),
        this.button));
    this.list = h('div', { class: 'samples', dataset: { testid: 'sample-output' }, 'aria-live': 'off' });
    this.placeholder = h('p', { class: 'placeholder' }, 'Samples appear here while the model trains — or press “Sample now” to see what the untrained model writes.');
    this.list.append(this.placeholder);
    this.card.body.append(this.list);
    this.current = null;
  }

  setValues(state) {
    if (document.activeElement !== this.prime) this.prime.value = state.prime;
    this.temp.value = String(state.temp);
    this.topk.value = String(state.topk);
    this.length.value = String(state.slen);
    this.greedy.checked = state.greedy;
    this.temp.disabled = this.topk.disabled = state.greedy;
  }

  get autoSample() {
    return this.auto.checked;
  }

  // Starts a new sample block; returns nothing. meta: {step, prime, temp, topk, greedy}
  begin(meta) {
    this.placeholder.remove();
    const how = meta.greedy ? 'greedy' : `T=${meta.temp}${meta.topk ? `, top-${meta.topk}` : ''}`;
    const text = h('span', { class: 'sample-text' });
    const primeEl = meta.prime ? h('span', { class: 'sample-prime', title: 'priming text' }, meta.prime) : null;
    const block = h('div', { class: 'sample streaming', dataset: { testid: 'sample' } },
      h('div', { class: 'sample-meta' }, `step ${fmtInt(meta.step)} · ${how}`),
      h('pre', { class: 'sample-body' }, primeEl, text));
    this.list.prepend(block);
    while (this.list.children.length > KEEP) this.list.lastChild.remove();
    this.current = { block, text };
  }

  // A piece of the sample being streamed.
  update(chunk) {
    if (this.current) this.current.text.append(document.createTextNode(chunk));
  }

  end(error) {
    if (!this.current) return;
    this.current.block.classList.remove('streaming');
    if (error) this.current.block.append(h('div', { class: 'sample-error' }, error));
    this.current = null;
  }

  reset() {
    clear(this.list);
    this.list.append(this.placeholder);
    this.current = null;
  }
}
