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

// The sampling arguments sample() and predict() share.
js::ArgReader& sample_options(js::ArgReader& in, const val& temperature, const val& top_k, const val& greedy,
                              SampleOptions& o) {
  return in.number(temperature, "temperature", o.temperature).whole(top_k, "topK", o.top_k).flag(greedy, "greedy", o.greedy);
}

class CharLMSessionJs {
 public:
  val configure(val config_arg, val text_arg, val held_out_arg) {
    std::string config_json, text;
    double held_out = 0;
    js::ArgReader in("configure");
    in.text(config_arg, "config", config_json).text(text_arg, "text", text).number(held_out_arg, "heldOut", held_out);
    if (!in) return in.error();
    SessionInfo info;
    Status s = session_.configure(config_json, text, held_out, info);
    return s ? info_object(info) : js::error(s);
  }

  val train(val steps) { return js::train(session_, steps); }
  val setLearningRate(val lr) { return js::set_learning_rate(session_, lr); }

  val heldOutLoss() {
    double loss = 0;
    Status s = session_.held_out_loss(loss);
    if (!s) return js::error(s);
    val out = js::ok();
    out.set("loss", loss);
    return out;
  }

  val sample(val prime_arg, val length_arg, val temperature_arg, val top_k_arg, val greedy_arg) {
    std::string prime;
    int length = 0;
    SampleOptions o;
    js::ArgReader in("sample");
    in.text(prime_arg, "prime", prime).whole(length_arg, "length", length);
    if (!sample_options(in, temperature_arg, top_k_arg, greedy_arg, o)) return in.error();
    std::string text;
    Status s = session_.sample(prime, length, o, text);
    if (!s) return js::error(s);
    val out = js::ok();
    out.set("text", text);
    return out;
  }

  val predict(val text_arg, val temperature_arg, val top_k_arg, val greedy_arg) {
    std::string text;
    SampleOptions o;
    js::ArgReader in("predict");
    in.text(text_arg, "text", text);
    if (!sample_options(in, temperature_arg, top_k_arg, greedy_arg, o)) return in.error();
    std::vector<float> probs;
    Status s = session_.predict(text, o, probs);
    if (!s) return js::error(s);
    val out = js::ok();
    out.set("probs", js::floats(probs));
    return out;
  }

  val probe(val text_arg) {
    std::string text;
    js::ArgReader in("probe");
    if (!in.text(text_arg, "text", text)) return in.error();
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

  val sensitivity(val text_arg) {
    std::string text;
    js::ArgReader in("sensitivity");
    if (!in.text(text_arg, "text", text)) return in.error();
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

  val exportCheckpoint(val with_training_state_arg) {
    bool with_training_state = false;
    js::ArgReader in("exportCheckpoint");
    if (!in.flag(with_training_state_arg, "withTrainingState", with_training_state)) return in.error();
    std::vector<uint8_t> bytes;
    Status s = session_.export_checkpoint(with_training_state, bytes);
    if (!s) return js::error(s);
    val out = js::ok();
    out.set("bytes", js::bytes(bytes));
    return out;
  }

  // bytes: a Uint8Array from the page, copied into WASM memory here.
  val importCheckpoint(val bytes_arg, val text_arg, val held_out_arg, val fallback_config_arg) {
    std::string text, fallback_config;
    double held_out = 0;
    std::vector<uint8_t> buf;
    js::ArgReader in("importCheckpoint");
    in.text(text_arg, "text", text).number(held_out_arg, "heldOut", held_out);
    in.text(fallback_config_arg, "config", fallback_config).bytes(bytes_arg, "bytes", buf);
    if (!in) return in.error();
    SessionInfo info;
    Status s = session_.import_checkpoint(buf.data(), buf.size(), text, held_out, fallback_config, info);
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
