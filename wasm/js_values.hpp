// What every family's bindings share: the { ok: true, ... } / { ok: false, error } results, typed arrays
// (copies, so they stay valid when WASM memory grows), model files in and out, and a chunk of training.
// Nothing here throws.
#pragma once
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cstdint>
#include <vector>

#include "engine/core/status.hpp"
#include "engine/train/step.hpp"

namespace rp::js {

using emscripten::val;

inline val ok() {
  val r = val::object();
  r.set("ok", true);
  return r;
}

inline val error(const Status& s) {
  val r = val::object();
  r.set("ok", false);
  r.set("error", s.message());
  return r;
}

inline val floats(const std::vector<float>& v) {
  return val::global("Float32Array").new_(emscripten::typed_memory_view(v.size(), v.data()));
}

inline val bytes(const std::vector<uint8_t>& v) {
  return val::global("Uint8Array").new_(emscripten::typed_memory_view(v.size(), v.data()));
}

// A Uint8Array from the page (a model file), copied into WASM memory.
inline Status read_bytes(const val& array, std::vector<uint8_t>& out) {
  const size_t n = array["length"].as<size_t>();
  if (n > (size_t(512) << 20)) return Status::error("model file is larger than 512 MiB");
  out.resize(n);
  val(emscripten::typed_memory_view(n, out.data())).call<void>("set", array);
  return Status::ok();
}

// A chunk of training steps, the same for every family. diverged: {step, what, value} of the step with a
// non-finite loss or gradient where the chunk stopped (nothing was changed by it).
inline val chunk(const ChunkResult& r) {
  val out = ok();
  out.set("losses", floats(r.losses));
  out.set("gradNorms", floats(r.grad_norms));
  out.set("step", double(r.last.step));
  out.set("loss", r.last.loss);
  out.set("gradNorm", r.last.grad_norm);
  out.set("lr", r.last.lr);
  if (r.diverged) {
    val d = val::object();
    d.set("step", double(r.failed.step + 1));
    d.set("what", std::string(r.failed.nonfinite_what));
    d.set("value", std::string(failed_value(r.failed)));
    out.set("diverged", d);
  }
  out.set("seconds", r.seconds);
  return out;
}

// What every family's session offers JavaScript in the same words: a chunk of training, and a new learning
// rate for the steps to come.
template <class Session> val train(Session& session, int steps) {
  ChunkResult r;
  Status s = session.train(steps, r);
  return s ? chunk(r) : error(s);
}

template <class Session> val set_learning_rate(Session& session, double lr) {
  Status s = session.set_learning_rate(lr);
  return s ? ok() : error(s);
}

}  // namespace rp::js
