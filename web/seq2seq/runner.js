// The seq2seq side of the engine worker: the model's Seq2SeqSession, its optional fixed-context twin (the
// same experiment with attention 'none', a second session in this worker) trained in lockstep, and the
// accuracy schedule; the progress it reports and the requests it answers (evaluations, translations,
// exports, the twin on and off). The training loop (worker/loop.js) drives it through the worker runner
// members (start, open, trainChunk, ...; see README.md); the rest is its own API, which the tests use.
import { concatArrays } from '../shell/arrays.js';
import { EXPORT } from '../shell/protocol.js';
import { readMetadata, withMetadata } from '../shell/safetensors.js';
import { S2S_EVAL_LIMIT, s2sNextEval } from './accuracy-schedule.js';

const MAX_INPUT = 255;  // the engine translates inputs up to this many characters

export function createRunner(Module) {
  if (typeof Module.Seq2SeqSession !== 'function') return { ok: false, error: 'this build of the engine has no seq2seq sessions; rebuild it (bash scripts/build_wasm.sh)' };
  return { ok: true, runner: new Seq2SeqRunner(Module) };
}

function accuracy(r) {
  return { exact: r.exact, perChar: r.perChar, count: r.count };
}

const asBytes = (b) => (b instanceof Uint8Array ? b : new Uint8Array(b));

export class Seq2SeqRunner {
  constructor(Module) {
    this.Module = Module;
    this.main = new Module.Seq2SeqSession();
    this.twin = null;
    this.ready = false;
    this.config = '';     // the model's normalised experiment JSON
    this.batch = 0;
    this.pairs = '';
    this.info = null;
    this.twinInfo = null;
    this.base = 0;        // steps the model had taken before this session opened it (a restored model)
    this.step = 0;
    this.twinBase = 0;
    this.twinStep = 0;
    this.lastEval = -1;
    this.lastTwinEval = -1;
    this.targetChars = 0; // mean target characters per example, EOS included (for the throughput readout)
    this.pending = null;  // progress not yet posted
  }

  get catchingUp() {
    return !!this.twin && this.twinStep < this.step;
  }

  // The loop trains while the twin catches up, even when paused.
  get busy() {
    return this.catchingUp;
  }

  publicInfo(r, base) {
    return {
      config: r.config, vocab: r.vocab, vocabSize: r.vocabSize, trainExamples: r.trainExamples,
      heldExamples: r.heldExamples, params: r.params, step: base + r.step, samples: r.samples, resumedAt: r.step,
      notice: r.notice || '',
    };
  }

  // A fresh model. On failure the current one stays.
  configure(config, pairs) {
    const r = this.main.configure(String(config), String(pairs || ''));
    if (!r.ok) return r;
    this.adopt(r, String(pairs || ''), 0);
    return { ok: true, info: this.info };
  }

  // Opens a checkpoint (bytes) on the fallback experiment (used when the file has none) and the pairs.
  // base: the step it was saved at (from our record or the file's optim_step). On failure the current
  // model stays.
  importModel(bytes, fallback, pairs, base) {
    const r = this.main.importCheckpoint(bytes, String(fallback), String(pairs || ''));
    if (!r.ok) return r;
    this.adopt(r, String(pairs || ''), Math.max(0, Math.round(base) || 0));
    return { ok: true, info: this.info };
  }

  // base: the step the page counts for this model; a file with training state brings the engine's own count
  // (r.step), so only the rest is the page's.
  adopt(r, pairs, base) {
    this.ready = true;
    this.config = r.config;
    this.batch = JSON.parse(r.config).batch;
    this.pairs = pairs;
    this.base = Math.max(0, base - r.step);
    this.step = this.base + r.step;
    this.info = this.publicInfo(r, this.base);
    this.lastEval = -1;
    this.targetChars = 0;
    this.pending = null;
    this.stopTwin();
  }

  // ---- the twin ----

  twinConfig() {
    const cfg = JSON.parse(this.config);
    cfg.attention = 'none';
    return JSON.stringify(cfg);
  }

  // Starts the twin: from its own checkpoint at this model's step (a restored session), or from scratch,
  // and then it catches up. Returns {ok, info} or {ok: false, error}.
  startTwin(bytes) {
    if (!this.ready) return { ok: false, error: 'no model yet' };
    this.stopTwin();
    const twin = new this.Module.Seq2SeqSession();
    let r = null;
    if (bytes) {
      r = twin.importCheckpoint(bytes, this.twinConfig(), this.pairs);
      if (r.ok) this.twinBase = r.step > 0 ? 0 : this.base;  // a twin saved with its training state counts its own steps
    }
    if (!r || !r.ok) {
      r = twin.configure(this.twinConfig(), this.pairs);
      this.twinBase = 0;
    }
    if (!r.ok) {
      twin.delete();
      return { ok: false, error: r.error };
    }
    this.twin = twin;
    this.twinStep = this.twinBase + r.step;
    this.twinInfo = this.publicInfo(r, this.twinBase);
    this.lastTwinEval = -1;
    return { ok: true, info: this.twinInfo };
  }

  stopTwin() {
    if (this.twin) this.twin.delete();
    this.twin = null;
    this.twinInfo = null;
    this.twinStep = 0;
    this.lastTwinEval = -1;
  }

  // ---- training ----

  // Up to n steps: the twin alone while it catches up, otherwise both in lockstep. A chunk stops at the
  // next scheduled evaluation and evaluates there, or at a non-finite step of either model (diverged:
  // {step, what, value, who: 'model' | 'twin'}). Returns {ok, steps, twinSteps, losses, twinFrom,
  // twinLosses, evals, seconds, diverged} or {ok: false, error}.
  train(n) {
    const out = { ok: true, steps: 0, twinSteps: 0, losses: null, twinFrom: this.twinStep, twinLosses: null, evals: [], seconds: 0, diverged: null };
    const whose = (d, base, who) => (d ? { ...d, step: base + d.step, who } : null);
    if (this.catchingUp) {
      const k = Math.max(1, Math.min(n, this.step - this.twinStep, s2sNextEval(this.twinStep) - this.twinStep));
      const r = this.twin.train(k);
      if (!r.ok) return { ok: false, error: `the no-attention twin: ${r.error}` };
      this.twinStep = this.twinBase + r.step;
      Object.assign(out, { twinSteps: r.losses.length, twinLosses: r.losses, seconds: r.seconds, diverged: whose(r.diverged, this.twinBase, 'twin') });
      // the twin is measured at the scheduled steps, and where it draws level if the model was measured there
      if (!out.diverged && (this.twinStep === s2sNextEval(this.twinStep - 1) || (this.twinStep === this.step && this.lastEval === this.step))) this.evalTwin(out.evals);
      return out;
    }
    const k = Math.max(1, Math.min(n, s2sNextEval(this.step) - this.step));
    const r = this.main.train(k);
    if (!r.ok) return { ok: false, error: r.error };
    this.step = this.base + r.step;
    const taken = r.losses.length;  // fewer than k when a step diverged
    Object.assign(out, { steps: taken, losses: r.losses, seconds: r.seconds, diverged: whose(r.diverged, this.base, 'model') });
    if (this.twin && taken > 0) {
      const t = this.twin.train(taken);  // in lockstep: as many steps as the model took
      if (!t.ok) return { ok: false, error: `the no-attention twin: ${t.error}` };
      this.twinStep = this.twinBase + t.step;
      Object.assign(out, { twinSteps: t.losses.length, twinLosses: t.losses, seconds: out.seconds + t.seconds });
      out.diverged = out.diverged || whose(t.diverged, this.twinBase, 'twin');
    }
    if (!out.diverged && this.step === s2sNextEval(this.step - 1)) this.evalNow(out.evals);
    return out;
  }

  setLearningRate(lr) {
    const r = this.main.setLearningRate(lr);
    if (!r.ok || !this.twin) return r;
    const t = this.twin.setLearningRate(lr);
    return t.ok ? t : { ok: false, error: `the no-attention twin: ${t.error}` };
  }

  // Measures the model (and the twin when level with it) on the curve's subset at the current step,
  // unless already done at this step. Appends [step, who, exact, perChar] to evals.
  evalNow(evals) {
    if (this.lastEval !== this.step) {
      const r = this.main.evaluate(S2S_EVAL_LIMIT);
      if (r.ok) {
        this.lastEval = this.step;
        evals.push([this.step, 0, r.exact, r.perChar]);
        if (!this.targetChars && r.examples.length) {
          let chars = 0;
          for (const e of r.examples) chars += Array.from(e.target).length + 1;
          this.targetChars = chars / r.examples.length;
        }
      }
    }
    if (this.twin && this.twinStep === this.step) this.evalTwin(evals);
    return evals;
  }

  evalTwin(evals) {
    if (!this.twin || this.lastTwinEval === this.twinStep) return;
    const r = this.twin.evaluate(S2S_EVAL_LIMIT);
    if (r.ok) {
      this.lastTwinEval = this.twinStep;
      evals.push([this.twinStep, 1, r.exact, r.perChar]);
    }
  }

  // ---- queries ----

  evaluate(limit, withTwin) {
    const m = this.main.evaluate(limit | 0);
    if (!m.ok) return m;
    let twin = null;
    if (withTwin && this.twin) {
      const t = this.twin.evaluate(limit | 0);
      if (t.ok) twin = Object.assign(accuracy(t), { examples: t.examples });
    }
    return { ok: true, main: Object.assign(accuracy(m), { examples: m.examples }), twin, step: this.step, twinStep: this.twin ? this.twinStep : 0 };
  }

  translate(input, beam, alpha, withTwin) {
    const text = String(input || '');
    // width 0 is greedy decoding alone (no hypotheses)
    const r = this.main.translate(text, Math.max(0, Math.min(16, beam | 0)), Number(alpha));
    if (!r.ok) return r;
    let twinGreedy = null;
    if (withTwin && this.twin) {
      const t = this.twin.translate(text, 0, Number(alpha));
      if (t.ok) twinGreedy = { text: t.greedy.text, logProb: t.greedy.logProb, finished: t.greedy.finished, step: this.twinStep };
    }
    return { ok: true, sourceLen: r.sourceLen, greedy: r.greedy, beams: r.beams, twinGreedy, step: this.step };
  }

  // The model's file (and the twin's), with optim_step set to the step the page counts (the engine counts
  // from the moment it opened a restored model).
  exportModel(withTwin, withTrainingState) {
    const r = this.main.exportCheckpoint(!!withTrainingState);
    if (!r.ok) return r;
    const out = { ok: true, bytes: withMetadata(r.bytes, { optim_step: this.step }), twinBytes: null, step: this.step };
    if (withTwin && this.twin && !this.catchingUp) {
      const t = this.twin.exportCheckpoint(!!withTrainingState);
      if (t.ok) out.twinBytes = withMetadata(t.bytes, { optim_step: this.twinStep });
    }
    return out;
  }

  // ---- the worker runner (worker/loop.js) ----

  // CONFIGURE {config, pairs, compare}: a fresh model (and its twin when compare is set).
  start(msg) {
    const r = this.configure(String(msg.config), String(msg.pairs || ''));
    return r.ok ? this.opened(msg, null) : r;
  }

  // IMPORT {bytes, config, pairs, base, twinBytes, compare}: a checkpoint; base is the step it was saved at
  // (a restored session), else the file's optim_step.
  open(msg) {
    const bytes = asBytes(msg.bytes);
    const meta = readMetadata(bytes);
    if (meta && meta.model && meta.model !== 'seq2seq')
      return { ok: false, error: `this is a ${meta.model === 'char_lm' ? 'character language model' : `'${meta.model}'`} file, not a seq2seq model` };
    let base = Number(msg.base);
    if (!Number.isFinite(base)) base = meta && /^\d+$/.test(String(meta.optim_step || '')) ? Number(meta.optim_step) : 0;
    const r = this.importModel(bytes, String(msg.config), String(msg.pairs || ''), base);
    return r.ok ? this.opened(msg, msg.twinBytes ? asBytes(msg.twinBytes) : null) : r;
  }

  // The CONFIGURED reply {info, twin, twinStep, twinError, evals, catchingUp} of a new model.
  opened(msg, twinBytes) {
    let twin = null, twinError = '';
    if (msg.compare) {
      const t = this.startTwin(twinBytes);
      if (t.ok) twin = t.info;
      else twinError = t.error;
    }
    const evals = this.evalNow([]);
    if (this.twin && this.twinStep === 0 && this.step > 0) this.evalTwin(evals);
    return { ok: true, reply: { info: this.info, twin, twinStep: this.twin ? this.twinStep : 0, twinError, evals, catchingUp: this.catchingUp } };
  }

  get hasProgress() {
    return !!this.pending;
  }

  progress() {
    if (!this.pending) this.pending = { losses: [], twinFrom: 0, twinLosses: [], evals: [], seconds: 0, targetChars: 0 };
    return this.pending;
  }

  trainChunk(n) {
    const r = this.train(n);
    if (!r.ok) return r;
    const p = this.progress();
    if (r.losses) p.losses.push(r.losses);
    if (r.twinLosses) {
      if (!p.twinLosses.length) p.twinFrom = r.twinFrom;
      p.twinLosses.push(r.twinLosses);
    }
    p.evals.push(...r.evals);
    p.seconds += r.seconds;
    p.targetChars += r.steps * this.batch * (this.targetChars || 0);
    return { ok: true, steps: r.steps, work: Math.max(1, r.steps, r.twinSteps), seconds: r.seconds, diverged: r.diverged };
  }

  // The user paused: the accuracy where training stopped (unless the twin is catching up, which goes on).
  paused() {
    if (!this.ready || this.step === 0 || this.catchingUp) return;
    const evals = this.evalNow([]);
    if (evals.length) this.progress().evals.push(...evals);
  }

  // PROGRESS fields {losses, twinStep, twinFrom, twinLosses, evals: [[step, who (0 model, 1 twin), exact,
  // perChar]], seconds, targetChars, catchingUp}.
  takeProgress() {
    const p = this.pending;
    this.pending = null;
    const losses = concatArrays(p.losses);
    const twinLosses = concatArrays(p.twinLosses);
    return {
      fields: {
        losses, twinStep: this.twin ? this.twinStep : 0, twinFrom: p.twinFrom, twinLosses, evals: p.evals, seconds: p.seconds,
        targetChars: p.targetChars, catchingUp: this.catchingUp,
      },
      transfer: [losses.buffer, twinLosses.buffer],
    };
  }
}

// Requests (args -> reply), answered through io.
Seq2SeqRunner.prototype.requests = {
  // {limit, twin} -> {main: {exact, perChar, count, examples}, twin | null, step, twinStep}: greedy decoding
  // of the held-out split (limit <= 0: all), and of the twin's when asked.
  evaluate(a, io) {
    io.answer(this.evaluate(a.limit | 0, !!a.twin));
  },

  // {input, beam, alpha, twin} -> {sourceLen, greedy, beams, twinGreedy, step}, each output with its attention.
  translate(a, io) {
    const r = this.translate(String(a.input || '').slice(0, 4 * MAX_INPUT), a.beam, a.alpha, !!a.twin);
    io.answer(r, r.ok ? [r.greedy.attention.buffer, ...r.beams.map((b) => b.attention.buffer)] : undefined);
  },

  // {twin, withTrainingState} -> {bytes, twinBytes, step}
  [EXPORT](a, io) {
    const r = this.exportModel(!!a.twin, !!a.withTrainingState);
    io.answer(r, r.ok ? (r.twinBytes ? [r.bytes.buffer, r.twinBytes.buffer] : [r.bytes.buffer]) : undefined);
  },

  // {on} -> {twin: info | null, evals, twinStep}: starts or stops the no-attention twin.
  compare(a, io) {
    if (!a.on) {
      this.stopTwin();
      io.answer({ ok: true, twin: null, evals: [] });
    } else if (this.twin) {
      io.answer({ ok: true, twin: this.twinInfo, evals: [], twinStep: this.twinStep });
    } else {
      const r = this.startTwin(null);
      if (!r.ok) {
        io.fail(r.error);
        return;
      }
      const evals = [];
      if (this.twinStep === 0) this.evalTwin(evals);
      io.answer({ ok: true, twin: r.info, evals, twinStep: this.twinStep });
      io.wake();  // the twin catches up
    }
  },
};
