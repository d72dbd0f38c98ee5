// The only main-thread code that talks to the engine worker (a module worker, ../worker/worker.js). It
// numbers runs (every configure/import starts a new one, and anything tagged with an older run is dropped),
// matches requests with their replies, streams sample chunks, supports cancellation, and restarts the worker
// after a fatal error. It knows no family: controllers send their family's id and fields.
import { MSG } from './protocol.js';

export class Cancelled extends Error {
  constructor(reason) {
    super(reason || 'cancelled');
    this.name = 'Cancelled';
  }
}

export class EngineBridge {
  constructor(workerUrl = new URL('../worker/worker.js', import.meta.url)) {
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
    this.worker = new Worker(this.workerUrl, { type: 'module' });
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
      case MSG.DIVERGED:
        if (msg.run === this.run) this.emit('diverged', msg);
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
        else if (msg.stale || (!p.anyRun && msg.run !== this.run)) p.reject(new Cancelled('the model changed'));
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
    this.dropModelRequests();
    if (this.configuring) {
      this.configuring.reject(new Cancelled('superseded'));
      this.configuring = null;
    }
    return this.run;
  }

  // Rejects the requests about the current model (estimates are about no model, and stay).
  dropModelRequests() {
    for (const [id, p] of this.pending) {
      if (p.anyRun) continue;
      p.reject(new Cancelled('the model changed'));
      this.pending.delete(id);
    }
  }

  awaitConfigured(run) {
    return new Promise((resolve, reject) => {
      this.configuring = { run, resolve, reject };
    });
  }

  // Builds a new model of a family from its CONFIGURE fields: resolves with the CONFIGURED message or
  // rejects with the engine's message (the worker then keeps the model it had, and its run).
  async configure(family, fields) {
    await this.ready;
    const run = this.newRun();
    const done = this.awaitConfigured(run);
    this.post({ type: MSG.CONFIGURE, run, family, ...fields });
    return done;
  }

  // Opens a model file in a family (fields.bytes: a Uint8Array; transfer: the buffers to hand over). Requests
  // of the current model stay valid until it succeeds; on failure the current model stays.
  async importModel(family, fields, transfer) {
    await this.ready;
    const previous = this.run;
    this.run += 1;
    const run = this.run;
    const done = this.awaitConfigured(run);
    this.post({ type: MSG.IMPORT, run, family, ...fields }, transfer);
    try {
      const r = await done;
      this.dropModelRequests();
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

  // The engine's estimate of an experiment (an object of a family's engine settings) on data described by
  // `data` (the family says what: {vocab} for the char LM, {pairs} or {} for seq2seq). Resolves with
  // {params, bytes, activationBytes, flopsPerStep, unitsPerStep, evalFlopsPerUnit, probeFlopsPerUnit,
  // budgetBytes} or rejects with the engine's message. Needs no model: it works before the first build.
  async estimate(family, experiment, data = {}) {
    await this.ready;
    const id = this.nextId++;
    const promise = new Promise((resolve, reject) => this.pending.set(id, { resolve, reject, anyRun: true }));
    if (!this.alive) {
      this.pending.delete(id);
      throw new Error('the engine is not running');
    }
    this.post({ type: MSG.ESTIMATE, id, run: this.run, family, experiment: JSON.stringify(experiment), data: JSON.stringify(data) });
    return promise;
  }
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
}
