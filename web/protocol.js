// The messages between the page (bridge.js, the only main-thread code that talks to the worker) and the
// engine worker (worker.js). This file is loaded both ways: the classic worker runs it with importScripts()
// and the page imports it as an ES module for its side effect; either way it defines
// globalThis.RecurrentProtocol and nothing else (so it has no import/export syntax).
//
// Every training-related message carries `run`: the page increments it for each configure/import, and
// anything tagged with an older run is stale and dropped. Requests carry `id` and get exactly one REPLY
// with the same id (ok: true with results, or ok: false with error / cancelled / stale).
//
// The worker runs one mode at a time: CONFIGURE and IMPORT carry `mode` ('charlm' when absent, or
// 'seq2seq'), and the run they start is of that mode. In seq2seq mode the session may have a twin with the
// same experiment but no attention, trained in lockstep (both always the same number of steps; a twin
// started late first catches up while the model waits). Its losses and accuracies ride along in PROGRESS.
(function (root) {
  'use strict';

  const MSG = Object.freeze({
    // page -> worker
    INIT: 'init',            // {}                                  -> READY | FATAL
    CONFIGURE: 'configure',  // {run, config, text, holdout}        -> CONFIGURED
                             // seq2seq: {run, mode, config, pairs, compare}
    IMPORT: 'import',        // {run, bytes, text, holdout, config, name} -> CONFIGURED
                             // seq2seq: {run, mode, bytes, config, pairs, base, twinBytes, compare}
    PLAY: 'play',            // {run}                               -> RUN_STATE, PROGRESS...
    PAUSE: 'pause',          // {run}                               -> RUN_STATE
    STEP: 'step',            // {run, steps}                        -> PROGRESS, RUN_STATE
    REQUEST: 'request',      // {id, run, kind, args}               -> (SAMPLE_CHUNK...) REPLY
    CANCEL: 'cancel',        // {id}                                -> REPLY {cancelled}
    // worker -> page
    READY: 'ready',          // {}
    CONFIGURED: 'configured',// {run, ok, info | error, heldOut, notice, text}
                             // seq2seq: {run, mode, ok, info | error, twin, evals, step}
    PROGRESS: 'progress',    // {run, step, losses, gradNorms, heldOut: [[step, loss]], seconds, chars, lr, nonfinite}
                             // seq2seq: {run, mode, step, losses, twinStep, twinLosses, evals: [[step, who, exact,
                             //   perChar]] (who 0 = the model, 1 = the twin), seconds, targetChars, nonfinite, catchingUp}
    RUN_STATE: 'runState',   // {run, running, step}
    SAMPLE_CHUNK: 'sampleChunk', // {id, run, text}
    REPLY: 'reply',          // {id, run, ok, ...results | error, cancelled, stale}
    ERROR: 'error',          // {run, error}: training stopped because of this
    FATAL: 'fatal',          // {error}: the engine cannot continue (failed to load, out of memory)
  });

  // Kinds of REQUEST and their args / results.
  const REQ = Object.freeze({
    SAMPLE: 'sample',        // {prime, length, temperature, topK, greedy} -> {text}; SAMPLE_CHUNKs meanwhile
    PREDICT: 'predict',      // {text, temperature, topK, greedy}       -> {probs}
    PROBE: 'probe',          // {text, sensitivityChars}                -> {probe, sensitivity, gradientFlow, step}
    EXPORT: 'export',        // {withTrainingState}                     -> {bytes, step}
    HELD_OUT: 'heldOut',     // {}                                      -> {loss, step}
    // seq2seq (EXPORT too: {twin} -> {bytes, twinBytes, step})
    EVALUATE: 'evaluate',    // {limit, twin}  -> {main: {exact, perChar, count, examples}, twin | null, step, twinStep}
    TRANSLATE: 'translate',  // {input, beam, alpha, twin} -> {sourceLen, greedy, beams, twinGreedy, step}
    COMPARE: 'compare',      // {on}           -> {twin: info | null, evals}
  });

  root.RecurrentProtocol = Object.freeze({
    MSG,
    REQ,
    CHUNK_TARGET_MS: 40,     // a training chunk aims to take this long
    PROGRESS_MIN_MS: 16,     // at most one PROGRESS per this many ms (coalesced)
    SAMPLE_SLICE_MS: 15,     // a sample is generated in slices of about this long
    MAX_PROBE_CHARS: 4096,   // the engine's limit for probe/sample/predict text
    S2S_EVAL_LIMIT: 200,     // the accuracy curve is measured on the first this many held-out examples
    MAX_S2S_INPUT: 255,      // the engine translates inputs up to this many characters
    // The accuracy curve's schedule, fixed in the step so a replayed run measures at the same steps:
    // every 25 steps up to 250, every 50 up to 2,000, then every 200.
    s2sNextEval(s) {
      const every = s < 250 ? 25 : s < 2000 ? 50 : 200;
      return (Math.floor(s / every) + 1) * every;
    },
  });
})(typeof self !== 'undefined' ? self : globalThis);
