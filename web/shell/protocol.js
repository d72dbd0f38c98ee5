// The messages between the page (bridge.js, the only main-thread code that talks to the worker) and the
// engine worker (worker/worker.js). No DOM here: both sides import it.
//
// Every training-related message carries `run`: the page increments it for each configure/import, and
// anything tagged with an older run is stale and dropped. Requests carry `id` and get exactly one REPLY
// with the same id (ok: true with results, or ok: false with error / cancelled / stale).
//
// One family trains at a time: CONFIGURE and IMPORT name it (`family`, an id of families.js) and the run
// they start is that family's; PROGRESS, RUN_STATE and ERROR say which family they come from. What else
// they carry is the family's business: its controller (page) and its runner (worker) agree on it.
export const MSG = Object.freeze({
  // page -> worker
  INIT: 'init',            // {}                                   -> READY | FATAL
  CONFIGURE: 'configure',  // {run, family, ...the family's}       -> CONFIGURED
  IMPORT: 'import',        // {run, family, bytes, ...}            -> CONFIGURED
  PLAY: 'play',            // {run}                                -> RUN_STATE, PROGRESS...
  PAUSE: 'pause',          // {run}                                -> PROGRESS, RUN_STATE
  STEP: 'step',            // {run, steps}                         -> PROGRESS, RUN_STATE
  REQUEST: 'request',      // {id, run, kind, args}                -> (SAMPLE_CHUNK...) REPLY
  CANCEL: 'cancel',        // {id}                                 -> REPLY {cancelled}
  ESTIMATE: 'estimate',    // {id, family, experiment, data}       -> REPLY {ok, params, bytes, ...} (any run)
  // worker -> page
  READY: 'ready',          // {}
  CONFIGURED: 'configured',// {run, family, ok, step, info, ...} | {run, family, ok: false, error, keptRun}
  PROGRESS: 'progress',    // {run, family, step, stepsPerChunk, seconds, losses, ...the family's}
  RUN_STATE: 'runState',   // {run, family, running, step}
  SAMPLE_CHUNK: 'sampleChunk', // {id, run, text}: a piece of a streamed reply
  REPLY: 'reply',          // {id, run, ok, ...results | error, cancelled, stale}
  ERROR: 'error',          // {run, family, error}: training stopped because of this
  DIVERGED: 'diverged',    // {run, family, step, what, value, who}: training paused at a non-finite step
  FATAL: 'fatal',          // {error}: the engine cannot continue (failed to load, out of memory)
});

// The one request every family answers: its model as a safetensors file, {...args} -> {bytes, step, ...}.
export const EXPORT = 'export';

export const CHUNK_TARGET_MS = 40;     // a training chunk aims to take this long
export const PROGRESS_MIN_MS = 16;     // at most one PROGRESS per this many ms (coalesced): once a frame
