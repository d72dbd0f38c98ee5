// CharLMSession for JavaScript (engine/lm/session.hpp through embind): every method returns
// { ok: true, ...results } or { ok: false, error } (wasm/js_values.hpp); nothing throws.
#include "engine/lm/session.hpp"
#include "wasm/js_values.hpp"

namespace rp {
namespace {

using emscripten::val;

val info_object(const SessionInfo& info) {
  val r = js::ok();
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

SampleOptions options(double temperature, int top_k, bool greedy) { return {temperature, top_k, greedy}; }

class CharLMSessionJs {
 public:
  val configure(std::string config_json, std::string text, double held_out) {
    SessionInfo info;
    Status s = session_.configure(config_json, text, held_out, info);
    return s ? info_object(info) : js::error(s);
  }

  val train(int steps) { return js::train(session_, steps); }
  val setLearningRate(double lr) { return js::set_learning_rate(session_, lr); }

  val heldOutLoss() {
    double loss = 0;
    Status s = session_.held_out_loss(loss);
    if (!s) return js::error(s);
    val out = js::ok();
    out.set("loss", loss);
    return out;
  }

  val sample(std::string prime, int length, double temperature, int top_k, bool greedy) {
    std::string text;
    Status s = session_.sample(prime, length, options(temperature, top_k, greedy), text);
    if (!s) return js::error(s);
    val out = js::ok();
    out.set("text", text);
    return out;
  }

  val predict(std::string text, double temperature, int top_k, bool greedy) {
    std::vector<float> probs;
    Status s = session_.predict(text, options(temperature, top_k, greedy), probs);
    if (!s) return js::error(s);
    val out = js::ok();
    out.set("probs", js::floats(probs));
    return out;
  }

  val probe(std::string text) {
    Probe p;
    Status s = session_.probe(text, p);
    if (!s) return js::error(s);
    val out = js::ok();
    out.set("steps", p.steps);
    out.set("layers", p.layers);
    out.set("hidden", p.hidden);
    out.set("gates", p.gates);
    out.set("hiddenStates", js::floats(p.hidden_states));
    out.set("cellStates", js::floats(p.cell_states));
    out.set("gateValues", js::floats(p.gate_values));
    out.set("charLoss", js::floats(p.char_loss));
    return out;
  }

  val sensitivity(std::string text) {
    std::vector<float> v;
    Status s = session_.sensitivity(text, v);
    if (!s) return js::error(s);
    val out = js::ok();
    out.set("values", js::floats(v));
    return out;
  }

  val gradientFlow() {
    std::vector<float> v;
    Status s = session_.gradient_flow(v);
    if (!s) return js::error(s);
    val out = js::ok();
    out.set("values", js::floats(v));
    return out;
  }

  val exportCheckpoint(bool with_training_state) {
    std::vector<uint8_t> bytes;
    Status s = session_.export_checkpoint(with_training_state, bytes);
    if (!s) return js::error(s);
    val out = js::ok();
    out.set("bytes", js::bytes(bytes));
    return out;
  }

  // bytes: a Uint8Array from the page, copied into WASM memory here.
  val importCheckpoint(val bytes, std::string text, double held_out, std::string fallback_config) {
    const size_t n = bytes["length"].as<size_t>();
    if (n > (size_t(512) << 20)) return js::error(Status::error("model file is larger than 512 MiB"));
    std::vector<uint8_t> buf(n);
    val view = val(emscripten::typed_memory_view(n, buf.data()));
    view.call<void>("set", bytes);
    SessionInfo info;
    Status s = session_.import_checkpoint(buf.data(), n, text, held_out, fallback_config, info);
    return s ? info_object(info) : js::error(s);
  }

 private:
  CharLMSession session_;
};

}  // namespace
}  // namespace rp

EMSCRIPTEN_BINDINGS(lm) {
  using rp::CharLMSessionJs;
  emscripten::class_<CharLMSessionJs>("CharLMSession")
      .constructor<>()
      .function("configure", &CharLMSessionJs::configure)
      .function("train", &CharLMSessionJs::train)
      .function("setLearningRate", &CharLMSessionJs::setLearningRate)
      .function("heldOutLoss", &CharLMSessionJs::heldOutLoss)
      .function("sample", &CharLMSessionJs::sample)
      .function("predict", &CharLMSessionJs::predict)
      .function("probe", &CharLMSessionJs::probe)
      .function("sensitivity", &CharLMSessionJs::sensitivity)
      .function("gradientFlow", &CharLMSessionJs::gradientFlow)
      .function("exportCheckpoint", &CharLMSessionJs::exportCheckpoint)
      .function("importCheckpoint", &CharLMSessionJs::importCheckpoint);
}
