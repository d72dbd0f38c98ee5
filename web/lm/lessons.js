// The char LM's lessons (the registry, web/lessons.js, lists every family's): each is a link to an
// experiment, the steps to train it, and two short lines saying what a learner sees after those steps —
// a claim its browser test checks (tests/browser/lessons.test.mjs). Adding a lesson is an entry here and a
// test there. `link` is a v2 hash that sets only what the lesson is about; everything else is the default.
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
]);
