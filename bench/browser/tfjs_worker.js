// Dedicated worker: TensorFlow.js (tfjs-core + WASM backend, SIMD, one thread) training the same model as W1:
// one-hot input, one LSTM layer (PyTorch's gate order i, f, g, o and parameters weight_ih, weight_hh, bias_ih,
// bias_hh with PyTorch's initialisation bound), linear head, mean softmax cross-entropy over all T*B predictions,
// full BPTT through the T-step window with the state carried (detached) across windows, gradient clipping by
// global norm 5 (PyTorch's formula), Adam lr 2e-3 (betas 0.9/0.999, eps 1e-8). Data: B streams through the
// text, each step the next window of T (as the engine's trainer does).
//
// Autodiff is TF.js's own (tf.variableGrads); the per-kernel gradients are registered by tfjs_grads.js because
// the browser bundle of tfjs-core has none, and are checked against finite differences on a small instance first.
// opts.formulation ('per-step' | 'batched', see Model) and opts.matMulGrads ('transpose' | 'stock', see
// tfjs_grads.js) pick the form.
//
// Phase 1 (warm-up and learning check): train on a learnable text (a repeated sentence) for warmupSeconds and at
// least minWarmupSteps (at most maxWarmupSeconds), recording the first and last loss. Phase 2: same model, state
// reset, the random 65-character text: two untimed steps, then `steps` timed steps (automatic: aimed at
// targetSeconds, continued until at least minSeconds are timed). chars/s = B * T * steps / seconds.
'use strict';
var DIST_CORE = '/node_modules/@tensorflow/tfjs-core/dist/';
var DIST_WASM = '/node_modules/@tensorflow/tfjs-backend-wasm/dist/';
importScripts(DIST_CORE + 'tf-core.min.js', DIST_WASM + 'tf-backend-wasm.min.js', '/bench/browser/common.js',
  '/bench/browser/tfjs_grads.js');

function log(msg) { postMessage({ type: 'log', msg: msg }); }

// B streams through `ids`: stream b starts at b * lane; step i reads positions [i*T, i*T + T] of each lane.
function Batcher(ids, T, B) {
  this.ids = ids; this.T = T; this.B = B;
  this.lane = Math.floor((ids.length - 1) / B);
  this.windows = Math.floor((this.lane - 1) / T);
  if (this.windows < 1) throw new Error('text too short for B*T');
  this.next = 0;
}
// Returns {inputs, targets} as time-major Int32Array [T*B] (index t*B + b), and whether the streams wrapped.
Batcher.prototype.batch = function () {
  var wrapped = false;
  if (this.next >= this.windows) { this.next = 0; wrapped = true; }
  var T = this.T, B = this.B, base = this.next * T;
  var inputs = new Int32Array(T * B), targets = new Int32Array(T * B);
  for (var b = 0; b < B; b++) {
    var off = b * this.lane + base;
    for (var t = 0; t < T; t++) {
      inputs[t * B + b] = this.ids[off + t];
      targets[t * B + b] = this.ids[off + t + 1];
    }
  }
  this.next++;
  return { inputs: inputs, targets: targets, wrapped: wrapped };
};

// formulation 'per-step' (the headline): one-hot [B, V] inputs and targets per time step built in JS, the
// input projection and the head computed per step. 'batched': one-hot [T*B, V] from int ids (tf.oneHot), one
// input projection for the whole window split into T, and one head product over the concatenated states. The
// two compute the same loss; 'batched' is the textbook form, but tfjs-backend-wasm 4.22 slices a large tensor
// at a cost proportional to the whole tensor, so split [T*B, 4H] into T and its gradient's split of the
// concatenated states cost ~0.2 s each per step on this machine.
function Model(V, H, B, T, seed, formulation) {
  this.V = V; this.H = H; this.B = B; this.T = T;
  this.formulation = formulation || 'per-step';
  var k = 1 / Math.sqrt(H);  // PyTorch's LSTM and Linear(H, V) initialisation bound
  var s = seed;
  var tag = 'm' + (Model.count = (Model.count || 0) + 1) + '/';  // variable names are global in TF.js
  function u(shape, name) {
    return tf.tidy(function () {
      return tf.variable(tf.randomUniform(shape, -k, k, 'float32', s++), true, tag + name);
    });
  }
  // Stored transposed relative to PyTorch ([in, 4H]) so x @ W needs no transpose; gate columns i, f, g, o.
  this.wIh = u([V, 4 * H], 'weight_ih_l0');
  this.wHh = u([H, 4 * H], 'weight_hh_l0');
  this.bIh = u([4 * H], 'bias_ih_l0');
  this.bHh = u([4 * H], 'bias_hh_l0');
  this.wHead = u([H, V], 'head_weight');
  this.bHead = u([V], 'head_bias');
  this.vars = [this.wIh, this.wHh, this.bIh, this.bHh, this.wHead, this.bHead];
  this.opt = tf.train.adam(0.002, 0.9, 0.999, 1e-8);
  this.resetState();
}

Model.prototype.resetState = function () {
  if (this.h) tf.dispose([this.h, this.c]);
  this.h = tf.zeros([this.B, this.H]);
  this.c = tf.zeros([this.B, this.H]);
};

// Tensors of one window from time-major ids (Int32Array [T*B]); dispose with tf.dispose(batch.all).
Model.prototype.makeBatch = function (inputs, targets) {
  var T = this.T, B = this.B, V = this.V;
  if (this.formulation === 'batched') {
    var xIds = tf.tensor1d(inputs, 'int32'), yIds = tf.tensor1d(targets, 'int32');
    return { xIds: xIds, yIds: yIds, all: [xIds, yIds] };
  }
  var oneHot = function (ids, t) {
    var a = new Float32Array(B * V);
    for (var b = 0; b < B; b++) a[b * V + ids[t * B + b]] = 1;
    return tf.tensor2d(a, [B, V]);
  };
  var xs = [], ys = [];
  for (var t = 0; t < T; t++) { xs.push(oneHot(inputs, t)); ys.push(oneHot(targets, t)); }
  return { xs: xs, ys: ys, all: xs.concat(ys) };
};

// One LSTM step from the pre-activations z [B, 4H] (gates i, f, g, o as in PyTorch).
function lstmCell(z, c) {
  var g4 = tf.split(z, 4, 1);
  var i = tf.sigmoid(g4[0]), f = tf.sigmoid(g4[1]), g = tf.tanh(g4[2]), o = tf.sigmoid(g4[3]);
  var c2 = tf.add(tf.mul(f, c), tf.mul(i, g));
  return { h: tf.mul(o, tf.tanh(c2)), c: c2 };
}

// Mean cross-entropy over the T*B predictions of one window (call inside variableGrads or tidy);
// onState(h, c) receives the final state.
Model.prototype.loss = function (batch, h0, c0, onState) {
  var V = this.V, T = this.T, B = this.B;
  var bias = tf.add(this.bIh, this.bHh);
  var h = h0, c = c0, t, st;
  if (this.formulation === 'batched') {
    // tf.oneHot(ids, V, 1, 0, 'float32') would be wrong: tfjs-backend-wasm 4.22's OneHot ignores the dtype and
    // writes integer 1s into the float buffer (1.4e-45), so build it as int32 and cast.
    var x = tf.cast(tf.oneHot(batch.xIds, V), 'float32');                   // [T*B, V]
    var xs = tf.split(tf.add(tf.matMul(x, this.wIh), bias), T, 0);          // T x [B, 4H]
    var hs = [];
    for (t = 0; t < T; t++) {
      st = lstmCell(tf.add(xs[t], tf.matMul(h, this.wHh)), c);
      h = st.h; c = st.c;
      hs.push(h);
    }
    if (onState) onState(h, c);
    var logits = tf.add(tf.matMul(tf.concat(hs, 0), this.wHead), this.bHead);  // [T*B, V]
    var y = tf.cast(tf.oneHot(batch.yIds, V), 'float32');
    return tf.neg(tf.mean(tf.sum(tf.mul(y, tf.logSoftmax(logits)), 1)));
  }
  var terms = [];
  for (t = 0; t < T; t++) {
    var z = tf.add(tf.add(tf.matMul(batch.xs[t], this.wIh), tf.matMul(h, this.wHh)), bias);
    st = lstmCell(z, c);
    h = st.h; c = st.c;
    var lg = tf.add(tf.matMul(h, this.wHead), this.bHead);                    // [B, V]
    terms.push(tf.sum(tf.mul(batch.ys[t], tf.logSoftmax(lg))));              // sum of log p(target)
  }
  if (onState) onState(h, c);
  return tf.mul(tf.addN(terms), tf.scalar(-1 / (T * B)));
};

// One optimizer step on one window; returns the loss (a number).
Model.prototype.step = function (inputs, targets) {
  var self = this;
  var batch = this.makeBatch(inputs, targets);
  var h0 = this.h, c0 = this.c;  // constants for the tape: the carried state is detached
  var nextH = null, nextC = null;

  var res = tf.variableGrads(function () {
    return self.loss(batch, h0, c0, function (h, c) { nextH = tf.keep(h); nextC = tf.keep(c); });
  }, this.vars);

  var norm = tf.tidy(function () {
    var names = Object.keys(res.grads);
    var total = tf.sqrt(tf.addN(names.map(function (n) { return tf.sum(tf.square(res.grads[n])); })));
    var coef = tf.minimum(tf.scalar(1), tf.div(tf.scalar(5), tf.add(total, tf.scalar(1e-6))));
    var clipped = {};
    names.forEach(function (n) { clipped[n] = tf.mul(res.grads[n], coef); });
    self.opt.applyGradients(clipped);
    return total;
  });

  var loss = res.value.dataSync()[0];
  tf.dispose([res.value, norm, h0, c0]);
  tf.dispose(batch.all);
  tf.dispose(res.grads);
  this.h = nextH; this.c = nextC;
  return loss;
};

// Analytic gradients (variableGrads through the registered gradients) against central differences of float32
// losses, on a small instance of the model with a non-zero carried state; also checks that the other
// formulation gives the same loss.
function checkGradients(formulation) {
  var V = 5, H = 3, T = 4, B = 2, eps = 1e-2;
  var m = new Model(V, H, B, T, 7, formulation);
  var ids = new Int32Array([0, 1, 2, 3, 4, 0, 1, 2, 3]);  // time-major [T*B] windows: inputs and targets
  var inputs = ids.subarray(0, T * B), targets = ids.subarray(1, T * B + 1);
  var batch = m.makeBatch(inputs, targets);
  var h0 = tf.randomUniform([B, H], -0.5, 0.5, 'float32', 3);
  var c0 = tf.randomUniform([B, H], -0.5, 0.5, 'float32', 4);
  var g = tf.variableGrads(function () { return m.loss(batch, h0, c0); }, m.vars);
  var lossAt = function (model, bt) {
    var l = tf.tidy(function () { return model.loss(bt || batch, h0, c0); });
    var v = l.dataSync()[0];
    l.dispose();
    return v;
  };
  var maxRel = 0, entries = 0;
  m.vars.forEach(function (v) {
    var analytic = g.grads[v.name].dataSync();
    var base = v.dataSync().slice();
    var set = function (arr) { tf.tidy(function () { v.assign(tf.tensor(arr, v.shape)); }); };
    for (var k = 0; k < Math.min(6, base.length); k++) {
      var idx = (k * 7919) % base.length;
      var w = base.slice(); w[idx] = base[idx] + eps; set(w);
      var up = lossAt(m);
      w[idx] = base[idx] - eps; set(w);
      var down = lossAt(m);
      set(base);
      var numeric = (up - down) / (2 * eps);
      var rel = Math.abs(numeric - analytic[idx]) / Math.max(1e-3, Math.abs(numeric) + Math.abs(analytic[idx]));
      maxRel = Math.max(maxRel, rel);
      entries++;
    }
  });
  // The same weights in the other formulation must give the same loss.
  var other = Object.create(m);
  other.formulation = formulation === 'batched' ? 'per-step' : 'batched';
  var otherBatch = other.makeBatch(inputs, targets);
  var lossDiff = Math.abs(lossAt(m) - lossAt(other, otherBatch));
  tf.dispose([g.value, h0, c0, m.h, m.c]);
  tf.dispose(batch.all);
  tf.dispose(otherBatch.all);
  tf.dispose(g.grads);
  m.vars.forEach(function (v) { v.dispose(); });
  return { max_rel_err: maxRel, entries: entries, formulation_loss_diff: lossDiff };
}

async function run(opts) {
  var T = BENCH_W1.seq, B = BENCH_W1.batch, H = BENCH_W1.hidden, V = BENCH_ALPHABET.length;
  var charsPerStep = B * T;
  var t0 = benchNow();
  tf.wasm.setWasmPaths(DIST_WASM);
  var okBackend = await tf.setBackend('wasm');
  await tf.ready();
  if (!okBackend || tf.getBackend() !== 'wasm') throw new Error('WASM backend not active: ' + tf.getBackend());
  var loadSeconds = benchNow() - t0;
  var registered = registerBenchGradients(tf, opts.matMulGrads);
  var gradCheck = checkGradients(opts.formulation);
  log('tfjs ' + opts.formulation + ' formulation, ' + opts.matMulGrads + ' matMul grads; registered here: ' +
      (registered.join(', ') || 'none') + '; finite-difference check: max rel err ' +
      gradCheck.max_rel_err.toExponential(2) + ' over ' + gradCheck.entries + ' entries');
  if (!(gradCheck.max_rel_err < 0.05) || !(gradCheck.formulation_loss_diff < 1e-4)) {
    throw new Error('gradient check failed: ' + JSON.stringify(gradCheck));
  }
  var simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  var threads = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
  var wasmFiles = performance.getEntriesByType('resource').map(function (e) { return e.name; })
    .filter(function (n) { return /\.wasm(\?|$)/.test(n); }).map(function (n) { return new URL(n).pathname; });
  log('tfjs ' + tf.version_core + ' backend=' + tf.getBackend() + ' simd=' + simd + ' threads=' + threads +
      ' binary=' + wasmFiles.join(','));

  var model = new Model(V, H, B, T, 1, opts.formulation);

  // Phase 1: warm-up on the learnable text (the loss must fall).
  var learn = new Batcher(benchEncode(benchLearnableText(20000)), T, B);
  var learnFirst = null, learnLast = null, learnSteps = 0;
  var w0 = benchNow();
  while ((benchNow() - w0 < opts.warmupSeconds || learnSteps < opts.minWarmupSteps) &&
         benchNow() - w0 < opts.maxWarmupSeconds) {
    var bt = learn.batch();
    if (bt.wrapped) model.resetState();
    var l = model.step(bt.inputs, bt.targets);
    if (learnFirst === null) learnFirst = l;
    learnLast = l;
    learnSteps++;
  }
  var warmupSeconds = benchNow() - w0;
  log('tfjs warm-up: ' + learnSteps + ' steps in ' + warmupSeconds.toFixed(2) + ' s, loss ' +
      learnFirst.toFixed(3) + ' -> ' + learnLast.toFixed(3));

  // Phase 2: the random 65-character text.
  var data = new Batcher(benchEncode(benchRandomText(opts.textChars, 1)), T, B);
  model.resetState();
  var s0 = benchNow();
  for (var k = 0; k < 2; k++) { var b0 = data.batch(); model.step(b0.inputs, b0.targets); }
  var perStep = (benchNow() - s0) / 2;
  var steps = opts.steps > 0 ? opts.steps : Math.max(3, Math.ceil(opts.targetSeconds / perStep));
  var tensorsBefore = tf.memory().numTensors, bytesBefore = tf.memory().numBytes;
  log('tfjs timing ' + steps + ' steps (' + (perStep * 1000).toFixed(0) + ' ms/step in warm-up), ' +
      tensorsBefore + ' tensors live');

  // Timed in chunks of about chunkSeconds (whole steps), like the engine's train() calls; the fastest chunk's
  // rate is reported too. With automatic steps, keep going until at least minSeconds have been timed.
  var chunkSteps = Math.max(1, Math.round(opts.chunkSeconds / perStep));
  var first = null, last = null, best = 0, s = 0;
  var tStart = performance.now(), tChunk = tStart;
  while (s < steps || (!(opts.steps > 0) && performance.now() - tStart < opts.minSeconds * 1000)) {
    var bb = data.batch();
    if (bb.wrapped) model.resetState();
    var loss = model.step(bb.inputs, bb.targets);
    if (first === null) first = loss;
    last = loss;
    s++;
    if (s % chunkSteps === 0) {
      var now = performance.now();
      best = Math.max(best, charsPerStep * chunkSteps / ((now - tChunk) / 1000));
      tChunk = now;
    }
  }
  var seconds = (performance.now() - tStart) / 1000;
  if (best === 0) best = charsPerStep * s / seconds;
  steps = s;
  var mem = tf.memory();
  return {
    chars_per_sec: charsPerStep * steps / seconds, best_chunk_chars_per_sec: best, chunk_steps: chunkSteps,
    steps: steps, seconds: seconds,
    first_loss: learnFirst, last_loss: learnLast,  // the learning check (repeated sentence)
    learn_steps: learnSteps, warmup_seconds: warmupSeconds,
    timed_first_loss: first, timed_last_loss: last,  // random text: heads for ln 65 = 4.17
    tensors_before: tensorsBefore, tensors_after: mem.numTensors,
    bytes_before: bytesBefore, bytes_after: mem.numBytes,
    backend: tf.getBackend(), simd: simd, multithread: threads, wasm_files: wasmFiles,
    tfjs_version: tf.version_core, matmul_grads: opts.matMulGrads, formulation: model.formulation,
    gradients_registered: registered,
    grad_check: gradCheck, load_seconds: loadSeconds, text_chars: opts.textChars,
  };
}

onmessage = function (e) {
  run(e.data).then(function (result) { postMessage({ type: 'result', result: result }); },
    function (err) { postMessage({ type: 'error', message: String((err && err.stack) || err) }); });
};
