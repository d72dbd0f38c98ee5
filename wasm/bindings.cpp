// The JavaScript face of the engine: CharLMSession through embind. Every method returns a plain object
// { ok: true, ...results } or { ok: false, error: "message" }; tensors leave as fresh typed arrays (copies,
// so they stay valid when WASM memory grows). Nothing here throws.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include "engine/kernels.hpp"
#include "wasm/char_lm_session.hpp"

using emscripten::val;

namespace {

val ok() {
  val r = val::object();
  r.set("ok", true);
  return r;
}

val error(const rp::Status& s) {
  val r = val::object();
  r.set("ok", false);
  r.set("error", s.message());
  return r;
}

val floats(const std::vector<float>& v) {
  return val::global("Float32Array").new_(emscripten::typed_memory_view(v.size(), v.data()));
}

val info_object(const rp::SessionInfo& info) {
  val r = ok();
  r.set("config", info.config_json);
  r.set("vocab", info.vocab_json);
  r.set("vocabSize", info.vocab_size);
  r.set("trainChars", double(info.train_chars));
  r.set("heldChars", double(info.held_chars));
  r.set("params", double(info.params));
  r.set("step", double(info.step));
  if (!info.notice.empty()) r.set("notice", info.notice);
  return r;
}

rp::SampleOptions options(double temperature, int top_k, bool greedy) { return {temperature, top_k, greedy}; }

class CharLMSessionJs {
 public:
  val configure(std::string config_json, std::string text, double held_out) {
    rp::SessionInfo info;
    rp::Status s = session_.configure(config_json, text, held_out, info);
    return s ? info_object(info) : error(s);
  }

  val train(int steps) {
    rp::ChunkResult r;
    rp::Status s = session_.train(steps, r);
    if (!s) return error(s);
    val out = ok();
    out.set("losses", floats(r.losses));
    out.set("gradNorms", floats(r.grad_norms));
    out.set("step", double(r.last.step));
    out.set("loss", r.last.loss);
    out.set("gradNorm", r.last.grad_norm);
    out.set("lr", r.last.lr);
    out.set("nonfiniteSteps", r.nonfinite_steps);
    out.set("seconds", r.seconds);
    return out;
  }

  val heldOutLoss() {
    double loss = 0;
    rp::Status s = session_.held_out_loss(loss);
    if (!s) return error(s);
    val out = ok();
    out.set("loss", loss);
    return out;
  }

  val sample(std::string prime, int length, double temperature, int top_k, bool greedy) {
    std::string text;
    rp::Status s = session_.sample(prime, length, options(temperature, top_k, greedy), text);
    if (!s) return error(s);
    val out = ok();
    out.set("text", text);
    return out;
  }

  val predict(std::string text, double temperature, int top_k, bool greedy) {
    std::vector<float> probs;
    rp::Status s = session_.predict(text, options(temperature, top_k, greedy), probs);
    if (!s) return error(s);
    val out = ok();
    out.set("probs", floats(probs));
    return out;
  }

  val probe(std::string text) {
    rp::Probe p;
    rp::Status s = session_.probe(text, p);
    if (!s) return error(s);
    val out = ok();
    out.set("steps", p.steps);
    out.set("layers", p.layers);
    out.set("hidden", p.hidden);
    out.set("gates", p.gates);
    out.set("hiddenStates", floats(p.hidden_states));
    out.set("cellStates", floats(p.cell_states));
    out.set("gateValues", floats(p.gate_values));
    out.set("charLoss", floats(p.char_loss));
    return out;
  }

  val sensitivity(std::string text) {
    std::vector<float> v;
    rp::Status s = session_.sensitivity(text, v);
    if (!s) return error(s);
    val out = ok();
    out.set("values", floats(v));
    return out;
  }

  val gradientFlow() {
    std::vector<float> v;
    rp::Status s = session_.gradient_flow(v);
    if (!s) return error(s);
    val out = ok();
    out.set("values", floats(v));
    return out;
  }

  val exportCheckpoint(bool with_training_state) {
    std::vector<uint8_t> bytes;
    rp::Status s = session_.export_checkpoint(with_training_state, bytes);
    if (!s) return error(s);
    val out = ok();
    out.set("bytes", val::global("Uint8Array").new_(emscripten::typed_memory_view(bytes.size(), bytes.data())));
    return out;
  }

  // bytes: a Uint8Array from the page, copied into WASM memory here.
  val importCheckpoint(val bytes, std::string text, double held_out, std::string fallback_config) {
    const size_t n = bytes["length"].as<size_t>();
    if (n > (size_t(512) << 20)) return error(rp::Status::error("model file is larger than 512 MiB"));
    std::vector<uint8_t> buf(n);
    val view = val(emscripten::typed_memory_view(n, buf.data()));
    view.call<void>("set", bytes);
    rp::SessionInfo info;
    rp::Status s = session_.import_checkpoint(buf.data(), n, text, held_out, fallback_config, info);
    return s ? info_object(info) : error(s);
  }

 private:
  rp::CharLMSession session_;
};

}  // namespace

EMSCRIPTEN_BINDINGS(recurrent_playground) {
  emscripten::class_<CharLMSessionJs>("CharLMSession")
      .constructor<>()
      .function("configure", &CharLMSessionJs::configure)
      .function("train", &CharLMSessionJs::train)
      .function("heldOutLoss", &CharLMSessionJs::heldOutLoss)
      .function("sample", &CharLMSessionJs::sample)
      .function("predict", &CharLMSessionJs::predict)
      .function("probe", &CharLMSessionJs::probe)
      .function("sensitivity", &CharLMSessionJs::sensitivity)
      .function("gradientFlow", &CharLMSessionJs::gradientFlow)
      .function("exportCheckpoint", &CharLMSessionJs::exportCheckpoint)
      .function("importCheckpoint", &CharLMSessionJs::importCheckpoint);
}
