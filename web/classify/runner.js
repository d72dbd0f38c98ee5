// The classifier side of the engine worker: its ClassifySession, the held-out accuracy schedule
// (shell/eval-schedule.js), the progress it reports and the requests it answers (the held-out evaluation,
// the decision over time of a typed text, exports). The training loop (worker/loop.js) drives it through the
// worker runner members (start, open, trainChunk, ...; see README.md).
import { concatArrays } from '../shell/arrays.js';
import { nextEval } from '../shell/eval-schedule.js';
import { EXPORT } from '../shell/protocol.js';
import { readMetadata, withMetadata } from '../shell/safetensors.js';

const MAX_TEXT = 500;     // the engine reads texts up to this many characters
const EVAL_LIMIT = 1000;  // the accuracy curve reads the first this many held-out texts

export function createRunner(Module) {
  if (typeof Module.ClassifySession !== 'function') return { ok: false, error: 'this build of the engine has no classifier sessions; rebuild it (bash scripts/build_wasm.sh)' };
  return { ok: true, runner: new ClassifyRunner(Module) };
}

const asBytes = (b) => (b instanceof Uint8Array ? b : new Uint8Array(b));

export class ClassifyRunner {
  constructor(Module) {
    this.session = new Module.ClassifySession();
    this.ready = false;
    this.batch = 0;
    this.info = null;
    this.base = 0;       // steps the model had taken before this session opened it (a restored model)
    this.step = 0;
    this.lastEval = -1;
    this.pending = null; // progress not yet posted
  }

  get busy() { return false; }

  // base: the step the page counts for this model; a file with training state brings the engine's own count
  // (r.step), so only the rest is the page's.
  adopt(r, base) {
    this.ready = true;
    this.batch = JSON.parse(r.config).batch;
    this.base = Math.max(0, base - r.step);
    this.step = this.base + r.step;
    this.info = {
      config: r.config, vocab: r.vocab, labels: r.labels, trainExamples: r.trainExamples, heldExamples: r.heldExamples,
      params: r.params, step: this.step, samples: r.samples,
    };
    this.lastEval = -1;
    this.pending = null;
  }

  // The held-out accuracy at this step (once per step): [step, accuracy, loss] appended to evals.
  evalNow(evals) {
    if (this.lastEval === this.step) return evals;
    const r = this.session.evaluate(EVAL_LIMIT);
    if (r.ok) {
      this.lastEval = this.step;
      evals.push([this.step, r.accuracy, r.loss]);
    }
    return evals;
  }

  // CONFIGURE {config, pairs}: a fresh model; on failure the current one stays.
  start(msg) {
    const r = this.session.configure(String(msg.config), String(msg.pairs || ''));
    if (!r.ok) return r;
    this.adopt(r, 0);
    return { ok: true, reply: { info: this.info, evals: this.evalNow([]) } };
  }

  // IMPORT {bytes, config, pairs, base}: a checkpoint; base is the step it was saved at (a restored
  // session), else the file's optim_step.
  open(msg) {
    const bytes = asBytes(msg.bytes);
    const meta = readMetadata(bytes);
    if (meta && meta.model && meta.model !== 'classifier')
      return { ok: false, error: `this is a '${meta.model}' file, not a sequence classifier` };
    let base = Number(msg.base);
    if (!Number.isFinite(base)) base = meta && /^\d+$/.test(String(meta.optim_step || '')) ? Number(meta.optim_step) : 0;
    const r = this.session.importCheckpoint(bytes, String(msg.config), String(msg.pairs || ''));
    if (!r.ok) return r;
    this.adopt(r, Math.max(0, Math.round(base) || 0));
    return { ok: true, reply: { info: this.info, evals: this.evalNow([]) } };
  }

  setLearningRate(lr) {
    return this.session.setLearningRate(lr);
  }

  get hasProgress() {
    return !!this.pending;
  }

  progress() {
    if (!this.pending) this.pending = { losses: [], evals: [], seconds: 0, texts: 0 };
    return this.pending;
  }

  // Up to n steps, stopping at the next scheduled evaluation (and evaluating there) or a non-finite step.
  trainChunk(n) {
    const k = Math.max(1, Math.min(n, nextEval(this.step) - this.step));
    const r = this.session.train(k);
    if (!r.ok) return r;
    this.step = this.base + r.step;
    const p = this.progress();
    p.losses.push(r.losses);
    p.seconds += r.seconds;
    p.texts += r.losses.length * this.batch;
    const diverged = r.diverged ? { ...r.diverged, step: this.base + r.diverged.step, who: 'model' } : null;
    if (!diverged && this.step === nextEval(this.step - 1)) this.evalNow(p.evals);
    return { ok: true, steps: r.losses.length, work: Math.max(1, r.losses.length), seconds: r.seconds, diverged };
  }

  // The user paused: the accuracy where training stopped.
  paused() {
    if (!this.ready || this.step === 0) return;
    const evals = this.evalNow([]);
    if (evals.length) this.progress().evals.push(...evals);
  }

  // PROGRESS fields {losses, evals: [[step, accuracy, loss]], seconds, texts}.
  takeProgress() {
    const p = this.pending;
    this.pending = null;
    const losses = concatArrays(p.losses);
    return { fields: { losses, evals: p.evals, seconds: p.seconds, texts: p.texts }, transfer: [losses.buffer] };
  }
}

// Requests (args -> reply), answered through io.
ClassifyRunner.prototype.requests = {
  // {limit} -> {accuracy, loss, count, confusion [C*C], texts, labels, probs [n*C], step}
  evaluate(a, io) {
    const r = this.session.evaluate(a.limit | 0);
    if (!r.ok) {
      io.answer(r);
      return;
    }
    io.answer({ ...r, step: this.step }, [r.confusion.buffer, r.probs.buffer]);
  },

  // {text} -> {probs [n*C], step}: the class probabilities after each character.
  overTime(a, io) {
    const r = this.session.overTime(Array.from(String(a.text || '')).slice(0, MAX_TEXT).join(''));
    if (!r.ok) {
      io.answer(r);
      return;
    }
    io.answer({ ...r, step: this.step }, [r.probs.buffer]);
  },

  // {withTrainingState} -> {bytes, step}, optim_step set to the step the page counts
  [EXPORT](a, io) {
    const r = this.session.exportCheckpoint(!!a.withTrainingState);
    if (!r.ok) {
      io.answer(r);
      return;
    }
    const bytes = withMetadata(r.bytes, { optim_step: this.step });
    io.answer({ ok: true, bytes, step: this.step }, [bytes.buffer]);
  },
};
