// The seq2seq lessons (the registry, web/lessons.js, lists every family's): entries as in lm/lessons.js — a
// link, the steps to train it and two short lines saying what a learner then sees — each with a browser test
// of its caption's claim (tests/browser/lessons-seq2seq.test.mjs). All reverse letters (the page's first
// task): its attention is the clearest picture, an anti-diagonal. The two attention-score lessons train the
// same model but for its score, for the same steps, so their captions compare.
export default Object.freeze([
  {
    id: 'reverse-greedy-beam',
    title: 'Greedy decoding against beam search',
    caption: [
      'Greedy decoding writes the likeliest letter at each step; beam search keeps the 4 likeliest partial outputs.',
      'After 250 steps greedy reverses “hgahchjfhihg” wrongly (log P −2.006, 13%); beam search’s best is right (log P −1.044, 35%).',
    ],
    link: 'v=2&mode=seq2seq&task=reverse&hidden=64&attention=bahdanau&seed=1&beam=4&alpha=0&input=hgahchjfhihg&views=curves,attention,beam',
    steps: 250,
  },
  {
    id: 'reverse-attention-length',
    title: 'Attention against none, by input length',
    caption: [
      'A twin without attention trains beside the model: its decoder sees only the encoder’s final state.',
      'After 350 steps the twin reverses most 3-letter inputs and none of 10 or more; with attention every length up to 20 stays above 50%.',
    ],
    link: 'v=2&mode=seq2seq&task=reverse&min_len=3&max_len=20&hidden=32&attention=bahdanau&seed=1&compare=1&views=curves,length',
    steps: 350,
  },
  {
    id: 'reverse-bahdanau-attention',
    title: 'Bahdanau (additive) attention',
    caption: [
      'Bahdanau scores each input letter with a small network, v·tanh(W q + U h). After 300 steps it reverses over 90% of held-out inputs.',
      'Its anti-diagonal is soft: hover the map, and only 1 of the 12 output letters gives its mirror letter over 90% of its attention.',
    ],
    link: 'v=2&mode=seq2seq&task=reverse&hidden=64&attention=bahdanau&seed=1&views=curves,attention',
    steps: 300,
  },
  {
    id: 'reverse-luong-attention',
    title: 'Luong (multiplicative) attention',
    caption: [
      'Luong’s general score is a product, q·(W h). After 300 steps it reverses over 90% of held-out inputs, as Bahdanau’s does.',
      'Its anti-diagonal is sharper: 5 of the 12 output letters give their mirror letter over 90% of their attention, none under 60%.',
    ],
    link: 'v=2&mode=seq2seq&task=reverse&hidden=64&attention=general&seed=1&views=curves,attention',
    steps: 300,
  },
]);
