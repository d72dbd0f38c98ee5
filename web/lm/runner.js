// The char LM's side of the engine worker: the CharLMSession, the held-out schedule, the progress it
// reports and the requests it answers (samples in slices, predictions, probes, exports). The training loop
// (worker/loop.js) drives it; see the worker runner in README.md.
import { CATALOGUE } from '../catalogue.js';
import { concatArrays } from '../shell/arrays.js';
import { EXPORT } from '../shell/protocol.js';
import { metadataVocab, readMetadata } from '../shell/safetensors.js';

const SAMPLE_SLICE_MS = 15;     // a sample is generated in slices of about this long
const MAX_PROBE_CHARS = CATALOGUE.family('lm').maxProbeChars;  // the engine's limit for probe/sample/predict text

export function createRunner(Module) {
  if (typeof Module.CharLMSession !== 'function') return { ok: false, error: 'this build of the engine has no CharLMSession' };
  return { ok: true, runner: new CharLMRunner(new Module.CharLMSession()) };
}

// The held-out schedule is fixed in the step, so a replayed run evaluates at the same steps.
function niceStep(x) {
  const p = Math.pow(10, Math.floor(Math.log10(x)));
  for (const m of [1, 2, 5, 10]) if (m * p >= x) return m * p;
  return 10 * p;
}

// A model trained on other text cannot read characters it has never seen: the text without them, and a
// notice when some were left out.
function knownText(text, vocab) {
  if (!vocab) return { text, notice: '' };
  const known = new Set(vocab);
  const kept = [];
  let dropped = 0;
  for (const ch of text) {
    if (known.has(ch)) kept.push(ch);
    else dropped++;
  }
  if (!dropped) return { text, notice: '' };
  return { text: kept.join(''), changed: true, notice: `${dropped.toLocaleString('en-US')} characters of the text are not in the model's vocabulary and were left out.` };
}

export class CharLMRunner {
  constructor(session) {
    this.session = session;
    this.info = null;         // the session's config and sizes
    this.cfg = null;          // its config, parsed
    this.vocab = [];          // characters in index order
    this.step = 0;
    this.busy = false;        // it never trains unasked
    this.evalEvery = 100;     // held-out loss schedule (see nextEvalStep)
    this.lastEvalStep = -1;
    this.pending = null;      // progress not yet posted
  }

  get hasProgress() {
    return !!this.pending;
  }

  // CONFIGURE {config, text, holdout, baselines: {ngram, window}}: a fresh model (and its baselines).
  start(msg) {
    const r = this.session.configure(String(msg.config), String(msg.text), Number(msg.holdout));
    if (!r.ok) return r;
    return { ok: true, reply: this.adopt(r, msg.baselines) };
  }

  // IMPORT {bytes, text, holdout, config}: a checkpoint, trained on the text (without the characters the
  // model does not know). On failure the session keeps its model.
  open(msg) {
    const bytes = msg.bytes instanceof Uint8Array ? msg.bytes : new Uint8Array(msg.bytes);
    const known = knownText(String(msg.text), metadataVocab(readMetadata(bytes)));
    const r = this.session.importCheckpoint(bytes, known.text, Number(msg.holdout), String(msg.config));
    if (!r.ok) return r;
    const reply = this.adopt(r, msg.baselines);
    reply.notice = [known.notice, r.notice].filter(Boolean).join(' ');
    if (known.changed) reply.text = known.text;
    return { ok: true, reply };
  }

  // baselines: {ngram, window} (0 = off), set beside the model; the reply says why they could not be.
  adopt(r, baselines) {
    this.info = {
      config: r.config, vocab: r.vocab, vocabSize: r.vocabSize, trainChars: r.trainChars, heldChars: r.heldChars,
      params: r.params, step: r.step,
    };
    this.cfg = JSON.parse(r.config);
    this.vocab = JSON.parse(r.vocab);
    this.step = r.step;
    this.lastEvalStep = -1;
    this.pending = null;
    // An evaluation reads heldChars as one stream (batch 1, so about 4x less efficient than training's
    // batched products): about 4 heldChars / (3 B T) steps. Keep it near 5% of the training time.
    const cost = (4 * this.info.heldChars) / (3 * this.cfg.batch * this.cfg.seq);
    this.evalEvery = this.info.heldChars >= 2 ? niceStep(Math.min(2000, Math.max(10, 20 * cost))) : Infinity;
    const b = baselines ? this.session.setBaselines(baselines.ngram | 0, baselines.window | 0) : { ok: true };
    const h = this.heldOutNow();
    return { info: { ...this.info }, heldOut: h ? [h] : [], baselines: this.baselinesNow(), baselineError: b.ok ? '' : b.error };
  }

  // The baselines' held-out losses now, as points [step, ngram or null, window or null]: the n-gram's at the
  // model's step, the window network's at its own (the same step when it was on from the start; behind it
  // while it catches up after being turned on later).
  baselinesNow() {
    if (!Number.isFinite(this.evalEvery)) return [];
    const r = this.session.baselineLosses();
    if (!r.ok) return [];
    const out = [];
    if (r.ngram !== null) out.push([this.step, r.ngram, null]);
    if (r.window !== null) out.push([r.windowSteps, null, r.window]);
    return out;
  }

  nextEvalStep(s) {
    if (!Number.isFinite(this.evalEvery)) return Infinity;
    const early = Math.max(1, this.evalEvery / 10);  // denser while the loss falls fastest
    if (s < this.evalEvery) return (Math.floor(s / early) + 1) * early;
    return (Math.floor(s / this.evalEvery) + 1) * this.evalEvery;
  }

  heldOutNow() {
    if (!Number.isFinite(this.evalEvery)) return null;
    const r = this.session.heldOutLoss();
    this.lastEvalStep = this.step;
    return r.ok ? [this.step, r.loss] : null;
  }

  // ---- training and progress ----

  progress() {
    if (!this.pending) this.pending = { losses: [], gradNorms: [], heldOut: [], baselines: [], seconds: 0, chars: 0, lr: 0 };
    return this.pending;
  }

  // Up to n steps, stopping at the next held-out evaluation (and evaluating there).
  trainChunk(n) {
    const k = Math.max(1, Math.min(n, this.nextEvalStep(this.step) - this.step));
    const r = this.session.train(k);
    if (!r.ok) return { ok: false, error: r.error };
    this.step = r.step;
    const taken = r.losses.length;  // fewer than k when a step diverged
    const p = this.progress();
    p.losses.push(r.losses);
    p.gradNorms.push(r.gradNorms);
    p.seconds += r.seconds;
    p.chars += taken * this.cfg.batch * this.cfg.seq;
    p.lr = r.lr;
    if (this.step === this.nextEvalStep(this.step - 1) && this.step !== this.lastEvalStep) {
      const h = this.heldOutNow();
      if (h) p.heldOut.push(h);
      p.baselines.push(...this.baselinesNow());
    }
    return { ok: true, steps: taken, work: Math.max(1, taken), seconds: r.seconds, diverged: r.diverged };
  }

  setLearningRate(lr) {
    return this.session.setLearningRate(lr);
  }

  // The user paused: the held-out loss where training stopped.
  paused() {
    if (this.info && this.step !== this.lastEvalStep && this.step > 0) {
      const h = this.heldOutNow();
      if (h) this.progress().heldOut.push(h);
      this.progress().baselines.push(...this.baselinesNow());
    }
  }

  // PROGRESS fields {losses, gradNorms, heldOut: [[step, loss]], baselines: [[step, ngram, window]], seconds, chars, lr}.
  takeProgress() {
    const p = this.pending;
    this.pending = null;
    const losses = concatArrays(p.losses);
    const gradNorms = concatArrays(p.gradNorms);
    return {
      fields: { losses, gradNorms, heldOut: p.heldOut, baselines: p.baselines, seconds: p.seconds, chars: p.chars, lr: p.lr },
      transfer: [losses.buffer, gradNorms.buffer],
    };
  }
}

// Requests (args -> reply). Each answers through io; `sample` returns true while it has more slices to do.
CharLMRunner.prototype.requests = {
  // {prime, length, temperature, topK, greedy} -> {text}, streamed in SAMPLE_CHUNKs. Each slice re-primes
  // with the prime plus what was generated so far (the engine's sampler starts from a zero state each call).
  sample(a, io) {
    const st = io.slices;
    if (st.text === undefined) {
      st.prime = a.prime ? String(a.prime) : this.vocab.includes('\n') ? '\n' : this.vocab[0];
      st.text = '';
      st.left = Math.max(0, a.length | 0);
      st.chunk = 8;
    }
    const n = Math.min(st.left, st.chunk);
    if (n > 0) {
      const t0 = performance.now();
      const r = this.session.sample((st.prime + st.text).slice(-MAX_PROBE_CHARS), n, a.temperature, a.topK, !!a.greedy);
      if (!r.ok) {
        io.fail(r.error);
        return false;
      }
      st.text += r.text;
      st.left -= n;
      io.chunk(r.text);
      const ms = Math.max(0.05, performance.now() - t0);
      // Each slice re-reads the prime and the text so far; growing slices with it keeps that overhead
      // below about twice the cost of generating.
      const reread = Math.ceil((st.prime.length + st.text.length) / 2);
      st.chunk = Math.max(1, Math.min(512, Math.max(reread, Math.round((n * SAMPLE_SLICE_MS) / ms))));
    }
    if (st.left > 0) return true;
    io.answer({ ok: true, text: st.text, step: this.step });
    return false;
  },

  // {text, temperature, topK, greedy} -> {probs}: the next-character distribution after the text.
  predict(a, io) {
    const r = this.session.predict(String(a.text || '').slice(-MAX_PROBE_CHARS), a.temperature, a.topK, !!a.greedy);
    io.answer(r.ok ? { ok: true, probs: r.probs, step: this.step } : r, r.ok ? [r.probs.buffer] : undefined);
  },

  // {text, sensitivityChars} -> {probe, sensitivity, gradientFlow, step}. The sensitivity figure costs one
  // tangent pass per input dimension: only over the first sensitivityChars characters (0 skips it).
  probe(a, io) {
    const text = String(a.text || '');
    const p = this.session.probe(text);
    if (!p.ok) {
      io.fail(p.error);
      return;
    }
    const n = Math.max(0, a.sensitivityChars | 0);
    const s = n > 0 ? this.session.sensitivity(Array.from(text).slice(0, n).join('')) : { ok: false, error: 'skipped' };
    const g = this.session.gradientFlow();
    const probe = {
      steps: p.steps, layers: p.layers, hidden: p.hidden, gates: p.gates, hiddenStates: p.hiddenStates,
      cellStates: p.cellStates, gateValues: p.gateValues, charLoss: p.charLoss,
    };
    const transfer = [p.hiddenStates.buffer, p.cellStates.buffer, p.gateValues.buffer, p.charLoss.buffer];
    const sensitivity = s.ok ? s.values : null;
    const gradientFlow = g.ok ? g.values : null;
    if (sensitivity) transfer.push(sensitivity.buffer);
    if (gradientFlow) transfer.push(gradientFlow.buffer);
    io.answer({ ok: true, probe, sensitivity, gradientFlow, step: this.step, sensitivityError: s.ok ? null : s.error }, transfer);
  },

  // {ngram, window} -> {baselines: [[step, ngram, window]]}: the memoryless baselines beside the model (0 =
  // off); a changed one starts afresh (the window network catches up with the model as it trains).
  baselines(a, io) {
    const r = this.session.setBaselines(a.ngram | 0, a.window | 0);
    io.answer(r.ok ? { ok: true, baselines: this.baselinesNow(), step: this.step } : r);
  },

  // {withTrainingState} -> {bytes, step}
  [EXPORT](a, io) {
    const r = this.session.exportCheckpoint(!!a.withTrainingState);
    io.answer(r.ok ? { ok: true, bytes: r.bytes, step: this.step } : r, r.ok ? [r.bytes.buffer] : undefined);
  },
};
