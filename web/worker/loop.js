// The engine worker's loop, the same for every family: training runs in chunks sized to take about
// CHUNK_TARGET_MS, interleaved with queued requests run one slice at a time (a streamed sample is many
// slices), so the worker always answers within a chunk; progress is coalesced into at most one message per
// PROGRESS_MIN_MS; every message carries the run it belongs to, and requests of an older run are answered
// 'stale'. A family's runner (see families.js) does the work; this file never looks at what it is.
//
// A runner is { step, busy, hasProgress, start(msg), open(msg), trainChunk(n), takeProgress(), paused(),
// setLearningRate(lr), requests: {kind: handler} }; see README.md (the worker runner) for each member. A
// chunk that stopped at a non-finite step ({diverged}) pauses training and tells the page (DIVERGED).
import { CHUNK_TARGET_MS, MSG, PROGRESS_MIN_MS } from '../shell/protocol.js';

const MAX_STEPS_PER_CHUNK = 100000;

// Embind's refusal of a JavaScript value it cannot convert (a number for a string, null for an object).
const isArgumentError = (e) => !!e && (e.name === 'TypeError' || e.name === 'BindingError');

// Requests every runner answers the same way, through its interface (a family's own take precedence).
const SHARED_REQUESTS = {
  // {lr} -> {}: continue with this learning rate (after a divergence), the weights and optimizer state kept
  learningRate(a, io) {
    io.answer(this.setLearningRate(Number(a.lr)));
  },
};

export class TrainingLoop {
  // post(msg, transfer): to the page; schedule(): call pump() soon (a macrotask); runners: Map of family
  // id -> runner; unavailable: Map of family id -> why this engine build cannot run that family;
  // estimate(family, experimentJson, dataJson): the engine's estimator (Module.estimate); engineFailure():
  // why the module failed inside a call (engine-boundary.js), '' while it is sound.
  constructor({ post, schedule, runners, unavailable = new Map(), estimate = null, engineFailure = () => '', now = () => performance.now(), setTimer = (fn, ms) => setTimeout(fn, ms) }) {
    Object.assign(this, { post, schedule, runners, unavailable, estimate, engineFailure, now, setTimer });
    this.runner = null;        // the runner of the current run's family (null: no model yet)
    this.family = '';
    this.run = 0;
    this.running = false;
    this.stepsWanted = 0;      // single steps asked for while paused
    this.stepsPerChunk = 1;
    this.queue = [];           // requests waiting for their turn
    this.lastPost = 0;
    this.flushTimer = 0;
    this.broken = false;       // the module aborted: nothing more can run
  }

  // ---- messages from the page (INIT is the worker's) ----

  handle(msg) {
    if (this.broken) {
      if (msg.type === MSG.REQUEST || msg.type === MSG.ESTIMATE) this.post({ type: MSG.REPLY, id: msg.id, run: msg.run, ok: false, error: 'the engine stopped' });
      return;
    }
    try {
      switch (msg.type) {
        case MSG.CONFIGURE: this.begin(msg, 'start'); break;
        case MSG.IMPORT: this.begin(msg, 'open'); break;
        case MSG.PLAY:
          if (msg.run === this.run && this.runner && !this.running) {
            this.running = true;
            this.postRunState();
            this.schedule();
          }
          break;
        case MSG.PAUSE:
          if (msg.run === this.run && (this.running || this.stepsWanted > 0)) {
            this.running = false;
            this.stepsWanted = 0;
            if (this.runner) this.runner.paused();  // measures where it stopped
            this.flushProgress(true);
            this.postRunState();
          }
          break;
        case MSG.STEP:
          if (msg.run === this.run && this.runner && !this.running) {
            this.stepsWanted += Math.max(1, msg.steps | 0);
            this.schedule();
          }
          break;
        case MSG.REQUEST:
          this.queue.push({ id: msg.id, run: msg.run, kind: msg.kind, args: msg.args || {}, slices: {} });
          this.schedule();
          break;
        case MSG.ESTIMATE:
          // answered at once: it needs no model and allocates nothing
          this.post({ type: MSG.REPLY, id: msg.id, run: msg.run, ...this.estimateOf(msg) });
          break;
        case MSG.CANCEL: {
          const i = this.queue.findIndex((t) => t.id === msg.id);
          if (i >= 0) this.reply(this.queue.splice(i, 1)[0], { ok: false, cancelled: true, error: 'cancelled' });
          break;
        }
        default:
          break;
      }
    } catch (e) {
      this.fatal(e);
      return;
    }
    this.checkEngine();
  }

  // A call that failed inside the engine answered {ok: false} like any refusal, but the module cannot be
  // trusted after it: stop here, and the page starts a fresh engine from the last saved state.
  checkEngine() {
    const failure = this.engineFailure();
    if (failure && !this.broken) this.fatal(`the engine failed (${failure})`);
  }

  // CONFIGURE (how = 'start') or IMPORT ('open'): the family's runner builds or opens a model. On failure the
  // current model and run stay, and the reply says which run that is (keptRun).
  begin(msg, how) {
    const runner = this.runners.get(msg.family);
    const r = runner ? runner[how](msg) : { ok: false, error: this.unavailable.get(msg.family) || `no family '${msg.family}' in this page` };
    if (!r.ok) {
      this.post({ type: MSG.CONFIGURED, run: msg.run, family: msg.family, ok: false, error: r.error, keptRun: this.run });
      if (this.wantsTraining()) this.schedule();
      return;
    }
    this.running = false;
    this.stepsWanted = 0;
    this.stepsPerChunk = 1;
    this.run = msg.run;
    for (const task of this.queue) this.reply(task, { ok: false, stale: true, error: 'the model changed' });
    this.queue.length = 0;
    this.runner = runner;
    this.family = msg.family;
    this.post({ type: MSG.CONFIGURED, run: this.run, family: this.family, ok: true, step: runner.step, ...r.reply }, r.transfer);
    if (runner.busy) this.schedule();
  }

  estimateOf(msg) {
    if (!this.estimate) return { ok: false, error: 'this engine build has no estimator' };
    const r = this.estimate(String(msg.family), String(msg.experiment), String(msg.data));
    return r.ok ? { ...r } : { ok: false, error: r.error };
  }

  fatal(error) {
    this.broken = true;
    this.running = false;
    this.queue.length = 0;
    this.post({ type: MSG.FATAL, error: String(error && error.message ? error.message : error) });
  }

  // ---- the loop: one request slice, then one training chunk, until there is nothing to do ----

  pump() {
    if (this.broken) return;
    try {
      if (this.queue.length && this.runSlice(this.queue[0])) this.queue.shift();
      if (this.wantsTraining()) this.trainChunk();
      this.flushProgress(false);
    } catch (e) {
      this.fatal(e);
      return;
    }
    this.checkEngine();
    if (this.broken) return;
    if (this.queue.length || this.wantsTraining()) this.schedule();
  }

  wantsTraining() {
    return !!this.runner && (this.running || this.stepsWanted > 0 || this.runner.busy);
  }

  trainChunk() {
    const runner = this.runner;
    const n = this.running || runner.busy ? this.stepsPerChunk : Math.min(this.stepsWanted, this.stepsPerChunk);
    const r = runner.trainChunk(Math.max(1, n));
    if (!r.ok) return this.stopTraining({ type: MSG.ERROR, error: r.error });
    if (r.diverged) return this.stopTraining({ type: MSG.DIVERGED, ...r.diverged });
    if (!this.running) this.stepsWanted = Math.max(0, this.stepsWanted - r.steps);
    // Size the next chunk to take about CHUNK_TARGET_MS, growing at most 2x at a time.
    const perStep = (r.seconds * 1000) / Math.max(1, r.work);
    const target = Math.max(1, Math.round(CHUNK_TARGET_MS / Math.max(perStep, 1e-3)));
    this.stepsPerChunk = Math.max(1, Math.min(target, this.stepsPerChunk * 2, MAX_STEPS_PER_CHUNK));
    if (!this.running && this.stepsWanted === 0 && !runner.busy) {
      this.flushProgress(true);
      this.postRunState();
    }
  }

  // Training stops on its own (the engine refused a chunk, or a step diverged): the progress so far, then why
  // (`why`: the message's type and fields), then the run state.
  stopTraining(why) {
    this.running = false;
    this.stepsWanted = 0;
    this.flushProgress(true);
    this.post({ ...why, run: this.run, family: this.family });
    this.postRunState();
  }

  // ---- progress ----

  flushProgress(force) {
    const runner = this.runner;
    if (!runner || !runner.hasProgress) return;
    const t = this.now();
    if (!force && t - this.lastPost < PROGRESS_MIN_MS) {
      if (!this.flushTimer) this.flushTimer = this.setTimer(() => {
        this.flushTimer = 0;
        if (!this.broken) this.flushProgress(true);
      }, PROGRESS_MIN_MS);
      return;
    }
    const { fields, transfer } = runner.takeProgress();
    this.post({ type: MSG.PROGRESS, run: this.run, family: this.family, step: runner.step, stepsPerChunk: this.stepsPerChunk, ...fields }, transfer);
    this.lastPost = t;
  }

  postRunState() {
    this.post({ type: MSG.RUN_STATE, run: this.run, family: this.family, running: this.running, step: this.runner ? this.runner.step : 0 });
  }

  // ---- requests ----

  reply(task, result, transfer) {
    this.post({ type: MSG.REPLY, id: task.id, run: task.run, ...result }, transfer);
  }

  // Runs one slice of a task; returns true when the task is finished. A handler answers through `io` and
  // returns true when it wants another slice (it keeps what it needs in io.slices between them).
  runSlice(task) {
    if (task.run !== this.run) {
      this.reply(task, { ok: false, stale: true, error: 'the model changed' });
      return true;
    }
    const handler = this.runner && (this.runner.requests[task.kind] || SHARED_REQUESTS[task.kind]);
    if (!handler) {
      this.reply(task, { ok: false, error: this.runner ? `'${task.kind}' is not a request of this model` : 'no model yet' });
      return true;
    }
    const io = {
      slices: task.slices,
      answer: (r, transfer) => this.reply(task, r.ok ? r : { ok: false, error: r.error }, r.ok ? transfer : undefined),
      fail: (error) => this.reply(task, { ok: false, error }),
      chunk: (text) => this.post({ type: MSG.SAMPLE_CHUNK, id: task.id, run: task.run, text }),
      wake: () => this.schedule(),
    };
    try {
      return handler.call(this.runner, task.args, io) !== true;
    } catch (e) {
      // arguments of the wrong type, refused by the engine's glue before the engine saw them: this request
      // fails, the engine goes on (anything else is the engine's own failure: fatal)
      if (!isArgumentError(e)) throw e;
      io.fail(`bad arguments for '${task.kind}': ${e.message}`);
      return true;
    }
  }
}
