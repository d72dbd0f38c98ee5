// The seq2seq lessons (the registry, web/lessons.js, lists every family's): entries as in lm/lessons.js,
// each with a browser test of its caption's claim. None yet.
export default Object.freeze([]);
