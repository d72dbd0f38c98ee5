// The model's next-character distribution for whatever you type: a bar per likely character.
import { h, clear, showChar } from '../../shell/dom.js';
import { Card } from '../../ui/card.js';

const TOP = 12;

export class PredictView {
  // onInput(text)
  constructor({ onToggle, onInput }) {
    this.card = new Card({
      id: 'predict', title: 'Next character', subtitle: 'as you type',
      help: [
        'Type anything: the model reads your text from a fresh (zero) state and shows how likely it thinks each character is to come next (softmax at temperature 1). The bars are probabilities; they sum to 100% over the whole vocabulary.',
        'Try the start of a word, an open bracket, or a line break in a poem, and watch how confident the model is — and how that changes as it trains.',
      ],
      onToggle,
    });
    this.input = h('textarea', {
      rows: 2, spellcheck: false, dataset: { testid: 'predict-input' }, placeholder: 'Type some text…', 'aria-label': 'Text to predict from',
      oninput: () => onInput(this.input.value),
    });
    this.note = h('p', { class: 'note', hidden: true });
    this.bars = h('ol', { class: 'bars', dataset: { testid: 'predict-output' }, 'aria-label': 'Most likely next characters' });
    this.card.body.append(this.input, this.note, this.bars);
    this.reset();
  }

  get text() {
    return this.input.value;
  }

  setText(text) {
    this.input.value = text;
  }

  setNote(text) {
    this.note.hidden = !text;
    this.note.textContent = text || '';
  }

  // probs: Float32Array over the vocabulary; vocab: characters in index order
  update(probs, vocab) {
    const order = Array.from(probs.keys()).sort((a, b) => probs[b] - probs[a]).slice(0, TOP);
    clear(this.bars);
    for (const i of order) {
      const p = probs[i];
      const ch = vocab[i];
      const label = showChar(ch);
      this.bars.append(h('li', { class: 'bar', dataset: { testid: 'predict-bar', char: ch } },
        h('span', { class: `bar-char${label !== ch ? ' bar-special' : ''}`, title: `U+${ch.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}` }, label),
        // a probability fills its bar in proportion (10% is a tenth), not relative to the likeliest character
        h('span', { class: 'bar-track' }, h('span', { class: 'bar-fill', style: { width: `${p * 100}%` } })),
        h('span', { class: 'bar-value' }, `${(p * 100).toFixed(p < 0.1 ? 1 : 0)}%`)));
    }
  }

  reset() {
    clear(this.bars);
    this.bars.append(h('li', { class: 'placeholder' }, 'Type above to see what the model expects next.'));
  }
}
