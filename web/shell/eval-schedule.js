// When a family measures its held-out accuracy while training: fixed in the step, so a replayed run measures
// at the same steps (every 25 steps up to 250, every 50 up to 2,000, then every 200). No DOM here: the
// worker and the page both read it.
export function nextEval(s) {
  const every = s < 250 ? 25 : s < 2000 ? 50 : 200;
  return (Math.floor(s / every) + 1) * every;
}
