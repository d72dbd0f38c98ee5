// Samples from the model, streamed as they are generated, with the sampling controls: priming text,
// temperature, top-k, greedy, length. While training, a new sample starts every few seconds.
import { h, clear } from '../../shell/dom.js';
import { fmtInt } from '../../shell/format.js';
import { Card } from '../../ui/card.js';

const KEEP = 4;  // samples shown (newest first)

export class SamplesView {
  // onChange(key, rawValue), onSample(); table: the char LM's fields (labels and bounds of the settings)
  constructor({ onToggle, onChange, onSample, table }) {
    this.card = new Card({
      id: 'samples', title: 'Samples', subtitle: 'text the model writes',
      help: [
        'The model writes text one character at a time: it reads the priming text (or a newline), predicts a distribution over the next character, draws one, feeds it back in, and repeats.',
        'Temperature divides the logits before the softmax: below 1 the model plays safe and repeats itself, above 1 it takes risks. Top-k draws only among the k most likely characters (0 = all). Greedy always takes the most likely one.',
        'While training runs, a fresh sample starts every few seconds, so you can watch spelling, words and structure appear.',
      ],
      onToggle,
    });
    const f = (key) => table.field(key);
    const num = (testid, key, step) => h('input', {
      type: 'number', dataset: { testid }, min: f(key).min, max: f(key).max, step, title: f(key).help, onchange: (e) => onChange(key, e.target.value),
    });
    // the engine's labels, shortened where the row is narrow
    const label = (key, short) => h('span', { title: f(key).label }, short || f(key).label);
    this.prime = h('input', { type: 'text', dataset: { testid: 'prime' }, maxlength: f('prime').maxLength, placeholder: '(newline)', spellcheck: false, title: f('prime').help, onchange: (e) => onChange('prime', e.target.value) });
    this.temp = num('temperature', 'temperature', 0.05);
    this.topk = num('top-k', 'top_k', 1);
    this.length = num('sample-length', 'sample_len', 50);
    this.greedy = h('input', { type: 'checkbox', dataset: { testid: 'greedy' }, title: f('greedy').help, onchange: (e) => onChange('greedy', e.target.checked ? '1' : '0') });
    this.auto = h('input', { type: 'checkbox', checked: true, dataset: { testid: 'sample-auto' } });
    this.button = h('button', { type: 'button', class: 'btn btn-small btn-primary', dataset: { testid: 'sample-button' }, onclick: () => onSample() }, 'Sample now');
    this.card.body.append(
      h('div', { class: 'controls-row' },
        h('label', { class: 'field field-grow' }, label('prime'), this.prime),
        h('label', { class: 'field field-narrow' }, label('temperature'), this.temp),
        h('label', { class: 'field field-narrow' }, label('top_k'), this.topk),
        h('label', { class: 'field field-narrow' }, label('sample_len', 'length'), this.length)),
      h('div', { class: 'controls-row' },
        h('label', { class: 'check' }, this.greedy, f('greedy').label),
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
    this.temp.value = String(state.temperature);
    this.topk.value = String(state.top_k);
    this.length.value = String(state.sample_len);
    this.greedy.checked = state.greedy;
    this.temp.disabled = this.topk.disabled = state.greedy;
  }

  get autoSample() {
    return this.auto.checked;
  }

  // Starts a new sample block; returns nothing. meta: {step, prime, temperature, topK, greedy}
  begin(meta) {
    this.placeholder.remove();
    const how = meta.greedy ? 'greedy' : `T=${meta.temperature}${meta.topK ? `, top-${meta.topK}` : ''}`;
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
