// Dedicated worker: training throughput of our engine's Seq2SeqSession on the standard seq2seq workload, the
// same model as build/native/bench/rp_bench and bench/torch_seq2seq_bench.py: bidirectional LSTM encoder H=128,
// LSTM decoder H=128, Bahdanau attention A=128, embeddings 64, batch 32, source and target 19 characters + EOS,
// 37 characters (vocabulary 40 with PAD, BOS, EOS), Adam 3e-3, clip 5. Reported in target characters per second.
'use strict';
importScripts('/bench/browser/common.js', '/web/engine/recurrent_engine.js');

function log(msg) { postMessage({ type: 'log', msg: msg }); }

function must(r, what) {
  if (!r || !r.ok) throw new Error(what + ' failed: ' + (r && r.error));
  return r;
}

// 512 random pairs of 19 characters over 37 letters, from a fixed linear congruential sequence.
function randomPairs() {
  var letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijk';
  var state = 12345;
  function next() {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return letters[(state >>> 8) % letters.length];
  }
  var lines = [];
  for (var i = 0; i < 512; ++i) {
    var s = '', t = '';
    for (var k = 0; k < 19; ++k) { s += next(); t += next(); }
    lines.push(s + '\t' + t);
  }
  return lines.join('\n');
}

async function run(opts) {
  var experiment = {
    task: 'pairs', held_fraction: 0.01, encoder_cell: 'lstm', decoder_cell: 'lstm', embed: 64, hidden: 128,
    layers: 1, bidirectional: true, attention: 'bahdanau', attn_size: 128, batch: 32, optim: 'adam', lr: 0.003,
    clip_norm: 5, seed: 1,
  };
  var M = await createRecurrentEngine({ locateFile: function (f) { return '/web/engine/' + f; } });
  var s = new M.Seq2SeqSession();
  try {
    must(s.configure(JSON.stringify(experiment), randomPairs()), 'configure');
    var charsPerStep = 32 * 20;
    // Warm-up past V8's baseline compiler, then time calls of about chunkSeconds.
    var w0 = benchNow(), warm = 0;
    while (benchNow() - w0 < opts.warmupSeconds) { must(s.train(1), 'train (warm-up)'); ++warm; }
    var p0 = benchNow();
    must(s.train(1), 'train');
    var perStep = benchNow() - p0;
    var chunk = Math.max(1, Math.round(opts.chunkSeconds / Math.max(perStep, 1e-4)));
    var seconds = 0, steps = 0, best = 0, first = null, last = null;
    while (seconds < opts.minSeconds) {
      var t = performance.now();
      var r = must(s.train(chunk), 'train (timed)');
      var dt = (performance.now() - t) / 1000;
      seconds += dt;
      steps += chunk;
      best = Math.max(best, charsPerStep * chunk / dt);
      if (first === null) first = r.losses[0];
      last = r.losses[r.losses.length - 1];
    }
    log('seq2seq: ' + warm + ' warm-up steps, ' + steps + ' timed steps in ' + seconds.toFixed(2) + ' s');
    return { chars_per_sec: charsPerStep * steps / seconds, best_chunk_chars_per_sec: best, steps: steps,
      seconds: seconds, first_loss: first, last_loss: last };
  } finally {
    s.delete();
  }
}

onmessage = function (e) {
  run(e.data).then(function (result) { postMessage({ type: 'result', result: result }); },
    function (err) { postMessage({ type: 'error', message: String((err && err.stack) || err) }); });
};
