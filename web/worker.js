// The engine worker (a classic worker, so it can importScripts the Emscripten module). It owns the WebAssembly
// module, the CharLMSession, the seq2seq sessions (worker-seq2seq.js) and the training loop: training runs in
// chunks of about 40 ms, interleaved with queued requests (sample slices, probes, predictions, evaluations,
// translations, exports), and progress is coalesced into at most one message per 16 ms. One mode runs at a
// time, set by the last CONFIGURE or IMPORT. Messages are described in protocol.js.
'use strict';

importScripts('protocol.js', 'engine/recurrent_engine.js', 'worker-seq2seq.js');

const P = self.RecurrentProtocol;
const { MSG, REQ } = P;

let lm = null;            // the CharLMSession once the module is loaded
let s2s = null;           // the Seq2SeqRunner (model + twin)
let mode = 'charlm';      // which of the two the current run trains
let broken = false;       // the module aborted: nothing more can run
let run = 0;              // the page's current run id
let configured = false;
let info = null;          // the session's config and sizes (from configure/import)
let vocab = [];           // characters in index order
let running = false;
let stepsWanted = 0;      // single steps requested while paused
let step = 0;
let stepsPerChunk = 1;
let evalEvery = 100;      // held-out loss schedule (see nextEvalStep)
let lastEvalStep = -1;
let pending = null;       // progress not yet posted
let lastPost = 0;
let flushTimer = 0;
const queue = [];         // requests waiting for their turn

// The loop is driven by a MessageChannel rather than setTimeout(0), which browsers clamp to 4 ms.
const tick = new MessageChannel();
let scheduled = false;
tick.port1.onmessage = () => {
  scheduled = false;
  pump();
};
function schedule() {
  if (!scheduled) {
    scheduled = true;
    tick.port2.postMessage(0);
  }
}

const post = (msg, transfer) => self.postMessage(msg, transfer || []);
const now = () => performance.now();

function fatal(error) {
  broken = true;
  running = false;
  queue.length = 0;
  post({ type: MSG.FATAL, error: String(error && error.message ? error.message : error) });
}

// ---- held-out schedule: deterministic in the step, so a replayed run evaluates at the same steps ----

function niceStep(x) {
  const p = Math.pow(10, Math.floor(Math.log10(x)));
  for (const m of [1, 2, 5, 10]) if (m * p >= x) return m * p;
  return 10 * p;
}

function setEvalSchedule() {
  const cfg = JSON.parse(info.config);
  // An evaluation reads heldChars as one stream (batch 1, so about 4x less efficient than training's
  // batched products): about 4 heldChars / (3 B T) steps. Keep it near 5% of the training time.
  const cost = (4 * info.heldChars) / (3 * cfg.batch * cfg.seq);
  evalEvery = info.heldChars >= 2 ? niceStep(Math.min(2000, Math.max(10, 20 * cost))) : Infinity;
}

function nextEvalStep(s) {
  if (!Number.isFinite(evalEvery)) return Infinity;
  const early = Math.max(1, evalEvery / 10);  // denser while the loss falls fastest
  if (s < evalEvery) return (Math.floor(s / early) + 1) * early;
  return (Math.floor(s / evalEvery) + 1) * evalEvery;
}

function heldOutNow() {
  if (!Number.isFinite(evalEvery)) return null;
  const r = lm.heldOutLoss();
  lastEvalStep = step;
  return r.ok ? [step, r.loss] : null;
}

// ---- progress ----

function addProgress(r, n) {
  if (!pending) pending = { losses: [], gradNorms: [], heldOut: [], seconds: 0, chars: 0, nonfinite: 0, lr: 0 };
  pending.losses.push(r.losses);
  pending.gradNorms.push(r.gradNorms);
  pending.seconds += r.seconds;
  const cfg = info.cfg;
  pending.chars += n * cfg.batch * cfg.seq;
  pending.nonfinite += r.nonfiniteSteps;
  pending.lr = r.lr;
}

function concat(arrays) {
  let n = 0;
  for (const a of arrays) n += a.length;
  const out = new Float32Array(n);
  let o = 0;
  for (const a of arrays) {
    out.set(a, o);
    o += a.length;
  }
  return out;
}

function flushProgress(force) {
  if (!pending) return;
  const t = now();
  if (!force && t - lastPost < P.PROGRESS_MIN_MS) {
    if (!flushTimer) flushTimer = setTimeout(() => {
      flushTimer = 0;
      flushProgress(true);
    }, P.PROGRESS_MIN_MS);
    return;
  }
  if (pending.s2s) {
    flushSeq2SeqProgress(t);
    return;
  }
  const losses = concat(pending.losses);
  const gradNorms = concat(pending.gradNorms);
  post({
    type: MSG.PROGRESS, run, step, losses, gradNorms, heldOut: pending.heldOut, seconds: pending.seconds,
    chars: pending.chars, nonfinite: pending.nonfinite, lr: pending.lr, stepsPerChunk,
  }, [losses.buffer, gradNorms.buffer]);
  pending = null;
  lastPost = t;
}

function postRunState() {
  post({ type: MSG.RUN_STATE, run, running, step });
}

// ---- training ----

function wantsTraining() {
  return configured && (running || stepsWanted > 0 || (mode === 'seq2seq' && s2s.catchingUp));
}

function trainChunk() {
  if (mode === 'seq2seq') {
    trainSeq2SeqChunk();
    return;
  }
  let n = running ? stepsPerChunk : Math.min(stepsWanted, stepsPerChunk);
  n = Math.max(1, Math.min(n, nextEvalStep(step) - step));
  const r = lm.train(n);
  if (!r.ok) {
    running = false;
    stepsWanted = 0;
    flushProgress(true);
    post({ type: MSG.ERROR, run, error: r.error });
    postRunState();
    return;
  }
  step = r.step;
  if (!running) stepsWanted = Math.max(0, stepsWanted - n);
  addProgress(r, n);
  if (step === nextEvalStep(step - 1) && step !== lastEvalStep) {
    const h = heldOutNow();
    if (h) pending.heldOut.push(h);
  }
  // Size the next chunk to take about CHUNK_TARGET_MS, growing at most 2x at a time.
  const perStep = r.seconds * 1000 / n;
  const target = Math.max(1, Math.round(P.CHUNK_TARGET_MS / Math.max(perStep, 1e-3)));
  stepsPerChunk = Math.max(1, Math.min(target, stepsPerChunk * 2, 100000));
  if (!running && stepsWanted === 0) {
    flushProgress(true);
    postRunState();
  }
}

// ---- seq2seq training: the model and its twin in lockstep (worker-seq2seq.js) ----

function trainSeq2SeqChunk() {
  const catching = s2s.catchingUp;
  let n = catching || running ? stepsPerChunk : Math.min(stepsWanted, stepsPerChunk);
  const r = s2s.train(Math.max(1, n));
  if (!r.ok) {
    running = false;
    stepsWanted = 0;
    flushProgress(true);
    post({ type: MSG.ERROR, run, error: r.error });
    postRunState();
    return;
  }
  step = s2s.step;
  if (!catching && !running) stepsWanted = Math.max(0, stepsWanted - r.steps);
  if (!pending) pending = newSeq2SeqPending();
  if (r.losses) pending.losses.push(r.losses);
  if (r.twinLosses) {
    if (!pending.twinLosses.length) pending.twinFrom = r.twinFrom;
    pending.twinLosses.push(r.twinLosses);
  }
  for (const e of r.evals) pending.evals.push(e);
  pending.seconds += r.seconds;
  pending.targetChars += r.steps * s2s.batch * (s2s.targetChars || 0);
  pending.nonfinite += r.nonfinite;
  const done = Math.max(r.steps, r.twinSteps);
  const perStep = r.seconds * 1000 / Math.max(1, done);
  const target = Math.max(1, Math.round(P.CHUNK_TARGET_MS / Math.max(perStep, 1e-3)));
  stepsPerChunk = Math.max(1, Math.min(target, stepsPerChunk * 2, 100000));
  if (!running && stepsWanted === 0 && !s2s.catchingUp) {
    flushProgress(true);
    postRunState();
  }
}

function newSeq2SeqPending() {
  return { s2s: true, losses: [], twinFrom: 0, twinLosses: [], evals: [], seconds: 0, targetChars: 0, nonfinite: 0 };
}

// Called by flushProgress once the post is due (t: now).
function flushSeq2SeqProgress(t) {
  const losses = concat(pending.losses);
  const twinLosses = concat(pending.twinLosses);
  post({
    type: MSG.PROGRESS, run, mode: 'seq2seq', step, losses, twinStep: s2s.twin ? s2s.twinStep : 0,
    twinFrom: pending.twinFrom, twinLosses, evals: pending.evals, seconds: pending.seconds,
    targetChars: pending.targetChars, nonfinite: pending.nonfinite, catchingUp: s2s.catchingUp, stepsPerChunk,
  }, [losses.buffer, twinLosses.buffer]);
  pending = null;
  lastPost = t;
}

// ---- requests ----

function reply(task, result, transfer) {
  post(Object.assign({ type: MSG.REPLY, id: task.id, run: task.run }, result), transfer);
}

function failed(task, error) {
  reply(task, { ok: false, error });
}

// Runs one slice of a task; returns true when the task is finished.
function runSlice(task) {
  if (task.run !== run) {
    reply(task, { ok: false, stale: true, error: 'the model changed' });
    return true;
  }
  if (!configured) {
    failed(task, 'no model yet');
    return true;
  }
  const a = task.args || {};
  if (mode === 'seq2seq') return runSeq2SeqSlice(task, a);
  switch (task.kind) {
    case REQ.SAMPLE: return sampleSlice(task, a);
    case REQ.PREDICT: {
      const text = String(a.text || '').slice(-P.MAX_PROBE_CHARS);
      const r = lm.predict(text, a.temperature, a.topK, !!a.greedy);
      if (!r.ok) failed(task, r.error);
      else reply(task, { ok: true, probs: r.probs, step }, [r.probs.buffer]);
      return true;
    }
    case REQ.PROBE: {
      const p = lm.probe(String(a.text || ''));
      if (!p.ok) {
        failed(task, p.error);
        return true;
      }
      // The sensitivity figure costs one tangent pass per input dimension: only over the first characters.
      const n = Math.max(0, a.sensitivityChars | 0);
      const s = n > 0 ? lm.sensitivity(Array.from(String(a.text || '')).slice(0, n).join('')) : { ok: false, error: 'skipped' };
      const g = lm.gradientFlow();
      const probe = {
        steps: p.steps, layers: p.layers, hidden: p.hidden, gates: p.gates, hiddenStates: p.hiddenStates,
        cellStates: p.cellStates, gateValues: p.gateValues, charLoss: p.charLoss,
      };
      const transfer = [p.hiddenStates.buffer, p.cellStates.buffer, p.gateValues.buffer, p.charLoss.buffer];
      const sensitivity = s.ok ? s.values : null;
      const gradientFlow = g.ok ? g.values : null;
      if (sensitivity) transfer.push(sensitivity.buffer);
      if (gradientFlow) transfer.push(gradientFlow.buffer);
      reply(task, { ok: true, probe, sensitivity, gradientFlow, step, sensitivityError: s.ok ? null : s.error }, transfer);
      return true;
    }
    case REQ.EXPORT: {
      const r = lm.exportCheckpoint(!!a.withTrainingState);
      if (!r.ok) failed(task, r.error);
      else reply(task, { ok: true, bytes: r.bytes, step }, [r.bytes.buffer]);
      return true;
    }
    case REQ.HELD_OUT: {
      const h = step === lastEvalStep ? null : heldOutNow();
      reply(task, { ok: true, point: h, step });
      return true;
    }
    default:
      failed(task, `unknown request '${task.kind}'`);
      return true;
  }
}

function runSeq2SeqSlice(task, a) {
  switch (task.kind) {
    case REQ.EVALUATE: {
      const r = s2s.evaluate(a.limit | 0, !!a.twin);
      if (!r.ok) failed(task, r.error);
      else reply(task, r);
      return true;
    }
    case REQ.TRANSLATE: {
      const r = s2s.translate(String(a.input || '').slice(0, 4 * P.MAX_S2S_INPUT), a.beam, a.alpha, !!a.twin);
      if (!r.ok) {
        failed(task, r.error);
        return true;
      }
      const transfer = [r.greedy.attention.buffer, ...r.beams.map((b) => b.attention.buffer)];
      reply(task, r, transfer);
      return true;
    }
    case REQ.EXPORT: {
      const r = s2s.exportModel(!!a.twin);
      if (!r.ok) failed(task, r.error);
      else reply(task, r, r.twinBytes ? [r.bytes.buffer, r.twinBytes.buffer] : [r.bytes.buffer]);
      return true;
    }
    case REQ.COMPARE: {
      if (!a.on) {
        s2s.stopTwin();
        reply(task, { ok: true, twin: null, evals: [] });
        return true;
      }
      if (s2s.twin) {
        reply(task, { ok: true, twin: s2s.twinInfo, evals: [], twinStep: s2s.twinStep });
        return true;
      }
      const r = s2s.startTwin(null);
      if (!r.ok) {
        failed(task, r.error);
        return true;
      }
      const evals = [];
      if (s2s.twinStep === 0) s2s.evalTwin(evals);
      reply(task, { ok: true, twin: r.info, evals, twinStep: s2s.twinStep });
      schedule();
      return true;
    }
    default:
      failed(task, `'${task.kind}' is not a seq2seq request`);
      return true;
  }
}

// Samples are generated in slices so training and other requests keep going; each slice re-primes with the
// prime plus what was generated so far (the engine's sampler starts from a zero state on every call).
function sampleSlice(task, a) {
  if (!task.stream) {
    const start = vocab.includes('\n') ? '\n' : vocab[0];
    task.stream = { prime: a.prime ? String(a.prime) : start, text: '', left: Math.max(0, a.length | 0), chunk: 8 };
  }
  const st = task.stream;
  const n = Math.min(st.left, st.chunk);
  if (n > 0) {
    const t0 = now();
    const r = lm.sample((st.prime + st.text).slice(-P.MAX_PROBE_CHARS), n, a.temperature, a.topK, !!a.greedy);
    if (!r.ok) {
      failed(task, r.error);
      return true;
    }
    st.text += r.text;
    st.left -= n;
    post({ type: MSG.SAMPLE_CHUNK, id: task.id, run: task.run, text: r.text });
    const ms = Math.max(0.05, now() - t0);
    // Each slice re-reads the prime and the text so far; growing slices with it keeps that overhead
    // below about twice the cost of generating.
    const reread = Math.ceil((st.prime.length + st.text.length) / 2);
    st.chunk = Math.max(1, Math.min(512, Math.max(reread, Math.round(n * P.SAMPLE_SLICE_MS / ms))));
  }
  if (st.left > 0) return false;
  reply(task, { ok: true, text: st.text, step });
  return true;
}

// ---- the loop: one request slice, then one training chunk, until there is nothing to do ----

function pump() {
  if (broken || !lm) return;
  try {
    if (queue.length) {
      const task = queue[0];
      if (runSlice(task)) queue.shift();
    }
    if (wantsTraining()) trainChunk();
    flushProgress(false);
  } catch (e) {
    fatal(e);
    return;
  }
  if (queue.length || wantsTraining()) schedule();
}

// ---- session setup ----

function dropQueue() {
  for (const task of queue) reply(task, { ok: false, stale: true, error: 'the model changed' });
  queue.length = 0;
}

function adopt(r) {
  info = {
    config: r.config, vocab: r.vocab, vocabSize: r.vocabSize, trainChars: r.trainChars, heldChars: r.heldChars,
    params: r.params, step: r.step,
  };
  info.cfg = JSON.parse(r.config);
  vocab = JSON.parse(r.vocab);
  configured = true;
  step = r.step;
  stepsPerChunk = 1;
  lastEvalStep = -1;
  pending = null;
  setEvalSchedule();
}

function startRun(msg) {
  running = false;
  stepsWanted = 0;
  pending = null;
  run = msg.run;
  dropQueue();
}

function publicInfo() {
  const { cfg, ...rest } = info;
  return rest;
}

function configure(msg) {
  if (msg.mode === 'seq2seq') {
    configureSeq2Seq(msg);
    return;
  }
  startRun(msg);
  mode = 'charlm';
  const r = lm.configure(String(msg.config), String(msg.text), Number(msg.holdout));
  if (!r.ok) {
    post({ type: MSG.CONFIGURED, run, ok: false, error: r.error });
    return;
  }
  adopt(r);
  const h = heldOutNow();
  post({ type: MSG.CONFIGURED, run, ok: true, info: publicInfo(), heldOut: h ? [h] : [] });
}

// The vocabulary a safetensors file declares, or null when the header cannot be read (the engine will then
// report the problem properly).
function fileVocab(bytes) {
  try {
    if (bytes.length < 8) return null;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const n = view.getUint32(0, true) + view.getUint32(4, true) * 4294967296;
    if (n > bytes.length - 8 || n > 100 * 1024 * 1024) return null;
    const header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + n)));
    const meta = header && header.__metadata__;
    const v = meta && typeof meta.vocab === 'string' ? JSON.parse(meta.vocab) : null;
    return Array.isArray(v) && v.every((c) => typeof c === 'string') ? v : null;
  } catch {
    return null;
  }
}

function importModel(msg) {
  if (msg.mode === 'seq2seq') {
    importSeq2Seq(msg);
    return;
  }
  const bytes = msg.bytes instanceof Uint8Array ? msg.bytes : new Uint8Array(msg.bytes);
  let text = String(msg.text);
  let notice = '';
  let textChanged = false;
  // A model trained on other text cannot read characters it has never seen: drop them (and say so).
  const v = fileVocab(bytes);
  if (v) {
    const known = new Set(v);
    let dropped = 0;
    const kept = [];
    for (const ch of text) {
      if (known.has(ch)) kept.push(ch);
      else dropped++;
    }
    if (dropped > 0) {
      text = kept.join('');
      textChanged = true;
      notice = `${dropped.toLocaleString('en-US')} characters of the text are not in the model's vocabulary and were left out.`;
    }
  }
  const wasRunning = running;
  const oldRun = run;
  running = false;
  const r = lm.importCheckpoint(bytes, text, Number(msg.holdout), String(msg.config));
  if (!r.ok) {
    // The engine leaves the current session as it was; so do we (same run, same queue).
    running = wasRunning;
    post({ type: MSG.CONFIGURED, run: msg.run, ok: false, error: r.error, keptRun: oldRun });
    if (running) schedule();
    return;
  }
  startRun(msg);
  mode = 'charlm';
  adopt(r);
  if (r.notice) notice = notice ? `${notice} ${r.notice}` : r.notice;
  const h = heldOutNow();
  post({
    type: MSG.CONFIGURED, run, ok: true, info: publicInfo(), heldOut: h ? [h] : [], notice,
    text: textChanged ? text : undefined,
  });
}

// ---- seq2seq sessions ----

function adoptSeq2Seq(msg, twinBytes) {
  mode = 'seq2seq';
  configured = true;
  step = s2s.step;
  stepsPerChunk = 1;
  pending = null;
  let twin = null, twinError = '';
  if (msg.compare) {
    const t = s2s.startTwin(twinBytes || null);
    if (t.ok) twin = t.info;
    else twinError = t.error;
  }
  const evals = s2s.evalNow([]);
  if (s2s.twin && s2s.twinStep === 0 && s2s.step > 0) s2s.evalTwin(evals);
  post({
    type: MSG.CONFIGURED, run, mode: 'seq2seq', ok: true, info: s2s.info, twin, twinStep: s2s.twin ? s2s.twinStep : 0,
    twinError, evals, step, catchingUp: s2s.catchingUp,
  });
  if (s2s.catchingUp) schedule();
}

const NO_SEQ2SEQ = 'this build of the engine has no seq2seq sessions; rebuild it (bash scripts/build_wasm.sh)';

// On failure the current model (and run) stay, as for a failed import.
function configureSeq2Seq(msg) {
  const r = s2s ? s2s.configure(String(msg.config), String(msg.pairs || '')) : { ok: false, error: NO_SEQ2SEQ };
  if (!r.ok) {
    post({ type: MSG.CONFIGURED, run: msg.run, mode: 'seq2seq', ok: false, error: r.error, keptRun: run });
    return;
  }
  startRun(msg);
  adoptSeq2Seq(msg, null);
}

function importSeq2Seq(msg) {
  if (!s2s) {
    post({ type: MSG.CONFIGURED, run: msg.run, mode: 'seq2seq', ok: false, error: NO_SEQ2SEQ, keptRun: run });
    return;
  }
  const bytes = msg.bytes instanceof Uint8Array ? msg.bytes : new Uint8Array(msg.bytes);
  const meta = self.SafetensorsMeta(bytes);
  if (meta && meta.model && meta.model !== 'seq2seq') {
    post({ type: MSG.CONFIGURED, run: msg.run, mode: 'seq2seq', ok: false, error: `this is a ${meta.model === 'char_lm' ? 'character language model' : `'${meta.model}'`} file, not a seq2seq model`, keptRun: run });
    return;
  }
  // The step the model was saved at: ours (a restored session) or the file's optim_step.
  let base = Number(msg.base);
  if (!Number.isFinite(base)) base = meta && /^\d+$/.test(String(meta.optim_step || '')) ? Number(meta.optim_step) : 0;
  const wasRunning = running;
  running = false;
  const r = s2s.importModel(bytes, String(msg.config), String(msg.pairs || ''), base);
  if (!r.ok) {
    // The engine leaves the current session as it was; so do we (same run, same queue).
    running = wasRunning;
    post({ type: MSG.CONFIGURED, run: msg.run, mode: 'seq2seq', ok: false, error: r.error, keptRun: run });
    if (running) schedule();
    return;
  }
  startRun(msg);
  const twinBytes = msg.twinBytes ? (msg.twinBytes instanceof Uint8Array ? msg.twinBytes : new Uint8Array(msg.twinBytes)) : null;
  adoptSeq2Seq(msg, twinBytes);
}

// ---- messages from the page ----

async function init() {
  try {
    const Module = await self.createRecurrentEngine({ locateFile: (f) => 'engine/' + f });
    lm = new Module.CharLMSession();
    // An engine built before the seq2seq sessions existed still runs the char LM.
    s2s = typeof Module.Seq2SeqSession === 'function' ? new self.Seq2SeqRunner(Module) : null;
    post({ type: MSG.READY });
  } catch (e) {
    fatal(e);
  }
}

self.onmessage = (event) => {
  const msg = event.data || {};
  if (msg.type === MSG.INIT) {
    init();
    return;
  }
  if (broken) {
    if (msg.type === MSG.REQUEST) post({ type: MSG.REPLY, id: msg.id, run: msg.run, ok: false, error: 'the engine stopped' });
    return;
  }
  if (!lm) {
    post({ type: MSG.ERROR, run: msg.run, error: 'the engine is still loading' });
    return;
  }
  try {
    switch (msg.type) {
      case MSG.CONFIGURE:
        configure(msg);
        break;
      case MSG.IMPORT:
        importModel(msg);
        break;
      case MSG.PLAY:
        if (msg.run === run && configured && !running) {
          running = true;
          postRunState();
          schedule();
        }
        break;
      case MSG.PAUSE:
        if (msg.run === run && (running || stepsWanted > 0)) {
          running = false;
          stepsWanted = 0;
          if (mode === 'seq2seq') {
            // measure where it stopped (unless the twin is still catching up, which goes on)
            if (configured && step > 0 && !s2s.catchingUp) {
              const evals = s2s.evalNow([]);
              if (evals.length) {
                if (!pending) pending = newSeq2SeqPending();
                pending.evals.push(...evals);
              }
            }
          } else if (configured && step !== lastEvalStep && step > 0) {
            const h = heldOutNow();
            if (h) {
              if (!pending) pending = { losses: [], gradNorms: [], heldOut: [], seconds: 0, chars: 0, nonfinite: 0, lr: 0 };
              pending.heldOut.push(h);
            }
          }
          flushProgress(true);
          postRunState();
        }
        break;
      case MSG.STEP:
        if (msg.run === run && configured && !running) {
          stepsWanted += Math.max(1, msg.steps | 0);
          schedule();
        }
        break;
      case MSG.REQUEST:
        queue.push({ id: msg.id, run: msg.run, kind: msg.kind, args: msg.args });
        schedule();
        break;
      case MSG.CANCEL: {
        const i = queue.findIndex((t) => t.id === msg.id);
        if (i >= 0) {
          const [task] = queue.splice(i, 1);
          reply(task, { ok: false, cancelled: true, error: 'cancelled' });
        }
        break;
      }
      default:
        break;
    }
  } catch (e) {
    fatal(e);
  }
};
