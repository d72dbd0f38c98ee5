// When the seq2seq accuracy curve is measured: fixed in the step, so a replayed run measures at the same
// steps (every 25 steps up to 250, every 50 up to 2,000, then every 200), on the first EVAL_LIMIT held-out
// examples. No DOM here: the worker and the page both read it.
export const S2S_EVAL_LIMIT = 200;

export function s2sNextEval(s) {
  const every = s < 250 ? 25 : s < 2000 ? 50 : 200;
  return (Math.floor(s / every) + 1) * every;
}
