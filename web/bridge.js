// The only main-thread code that talks to the engine worker. It numbers runs (every configure/import starts
// a new one, and anything tagged with an older run is dropped), matches requests with their replies, streams
// sample chunks, supports cancellation, and restarts the worker after a fatal error.
import './protocol.js';

const P = globalThis.RecurrentProtocol;
const { MSG, REQ } = P;

export class Cancelled extends Error {
  constructor(reason) {
    super(reason || 'cancelled');
    this.name = 'Cancelled';
  }
}

export class EngineBridge {
  constructor(workerUrl = new URL('./worker.js', import.meta.url)) {
    this.workerUrl = workerUrl;
    this.run = 0;
    this.nextId = 1;
    this.pending = new Map();      // id -> {resolve, reject, run, onChunk}
    this.configuring = null;       // {run, resolve, reject}
    this.listeners = new Map();
    this.running = false;
    this.start();
  }

  // ---- events: 'progress', 'runState', 'error', 'fatal' ----
  on(type, fn) {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type).add(fn);
    return () => this.listeners.get(type).delete(fn);
  }

  emit(type, detail) {
    for (const fn of this.listeners.get(type) || []) {
      try {
        fn(detail);
      } catch (e) {
        console.error(e);
      }
    }
  }

  // ---- lifecycle ----
  start() {
    this.alive = true;
    this.worker = new Worker(this.workerUrl);
    this.worker.onmessage = (e) => this.receive(e.data);
    this.worker.onerror = (e) => {
      e.preventDefault();
      this.fail(e.message || 'the engine worker failed to start');
    };
    this.worker.onmessageerror = () => this.fail('a message from the engine could not be read');
    this.ready = new Promise((resolve, reject) => {
      this.readyResolve = resolve;
      this.readyReject = reject;
    });
    this.ready.catch(() => {});
    this.worker.postMessage({ type: MSG.INIT });
  }

  // Terminates the worker and starts a fresh one (after a fatal error). The caller configures it again.
  restart() {
    this.rejectAll(new Cancelled('the engine restarted'));
    if (this.worker) this.worker.terminate();
    this.running = false;
    this.start();
    return this.ready;
  }

  fail(error) {
    if (!this.alive) return;
    this.alive = false;
    this.running = false;
    this.readyReject(new Error(error));
    this.rejectAll(new Error(error));
    this.emit('fatal', { error });
  }

  rejectAll(err) {
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
    if (this.configuring) {
      this.configuring.reject(err);
      this.configuring = null;
    }
  }

  post(msg, transfer) {
    if (this.alive) this.worker.postMessage(msg, transfer || []);
  }

  // ---- incoming ----
  receive(msg) {
    switch (msg.type) {
      case MSG.READY:
        this.readyResolve();
        break;
      case MSG.FATAL:
        this.fail(msg.error);
        break;
      case MSG.CONFIGURED: {
        const c = this.configuring;
        if (!c || c.run !== msg.run) break;
        this.configuring = null;
        if (msg.ok) c.resolve(msg);
        else {
          // A failed import leaves the old session (and its run) in place.
          if (msg.keptRun !== undefined) this.run = msg.keptRun;
          const err = new Error(msg.error);
          err.engine = true;
          c.reject(err);
        }
        break;
      }
      case MSG.PROGRESS:
        if (msg.run === this.run) this.emit('progress', msg);
        break;
      case MSG.RUN_STATE:
        if (msg.run === this.run) {
          this.running = msg.running;
          this.emit('runState', msg);
        }
        break;
      case MSG.ERROR:
        if (msg.run === this.run || msg.run === undefined) this.emit('error', msg);
        break;
      case MSG.SAMPLE_CHUNK: {
        const p = this.pending.get(msg.id);
        if (p && p.onChunk && msg.run === this.run) p.onChunk(msg.text);
        break;
      }
      case MSG.REPLY: {
        const p = this.pending.get(msg.id);
        if (!p) break;
        this.pending.delete(msg.id);
        if (msg.cancelled) p.reject(new Cancelled());
        else if (msg.stale || msg.run !== this.run) p.reject(new Cancelled('the model changed'));
        else if (!msg.ok) p.reject(Object.assign(new Error(msg.error), { engine: true }));
        else p.resolve(msg);
        break;
      }
      default:
        break;
    }
  }

  // ---- sessions ----
  newRun() {
    this.run += 1;
    this.running = false;
    // Everything asked of the old model is void now (the worker replies 'stale' to queued requests too).
    for (const [id, p] of this.pending) {
      p.reject(new Cancelled('the model changed'));
      this.pending.delete(id);
    }
    if (this.configuring) {
      this.configuring.reject(new Cancelled('superseded'));
      this.configuring = null;
    }
    return this.run;
  }

  awaitConfigured(run) {
    return new Promise((resolve, reject) => {
      this.configuring = { run, resolve, reject };
    });
  }

  // Starts a new model: resolves with {info, heldOut} or rejects with the engine's message.
  async configure(config, text, holdout) {
    await this.ready;
    const run = this.newRun();
    const done = this.awaitConfigured(run);
    this.post({ type: MSG.CONFIGURE, run, config: JSON.stringify(config), text, holdout });
    return done;
  }

  // Opens a safetensors file (bytes: Uint8Array, transferred). On failure the current session stays.
  async importModel(bytes, text, holdout, fallbackConfig) {
    return this.importAny({ bytes, text, holdout, config: JSON.stringify(fallbackConfig) }, [bytes.buffer]);
  }

  // A new seq2seq model from the experiment (an object) and the pairs ('' for a generated task); compare
  // starts the no-attention twin too. Resolves with {info, twin, evals, step} or rejects with the engine's
  // message.
  async configureSeq2Seq(experiment, pairs, compare) {
    await this.ready;
    const run = this.newRun();
    const done = this.awaitConfigured(run);
    this.post({ type: MSG.CONFIGURE, run, mode: 'seq2seq', config: JSON.stringify(experiment), pairs, compare: !!compare });
    return done;
  }

  // Opens a seq2seq checkpoint (bytes transferred) on the fallback experiment; base is the step it was saved
  // at (undefined: the file's optim_step), twinBytes the twin's checkpoint of a saved session (or null).
  async importSeq2Seq(bytes, fallbackExperiment, pairs, { base, twinBytes = null, compare = false } = {}) {
    const transfer = [bytes.buffer];
    if (twinBytes) transfer.push(twinBytes.buffer);
    return this.importAny({ mode: 'seq2seq', bytes, config: JSON.stringify(fallbackExperiment), pairs, base, twinBytes, compare }, transfer);
  }

  async importAny(fields, transfer) {
    await this.ready;
    const previous = this.run;
    this.run += 1;
    const run = this.run;
    const done = this.awaitConfigured(run);
    this.post({ type: MSG.IMPORT, run, ...fields }, transfer);
    try {
      const r = await done;
      for (const [id, p] of this.pending) {
        p.reject(new Cancelled('the model changed'));
        this.pending.delete(id);
      }
      this.running = false;
      return r;
    } catch (e) {
      if (this.run === run) this.run = previous;
      throw e;
    }
  }

  play() {
    this.post({ type: MSG.PLAY, run: this.run });
  }

  pause() {
    this.post({ type: MSG.PAUSE, run: this.run });
  }

  step(steps = 1) {
    this.post({ type: MSG.STEP, run: this.run, steps });
  }

  // ---- requests ----
  // Returns {promise, cancel}. The promise rejects with Cancelled when cancelled or when the model changed.
  request(kind, args, onChunk) {
    const id = this.nextId++;
    const run = this.run;
    let cancel = () => {};
    const promise = new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, run, onChunk });
      cancel = () => {
        if (this.pending.has(id)) this.post({ type: MSG.CANCEL, id });
      };
    });
    promise.catch(() => {});
    if (!this.alive) {
      const p = this.pending.get(id);
      this.pending.delete(id);
      p.reject(new Error('the engine is not running'));
    } else {
      this.post({ type: MSG.REQUEST, id, run, kind, args });
    }
    return { promise, cancel, id };
  }

  sample(args, onChunk) {
    return this.request(REQ.SAMPLE, args, onChunk);
  }

  predict(args) {
    return this.request(REQ.PREDICT, args);
  }

  // sensitivityChars: how much of the text the (costly) sensitivity figure covers; 0 skips it
  probe(text, sensitivityChars) {
    return this.request(REQ.PROBE, { text, sensitivityChars });
  }

  exportModel(withTrainingState) {
    return this.request(REQ.EXPORT, { withTrainingState });
  }

  heldOut() {
    return this.request(REQ.HELD_OUT, {});
  }

  // ---- seq2seq requests ----

  // Greedy decoding of the held-out split (limit <= 0: all), and of the twin's when twin is true.
  evaluate(limit, twin) {
    return this.request(REQ.EVALUATE, { limit, twin: !!twin });
  }

  // Greedy and beam-search outputs with their attention for one input (and the twin's greedy output).
  translate(input, beam, alpha, twin) {
    return this.request(REQ.TRANSLATE, { input, beam, alpha, twin: !!twin });
  }

  // Starts (on) or stops the no-attention twin.
  setCompare(on) {
    return this.request(REQ.COMPARE, { on: !!on });
  }

  // The model's checkpoint, and the twin's when twin is true: {bytes, twinBytes, step}.
  exportSeq2Seq(twin) {
    return this.request(REQ.EXPORT, { twin: !!twin });
  }
}
