// Dedicated worker: training throughput of our engine (web/engine/recurrent_engine.{js,wasm}) on W1.
// Phase 1 (warm-up, also a sanity check): train on a learnable text until warmupSeconds have passed, so V8 has
// tiered the WASM up from its baseline compiler. Phase 2: reconfigure on the random 65-character text, two
// untimed steps, then `steps` timed steps in train() calls of about chunkSeconds each (automatic steps: aimed at
// targetSeconds, continued until at least minSeconds are timed). chars/s = batch * seq * steps / wall seconds of
// the timed calls; also the rate of the fastest call.
'use strict';
importScripts('/bench/browser/common.js', '/web/engine/recurrent_engine.js');

function log(msg) { postMessage({ type: 'log', msg: msg }); }

function must(r, what) {
  if (!r || !r.ok) throw new Error(what + ' failed: ' + (r && r.error));
  return r;
}

async function run(opts) {
  var config = Object.assign({}, BENCH_W1);
  var charsPerStep = config.batch * config.seq;
  var t0 = benchNow();
  var M = await createRecurrentEngine({ locateFile: function (f) { return '/web/engine/' + f; } });
  var loadSeconds = benchNow() - t0;
  var lm = new M.CharLMSession();
  try {
    var info = must(lm.configure(JSON.stringify(config), benchLearnableText(20000), 0), 'configure (learnable text)');
    if (info.vocabSize !== 65) throw new Error('learnable text vocabulary is ' + info.vocabSize + ', not 65');

    // Warm-up on the learnable text, in small chunks so the time can be checked.
    var learnFirst = null, learnLast = null, learnSteps = 0;
    var w0 = benchNow();
    while ((benchNow() - w0 < opts.warmupSeconds || learnSteps < opts.minWarmupSteps) &&
           benchNow() - w0 < opts.maxWarmupSeconds) {
      var r = must(lm.train(2), 'train (warm-up)');
      if (learnFirst === null) learnFirst = r.losses[0];
      learnLast = r.losses[r.losses.length - 1];
      learnSteps += r.losses.length;
    }
    var warmupSeconds = benchNow() - w0;
    log('engine warm-up: ' + learnSteps + ' steps in ' + warmupSeconds.toFixed(2) + ' s, loss ' +
        learnFirst.toFixed(3) + ' -> ' + learnLast.toFixed(3));

    info = must(lm.configure(JSON.stringify(config), benchRandomText(opts.textChars, 1), 0), 'configure (random text)');
    if (info.vocabSize !== 65) throw new Error('benchmark text vocabulary is ' + info.vocabSize + ', not 65');
    var s0 = benchNow();
    must(lm.train(2), 'train (post-configure warm-up)');
    var perStep = (benchNow() - s0) / 2;
    var steps = opts.steps > 0 ? opts.steps :
      Math.max(5, Math.ceil(opts.targetSeconds / Math.max(perStep, 1e-4)));
    log('engine timing ' + steps + ' steps (' + (perStep * 1000).toFixed(1) + ' ms/step in warm-up)');

    // Timed: `steps` steps in calls of about chunkSeconds each (automatic steps: more calls until minSeconds have
    // been timed). The fastest call's rate is reported too: on a busy machine it is the less disturbed number.
    var chunkSteps = Math.max(1, Math.round(opts.chunkSeconds / Math.max(perStep, 1e-4)));
    var seconds = 0, engineSeconds = 0, done = 0, firstLoss = null, lastLoss = null, nonfinite = 0, best = 0;
    for (;;) {
      var n = opts.steps > 0 ? Math.min(chunkSteps, steps - done) :
        (done < steps || seconds < opts.minSeconds ? chunkSteps : 0);
      if (n <= 0) break;
      var tStart = performance.now();
      var res = must(lm.train(n), 'train (timed)');
      var dt = (performance.now() - tStart) / 1000;
      seconds += dt;
      engineSeconds += res.seconds;
      done += n;
      best = Math.max(best, charsPerStep * n / dt);
      if (firstLoss === null) firstLoss = res.losses[0];
      lastLoss = res.losses[res.losses.length - 1];
      nonfinite += res.nonfiniteSteps;
    }
    steps = done;
    return {
      chars_per_sec: charsPerStep * steps / seconds, best_chunk_chars_per_sec: best, chunk_steps: chunkSteps,
      steps: steps, seconds: seconds, engine_seconds: engineSeconds,
      engine_chars_per_sec: charsPerStep * steps / engineSeconds,
      first_loss: firstLoss, last_loss: lastLoss,
      nonfinite_steps: nonfinite,
      warmup: { text: 'repeated sentence', steps: learnSteps, seconds: warmupSeconds, first_loss: learnFirst,
        last_loss: learnLast },
      params: info.params, vocab: info.vocabSize, load_seconds: loadSeconds,
      config: config, text_chars: opts.textChars,
      wasm_files: performance.getEntriesByType('resource').map(function (e) { return e.name; })
        .filter(function (n) { return /\.wasm(\?|$)/.test(n); })
        .map(function (n) { return new URL(n).pathname; }),
    };
  } finally {
    lm.delete();
  }
}

onmessage = function (e) {
  run(e.data).then(function (result) { postMessage({ type: 'result', result: result }); },
    function (err) { postMessage({ type: 'error', message: String((err && err.stack) || err) }); });
};
