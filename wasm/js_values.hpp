// What every family's bindings share: the { ok: true, ... } / { ok: false, error } results, typed arrays
// (copies, so they stay valid when WASM memory grows), arguments checked here rather than by embind's glue,
// model files in and out, and a chunk of training. Nothing here throws.
#pragma once
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cmath>
#include <cstdint>
#include <string>
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

// The largest model file the page hands in (the session's estimate then decides what it can hold).
constexpr size_t kMaxModelFileBytes = size_t(512) << 20;
// The longest string argument, in UTF-16 code units: the page's longest text (16M characters, some of
// them two units) with room to spare, and far below what would not fit in memory once converted.
constexpr double kMaxStringUnits = 48.0 * (1 << 20);

// Every binding takes its arguments as plain JavaScript values and reads them through an ArgReader, so a
// value of the wrong type (a number for a string, null, a fraction for a count) is refused with a message
// naming the call and the argument, instead of embind's glue throwing (and leaking what it had converted).
//   js::ArgReader in("sample");
//   in.text(prime, "prime", p).whole(length, "length", n);
//   if (!in) return in.error();
class ArgReader {
 public:
  explicit ArgReader(const char* call) : call_(call) {}

  ArgReader& text(const val& v, const char* name, std::string& out) {
    if (!status_) return *this;
    if (!v.isString()) return refuse(name, "must be a string");
    if (v["length"].as<double>() > kMaxStringUnits) return refuse(name, "is too long");
    out = v.as<std::string>();
    return *this;
  }
  // A number (NaN and infinities pass: the engine's own bounds refuse them in its words).
  ArgReader& number(const val& v, const char* name, double& out) {
    if (!status_) return *this;
    if (!v.isNumber()) return refuse(name, "must be a number");
    out = v.as<double>();
    return *this;
  }
  // A whole number within int's range (the engine checks its own bounds after).
  ArgReader& whole(const val& v, const char* name, int& out) {
    double d = 0;
    number(v, name, d);
    if (!status_) return *this;
    if (d != std::floor(d) || d < -2147483648.0 || d > 2147483647.0) return refuse(name, "must be a whole number");
    out = int(d);
    return *this;
  }
  ArgReader& flag(const val& v, const char* name, bool& out) {
    if (!status_) return *this;
    if (!v.isTrue() && !v.isFalse()) return refuse(name, "must be true or false");
    out = v.isTrue();
    return *this;
  }
  // A Uint8Array (a model file), copied into WASM memory; its size is checked before anything is allocated.
  ArgReader& bytes(const val& v, const char* name, std::vector<uint8_t>& out) {
    if (!status_) return *this;
    if (!v.instanceof(val::global("Uint8Array"))) return refuse(name, "must be a Uint8Array");
    const double n = v["length"].as<double>();
    if (n > double(kMaxModelFileBytes)) {
      status_ = Status::error("model file is larger than 512 MiB");
      return *this;
    }
    out.resize(size_t(n));
    val(emscripten::typed_memory_view(out.size(), out.data())).call<void>("set", v);
    return *this;
  }

  explicit operator bool() const { return status_.is_ok(); }
  val error() const;

 private:
  ArgReader& refuse(const char* name, const char* what) {
    status_ = Status::error(std::string(call_) + ": argument '" + name + "' " + what);
    return *this;
  }
  const char* call_;
  Status status_ = Status::ok();
};

inline val ArgReader::error() const { return js::error(status_); }

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
template <class Session> val train(Session& session, const val& steps_arg) {
  int steps = 0;
  ArgReader in("train");
  if (!in.whole(steps_arg, "steps", steps)) return in.error();
  ChunkResult r;
  Status s = session.train(steps, r);
  return s ? chunk(r) : error(s);
}

template <class Session> val set_learning_rate(Session& session, const val& lr_arg) {
  double lr = 0;
  ArgReader in("setLearningRate");
  if (!in.number(lr_arg, "lr", lr)) return in.error();
  Status s = session.set_learning_rate(lr);
  return s ? ok() : error(s);
}

// The families that train on examples (seq2seq, the classifier, ...) open and save files in the same words:
// exportCheckpoint(withTrainingState) -> { bytes }; importCheckpoint(bytes, experiment, pairs) -> the family's
// info (`describe` turns the session's Info into it).
template <class Session> val export_checkpoint(Session& session, const val& with_training_state_arg) {
  bool with_training_state = false;
  ArgReader in("exportCheckpoint");
  if (!in.flag(with_training_state_arg, "withTrainingState", with_training_state)) return in.error();
  std::vector<uint8_t> out;
  Status s = session.export_checkpoint(with_training_state, out);
  if (!s) return error(s);
  val r = ok();
  r.set("bytes", bytes(out));
  return r;
}

template <class Session, class Describe>
val import_checkpoint(Session& session, const val& bytes_arg, const val& fallback_experiment_arg, const val& pairs_arg,
                      Describe describe) {
  std::string fallback_experiment, pairs_tsv;
  std::vector<uint8_t> buf;
  ArgReader in("importCheckpoint");
  in.text(fallback_experiment_arg, "experiment", fallback_experiment).text(pairs_arg, "pairs", pairs_tsv);
  if (!in.bytes(bytes_arg, "bytes", buf)) return in.error();
  typename Session::Info info;
  Status s = session.import_checkpoint(buf.data(), buf.size(), fallback_experiment, pairs_tsv, info);
  return s ? describe(info) : error(s);
}

// configure(experiment, pairs) -> the family's info.
template <class Session, class Describe>
val configure(Session& session, const val& experiment_arg, const val& pairs_arg, Describe describe) {
  std::string experiment_json, pairs_tsv;
  ArgReader in("configure");
  if (!in.text(experiment_arg, "experiment", experiment_json).text(pairs_arg, "pairs", pairs_tsv)) return in.error();
  typename Session::Info info;
  Status s = session.configure(experiment_json, pairs_tsv, info);
  return s ? describe(info) : error(s);
}

}  // namespace rp::js
