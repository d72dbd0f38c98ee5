// Gradients for the kernels the benchmark's LSTM puts on the tape, registered with tf.registerGradient.
// Why: tfjs-core's browser bundles (tf-core.min.js and friends) ship no gradient registrations; TF.js keeps
// them in dist/register_all_gradients.js, an ES-module graph (about 450 files, with bare imports of 'long' and
// 'seedrandom') that only a bundler can turn into something a worker can load. These are the standard
// formulas (the same op compositions TF.js uses), each written with public tfjs-core ops; a kernel that
// already has a gradient is left alone. bench/browser/tfjs_worker.js checks them against finite differences.
//
// matMulGrads: 'stock' writes the MatMul gradients with matMul's transpose flags, as TF.js's own
// BatchMatMul gradient does; 'transpose' transposes explicitly and calls matMul without flags. Same numbers, but
// tfjs-backend-wasm 4.22 runs flagged (transposed) products far more slowly than plain ones (65x2048 by
// 2048x512 with transposeA: ~135 ms against ~6 ms for transpose + matMul on this machine), so 'transpose' is
// TF.js at its best and 'stock' is what its own gradient registry would give.
'use strict';

function registerBenchGradients(tf, matMulGrads) {
  var bu = tf.backend_util;
  // Swap the last two axes (a matrix transpose, batched when rank > 2).
  function tr(x) {
    var perm = x.shape.map(function (_, i) { return i; });
    var r = perm.length;
    perm[r - 2] = r - 1; perm[r - 1] = r - 2;
    return tf.transpose(x, perm);
  }
  var mm = function (x, y) { return tf.matMul(x, y); };

  // Sum dy over the axes along which `shape` was broadcast to dy's shape, then give it `shape`.
  function unbroadcast(dy, shape) {
    var axes = bu.getReductionAxes(shape, dy.shape);
    var r = axes.length > 0 ? tf.sum(dy, axes) : dy;
    return tf.reshape(r, shape);
  }
  // dy of a reduction (keepDims false) expanded back to the input's shape.
  function expandReduced(dy, xShape, axisAttr) {
    var axes = tf.util.parseAxisParam(axisAttr, xShape);
    var kept = xShape.map(function (d, i) { return axes.indexOf(i) >= 0 ? 1 : d; });
    return { grad: tf.mul(tf.reshape(dy, kept), tf.ones(xShape, 'float32')), axes: axes };
  }

  var configs = [
    { kernelName: 'Add', inputsToSave: ['a', 'b'], gradFunc: function (dy, saved) {
      return { a: function () { return unbroadcast(dy, saved[0].shape); },
               b: function () { return unbroadcast(dy, saved[1].shape); } };
    } },
    { kernelName: 'Multiply', inputsToSave: ['a', 'b'], gradFunc: function (dy, saved) {
      var a = saved[0], b = saved[1];
      return { a: function () { return unbroadcast(tf.mul(dy, tf.cast(b, 'float32')), a.shape); },
               b: function () { return unbroadcast(tf.mul(dy, tf.cast(a, 'float32')), b.shape); } };
    } },
    { kernelName: 'BatchMatMul', inputsToSave: ['a', 'b'], gradFunc: function (dy, saved, attrs) {
      // C = op(A) op(B): dA and dB for each combination of transposes.
      var a = saved[0], b = saved[1], tA = !!attrs.transposeA, tB = !!attrs.transposeB;
      if (matMulGrads === 'transpose') {
        return {
          a: function () { return tA ? (tB ? mm(tr(b), tr(dy)) : mm(b, tr(dy))) : (tB ? mm(dy, b) : mm(dy, tr(b))); },
          b: function () { return tB ? (tA ? mm(tr(dy), tr(a)) : mm(tr(dy), a)) : (tA ? mm(a, dy) : mm(tr(a), dy)); },
        };
      }
      return {
        a: function () { return tA ? tf.matMul(b, dy, tB, true) : tf.matMul(dy, b, false, !tB); },
        b: function () { return tB ? tf.matMul(dy, a, true, tA) : tf.matMul(a, dy, !tA, false); },
      };
    } },
    { kernelName: 'Sigmoid', outputsToSave: [true], gradFunc: function (dy, saved) {
      var y = saved[0];
      return { x: function () { return tf.mul(dy, tf.mul(y, tf.sub(tf.scalar(1), y))); } };
    } },
    { kernelName: 'Tanh', outputsToSave: [true], gradFunc: function (dy, saved) {
      var y = saved[0];
      return { x: function () { return tf.mul(tf.sub(tf.scalar(1), tf.square(y)), dy); } };
    } },
    { kernelName: 'SplitV', gradFunc: function (dys, saved, attrs) {
      // dys: one gradient per output (the engine fills zeros for outputs off the path).
      return { x: function () { return tf.concat(dys, attrs.axis); } };
    } },
    { kernelName: 'Concat', saveAllInputs: true, gradFunc: function (dy, saved, attrs) {
      var axis = tf.util.parseAxisParam(attrs.axis, saved[0].shape)[0];
      var parts = tf.split(dy, saved.map(function (t) { return t.shape[axis]; }), axis);
      return parts.map(function (p) { return function () { return p; }; });
    } },
    { kernelName: 'Sum', inputsToSave: ['x'], gradFunc: function (dy, saved, attrs) {
      return { x: function () { return expandReduced(dy, saved[0].shape, attrs.axis).grad; } };
    } },
    { kernelName: 'Mean', inputsToSave: ['x'], gradFunc: function (dy, saved, attrs) {
      var x = saved[0];
      return { x: function () {
        var e = expandReduced(dy, x.shape, attrs.axis);
        var n = e.axes.reduce(function (p, i) { return p * x.shape[i]; }, 1);
        return tf.div(e.grad, tf.scalar(n));
      } };
    } },
    { kernelName: 'AddN', saveAllInputs: true, gradFunc: function (dy, saved) {
      return saved.map(function () { return function () { return dy; }; });
    } },
    { kernelName: 'Neg', gradFunc: function (dy) { return { x: function () { return tf.neg(dy); } }; } },
    { kernelName: 'Reshape', inputsToSave: ['x'], gradFunc: function (dy, saved) {
      return { x: function () { return tf.reshape(dy, saved[0].shape); } };
    } },
    { kernelName: 'Identity', gradFunc: function (dy) {
      return { x: function () { return tf.cast(dy, 'float32'); } };
    } },
  ];
  var added = [];
  configs.forEach(function (c) {
    if (!tf.getGradient(c.kernelName)) { tf.registerGradient(c); added.push(c.kernelName); }
  });
  return added;
}
