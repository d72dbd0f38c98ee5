// The messages between the page (bridge.js, the only main-thread code that talks to the worker) and the
// engine worker (worker.js). This file is loaded both ways: the classic worker runs it with importScripts()
// and the page imports it as an ES module for its side effect; either way it defines
// globalThis.RecurrentProtocol and nothing else (so it has no import/export syntax).
//
// Every training-related message carries `run`: the page increments it for each configure/import, and
// anything tagged with an older run is stale and dropped. Requests carry `id` and get exactly one REPLY
// with the same id (ok: true with results, or ok: false with error / cancelled / stale).
(function (root) {
  'use strict';

  const MSG = Object.freeze({
    // page -> worker
    INIT: 'init',            // {}                                  -> READY | FATAL
    CONFIGURE: 'configure',  // {run, config, text, holdout}        -> CONFIGURED
    IMPORT: 'import',        // {run, bytes, text, holdout, config, name} -> CONFIGURED
    PLAY: 'play',            // {run}                               -> RUN_STATE, PROGRESS...
    PAUSE: 'pause',          // {run}                               -> RUN_STATE
    STEP: 'step',            // {run, steps}                        -> PROGRESS, RUN_STATE
    REQUEST: 'request',      // {id, run, kind, args}               -> (SAMPLE_CHUNK...) REPLY
    CANCEL: 'cancel',        // {id}                                -> REPLY {cancelled}
    // worker -> page
    READY: 'ready',          // {}
    CONFIGURED: 'configured',// {run, ok, info | error, heldOut, notice, text}
    PROGRESS: 'progress',    // {run, step, losses, gradNorms, heldOut: [[step, loss]], seconds, chars, lr, nonfinite}
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
  });

  root.RecurrentProtocol = Object.freeze({
    MSG,
    REQ,
    CHUNK_TARGET_MS: 40,     // a training chunk aims to take this long
    PROGRESS_MIN_MS: 16,     // at most one PROGRESS per this many ms (coalesced)
    SAMPLE_SLICE_MS: 15,     // a sample is generated in slices of about this long
    MAX_PROBE_CHARS: 4096,   // the engine's limit for probe/sample/predict text
  });
})(typeof self !== 'undefined' ? self : globalThis);
