// What the page adds to the engine's estimate of a configuration (Module.estimate, asked through the worker:
// exact parameters, memory, the work of one step and of evaluating or probing one unit): this device's
// measured speed, the thresholds at which a model counts as big, the refusal over the engine's memory
// budget in the engine's words, and the sizes of the held-out split and the sensitivity probe that the
// work implies. Pure functions.
import { fmtBytes, fmtCompact, fmtSeconds } from './format.js';

export const WARN_PARAMS = 5e6;
export const WARN_STEP_SECONDS = 1;

// Floating-point operations per second this device does in training; refined from measured steps.
let flopsPerSecond = 6e9;

export function calibrate(flopsPerStep, steps, seconds) {
  if (!(seconds > 0.02) || !(flopsPerStep > 0)) return;
  const measured = (flopsPerStep * steps) / seconds;
  flopsPerSecond = 0.7 * flopsPerSecond + 0.3 * measured;
}

// Seconds one training step takes here (e: an engine estimate).
export const stepSeconds = (e) => e.flopsPerStep / flopsPerSecond;

// The engine's refusal of a configuration over its budget (engine/train/estimate.cpp, check_budget), so
// the page refuses what a session would, in the same words; advice: the family's (its descriptor's).
export function budgetMessage(bytes, budget, advice) {
  return `This configuration needs about ${(bytes / 1e9).toFixed(1)} GB of memory; the page can use at most ${(budget / 1e9).toFixed(2)} GB (${advice}).`;
}

// The verdict every family shares on an estimate: over the engine's budget, big enough to warn about, or
// fine. {e, refuse: message} | {e, warn: message} | {e}.
export function sizeVerdict(e, budget, advice) {
  if (e.bytes > budget) return { e, refuse: budgetMessage(e.bytes, budget, advice) };
  const warnings = [];
  if (e.params > WARN_PARAMS) warnings.push(`${fmtCompact(e.params)} parameters (${fmtBytes(e.bytes)} of memory)`);
  if (stepSeconds(e) > WARN_STEP_SECONDS) warnings.push(`about ${fmtSeconds(stepSeconds(e))} per training step on this device`);
  if (warnings.length) return { e, warn: `This model is big: ${warnings.join(' and ')}. The page stays responsive, but training will be slow.` };
  return { e };
}

// How many characters of the probe text the sensitivity figure can cover in about `seconds` of work (the
// forward-mode Jacobian: probeFlopsPerUnit per character).
export function sensitivityChars(e, maxChars, seconds = 0.25) {
  return Math.max(2, Math.min(maxChars, Math.floor((seconds * flopsPerSecond) / e.probeFlopsPerUnit)));
}

// The held-out text is evaluated as one stream (batch 1), which is slow for big models; cap its length so
// one evaluation stays around a second. Deterministic in the settings (it decides the train/held-out
// split), so it uses a fixed speed rather than this device's.
export function heldOutCap(e) {
  return Math.max(1000, Math.min(10000, Math.round(3e9 / e.evalFlopsPerUnit / 100) * 100));
}
