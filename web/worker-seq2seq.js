// The seq2seq side of the engine worker: the model's Seq2SeqSession, its optional fixed-context twin (the
// same experiment with attention 'none', a second session in this worker) trained in lockstep, and the
// accuracy schedule. No messages here: worker.js drives it and posts what it returns. Loaded by worker.js with
// importScripts; defines self.Seq2SeqRunner and self.SafetensorsMeta and nothing else.
'use strict';

(function (root) {
  const P = root.RecurrentProtocol;

  // The __metadata__ of a safetensors file (strings), or null when the header cannot be read.
  function readMeta(bytes) {
    try {
      if (bytes.length < 8) return null;
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const n = view.getUint32(0, true) + view.getUint32(4, true) * 4294967296;
      if (n > bytes.length - 8 || n > 100 * 1024 * 1024) return null;
      const header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + n)));
      const meta = header && header.__metadata__;
      return meta && typeof meta === 'object' ? meta : {};
    } catch {
      return null;
    }
  }

  // The same file with metadata entries replaced (offsets are relative to the data, so only the header
  // and its length change; the header is padded to 8 bytes as the engine writes it).
  function withMeta(bytes, entries) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const n = view.getUint32(0, true) + view.getUint32(4, true) * 4294967296;
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n)));
    header.__metadata__ = Object.assign({}, header.__metadata__ || {}, entries);
    let text = JSON.stringify(header);
    while ((8 + new TextEncoder().encode(text).length) % 8 !== 0) text += ' ';
    const head = new TextEncoder().encode(text);
    const out = new Uint8Array(8 + head.length + (bytes.length - 8 - n));
    const ov = new DataView(out.buffer);
    ov.setUint32(0, head.length, true);
    ov.setUint32(4, 0, true);
    out.set(head, 8);
    out.set(bytes.subarray(8 + n), 8 + head.length);
    return out;
  }

  function accuracy(r) {
    return { exact: r.exact, perChar: r.perChar, count: r.count };
  }

  class Seq2SeqRunner {
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
    }

    get catchingUp() {
      return !!this.twin && this.twinStep < this.step;
    }

    publicInfo(r, base) {
      return {
        config: r.config, vocab: r.vocab, vocabSize: r.vocabSize, trainExamples: r.trainExamples,
        heldExamples: r.heldExamples, params: r.params, step: base + r.step, samples: r.samples,
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

    adopt(r, pairs, base) {
      this.ready = true;
      this.config = r.config;
      this.batch = JSON.parse(r.config).batch;
      this.pairs = pairs;
      this.base = base;
      this.step = base + r.step;
      this.info = this.publicInfo(r, base);
      this.lastEval = -1;
      this.targetChars = 0;
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
        if (r.ok) this.twinBase = this.base;
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
    // next scheduled evaluation and evaluates there. Returns {ok, steps, twinSteps, losses, twinFrom,
    // twinLosses, evals, seconds, nonfinite} or {ok: false, error}.
    train(n) {
      const out = { ok: true, steps: 0, twinSteps: 0, losses: null, twinFrom: this.twinStep, twinLosses: null, evals: [], seconds: 0, nonfinite: 0 };
      if (this.catchingUp) {
        const k = Math.max(1, Math.min(n, this.step - this.twinStep, P.s2sNextEval(this.twinStep) - this.twinStep));
        const r = this.twin.train(k);
        if (!r.ok) return { ok: false, error: `the no-attention twin: ${r.error}` };
        this.twinStep = this.twinBase + r.step;
        Object.assign(out, { twinSteps: k, twinLosses: r.losses, seconds: r.seconds, nonfinite: r.nonfinite ? 1 : 0 });
        // the twin is measured at the scheduled steps, and where it draws level if the model was measured there
        if (this.twinStep === P.s2sNextEval(this.twinStep - 1) || (this.twinStep === this.step && this.lastEval === this.step)) this.evalTwin(out.evals);
        return out;
      }
      const k = Math.max(1, Math.min(n, P.s2sNextEval(this.step) - this.step));
      const r = this.main.train(k);
      if (!r.ok) return { ok: false, error: r.error };
      this.step = this.base + r.step;
      Object.assign(out, { steps: k, losses: r.losses, seconds: r.seconds, nonfinite: r.nonfinite ? 1 : 0 });
      if (this.twin) {
        const t = this.twin.train(k);
        if (!t.ok) return { ok: false, error: `the no-attention twin: ${t.error}` };
        this.twinStep = this.twinBase + t.step;
        Object.assign(out, { twinSteps: k, twinLosses: t.losses, seconds: out.seconds + t.seconds });
        if (t.nonfinite) out.nonfinite++;
      }
      if (this.step === P.s2sNextEval(this.step - 1)) this.evalNow(out.evals);
      return out;
    }

    // Measures the model (and the twin when level with it) on the curve's subset at the current step,
    // unless already done at this step. Appends [step, who, exact, perChar] to evals.
    evalNow(evals) {
      if (this.lastEval !== this.step) {
        const r = this.main.evaluate(P.S2S_EVAL_LIMIT);
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
      const r = this.twin.evaluate(P.S2S_EVAL_LIMIT);
      if (r.ok) {
        this.lastTwinEval = this.twinStep;
        evals.push([this.twinStep, 1, r.exact, r.perChar]);
      }
    }

    // ---- requests ----

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
      const r = this.main.translate(text, Math.max(1, Math.min(16, beam | 0)), Number(alpha));
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
    exportModel(withTwin) {
      const r = this.main.exportCheckpoint();
      if (!r.ok) return r;
      const out = { ok: true, bytes: withMeta(r.bytes, { optim_step: String(this.step) }), twinBytes: null, step: this.step };
      if (withTwin && this.twin && !this.catchingUp) {
        const t = this.twin.exportCheckpoint();
        if (t.ok) out.twinBytes = withMeta(t.bytes, { optim_step: String(this.twinStep) });
      }
      return out;
    }
  }

  root.Seq2SeqRunner = Seq2SeqRunner;
  root.SafetensorsMeta = readMeta;
})(typeof self !== 'undefined' ? self : globalThis);
