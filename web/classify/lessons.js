// The classifier's lessons (the registry, web/lessons.js, lists every family's): entries as in lm/lessons.js
// — a link, the steps to train it and two short lines saying what a learner then sees — each with a browser
// test of its caption's claim (tests/browser/lessons-classify.test.mjs).
export default Object.freeze([
  {
    id: 'sentiment-decision-over-time',
    title: 'The decision forms over time',
    caption: [
      'The chart shows each class’s probability after every character of “the film is not good”: after 300 steps it ends over 90% negative.',
      'Change “good” to “bad”: the same curve up to “not ”, then over 90% positive. The word after “not” decides: order, not words.',
    ],
    link: 'v=2&mode=classify&task=sentiment&seed=1&input=the%20film%20is%20not%20good&views=learning,decision',
    steps: 300,
  },
]);
