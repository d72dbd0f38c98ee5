// The char LM's lessons (the registry, web/lessons.js, lists every family's): each is a link to an
// experiment, the steps to train it, and two short lines saying what a learner sees after those steps —
// a claim its browser test checks (tests/browser/lessons-lm.test.mjs; the first one's is in lessons.test.mjs).
// Adding a lesson is an entry here and a test there. `link` is a v2 hash that sets only what the lesson is about; everything else is the default.
export default Object.freeze([
  {
    id: 'shakespeare-lstm',
    title: 'A character RNN reads Shakespeare',
    caption: [
      'An LSTM with 128 units learns Shakespeare one character at a time, knowing nothing of words.',
      'After 1,000 steps the loss is below 2.2 nats (from 4.2) and the samples have spaces, line breaks and words like “the” and “and”.',
    ],
    link: 'v=2&mode=lm&preset=shakespeare&cell=lstm&hidden=128&layers=1&embed=0&seq=64&batch=16&optim=adam&lr=0.002&clip_norm=5&seed=1&temperature=0.8&views=loss,samples,states',
    steps: 1000,
  },
  {
    id: 'vanishing-rnn',
    title: 'The vanishing gradient: a tanh RNN',
    caption: [
      'A tanh RNN reads Shakespeare. Gradient flow, right: how much its state at t still depends on the first character.',
      'After 600 steps, at t = 60 that is below 1e-8 of its value at t = 1: the gradient vanishes. Pin it, then try the LSTM.',
    ],
    link: 'v=2&mode=lm&preset=shakespeare&cell=rnn_tanh&hidden=64&layers=1&embed=0&seq=64&batch=16&optim=adam&lr=0.003&clip_norm=5&seed=1&views=loss,gradients',
    steps: 600,
  },
  {
    id: 'vanishing-lstm',
    title: 'The vanishing gradient: an LSTM',
    caption: [
      'The same experiment with an LSTM, whose cell state gives the first character’s influence a path to survive.',
      'After 600 steps, at t = 60 it is still above 1e-5 of its value at t = 1, where the tanh RNN’s fell below 1e-8.',
    ],
    link: 'v=2&mode=lm&preset=shakespeare&cell=lstm&hidden=64&layers=1&embed=0&seq=64&batch=16&optim=adam&lr=0.003&clip_norm=5&seed=1&views=loss,gradients',
    steps: 600,
  },
  {
    id: 'exploding-no-clip',
    title: 'Exploding gradients: no clipping',
    caption: [
      'A ReLU RNN under plain SGD at learning rate 0.5, clipping off. Gradient flow, right: ‖∂h(t)/∂x(1)‖ grows over 100× a character.',
      'Within 20 steps the loss shoots past 100 nats, then goes non-finite: training pauses there, on the weights of the step before.',
    ],
    link: 'v=2&mode=lm&preset=shakespeare&cell=rnn_relu&hidden=64&layers=1&embed=0&seq=64&batch=16&optim=sgd&lr=0.5&clip_norm=0&clip_value=0&seed=1&views=loss,gradients',
    steps: 300,
  },
  {
    id: 'exploding-clip',
    title: 'Exploding gradients: clipped',
    caption: [
      'The same ReLU RNN and learning rate, but every gradient is scaled down to a norm of at most 1 before the update.',
      'It spikes once near step 10, yet after 300 steps the loss is below 2.9 nats (from 4.2) and no update was skipped.',
    ],
    link: 'v=2&mode=lm&preset=shakespeare&cell=rnn_relu&hidden=64&layers=1&embed=0&seq=64&batch=16&optim=sgd&lr=0.5&clip_norm=1&clip_value=0&seed=1&views=loss,gradients',
    steps: 300,
  },
  {
    id: 'tbptt-carry',
    title: 'Truncated BPTT: the state carried over',
    caption: [
      'An LSTM learns balanced brackets in windows of only 8 characters, carrying its state from one window to the next.',
      'After 1,000 steps the training loss is below 1.0 nats: the carried state still knows how deep the brackets are.',
    ],
    link: 'v=2&mode=lm&preset=brackets&cell=lstm&hidden=32&layers=1&embed=0&seq=8&batch=16&optim=adam&lr=0.01&clip_norm=5&reset_state=0&seed=1&views=loss,samples',
    steps: 1000,
  },
  {
    id: 'tbptt-reset',
    title: 'Truncated BPTT: the state reset every window',
    caption: [
      'The same LSTM and 8-character windows, but its state is reset to zero at the start of every window.',
      'After 1,000 steps the training loss stays above 1.1 nats: a window cannot know how many brackets are still open.',
    ],
    link: 'v=2&mode=lm&preset=brackets&cell=lstm&hidden=32&layers=1&embed=0&seq=8&batch=16&optim=adam&lr=0.01&clip_norm=5&reset_state=1&seed=1&views=loss,samples',
    steps: 1000,
  },
  {
    id: 'sampling-temperature',
    title: 'Temperature, top-k and greedy sampling',
    caption: [
      'After 500 steps, a sample at temperature 0.2 loops on “the the the”, with under 25 distinct characters; greedy does too.',
      'At temperature 1.5 it has over 35, odd capitals and punctuation among them; top-k 3 at 1.5 keeps it under 35.',
    ],
    link: 'v=2&mode=lm&preset=shakespeare&cell=lstm&hidden=64&layers=1&embed=0&seq=64&batch=16&optim=adam&lr=0.003&clip_norm=5&seed=1&temperature=0.2&top_k=0&greedy=0&sample_len=300&views=loss,samples',
    steps: 500,
  },
  {
    id: 'what-memory-buys',
    title: 'What memory buys: a GRU against memoryless models',
    caption: [
      'A GRU reads balanced brackets beside a 5-gram model and a network over the last 8 characters: three held-out lines.',
      'After 400 steps the GRU\'s is the lowest (about 0.9 nats against 1.1): a closer must match an opener they cannot see.',
    ],
    link: 'v=2&mode=lm&preset=brackets&holdout=0.1&cell=gru&hidden=64&layers=1&embed=0&seq=64&batch=16&optim=adam&lr=0.01&clip_norm=5&seed=1&ngram=5&window=8&views=loss,samples',
    steps: 400,
  },
  {
    id: 'overfitting-none',
    title: 'Overfitting: an LSTM without dropout',
    caption: [
      'An LSTM with 128 units trains on the first half of the English prose and is tested on the second half.',
      'Its held-out loss is lowest near step 500 (about 1.85), then passes 2.1 by step 1,000 as the training loss falls: it memorises.',
    ],
    link: 'v=2&mode=lm&preset=prose&holdout=0.5&cell=lstm&hidden=128&layers=1&embed=16&seq=64&batch=16&optim=adam&lr=0.003&clip_norm=5&dropout=0&seed=1&views=loss,samples',
    steps: 1000,
  },
  {
    id: 'overfitting-variational',
    title: 'Overfitting: variational dropout',
    caption: [
      'The same LSTM with variational dropout 0.3: one mask per sequence on its input, its output and its recurrent state.',
      'After 1,000 steps its held-out loss is still falling, about 1.76 nats: below the 1.85 the LSTM without dropout reached at best.',
    ],
    link: 'v=2&mode=lm&preset=prose&holdout=0.5&cell=lstm&hidden=128&layers=1&embed=16&seq=64&batch=16&optim=adam&lr=0.003&clip_norm=5&dropout=0.3&dropout_kind=variational&seed=1&views=loss,samples',
    steps: 1000,
  },
]);
