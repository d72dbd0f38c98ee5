// ClassifySession for JavaScript (engine/classify/session.hpp through embind): every method returns
// { ok: true, ...results } or { ok: false, error } (wasm/js_values.hpp); nothing throws.
#include "engine/classify/session.hpp"
#include "wasm/js_values.hpp"

namespace rp {
namespace {

using emscripten::val;

val strings(const std::vector<std::string>& items) {
  val a = val::array();
  for (const auto& s : items) a.call<void>("push", s);
  return a;
}

val classify_info(const ClassifyInfo& info) {
  val r = js::ok();
  r.set("config", info.config_json);
  r.set("vocab", info.vocab_json);
  r.set("labels", strings(info.labels));
  r.set("trainExamples", double(info.train_examples));
  r.set("heldExamples", double(info.held_examples));
  r.set("params", double(info.params));
  r.set("step", double(info.step));
  if (!info.notice.empty()) r.set("notice", info.notice);
  val samples = val::array();
  for (const auto& e : info.samples) {
    val o = val::object();
    o.set("text", e.text);
    o.set("label", e.label);
    samples.call<void>("push", o);
  }
  r.set("samples", samples);
  return r;
}

class ClassifySessionJs {
 public:
  val configure(val experiment, val pairs) { return js::configure(session_, experiment, pairs, classify_info); }
  val train(val steps) { return js::train(session_, steps); }
  val setLearningRate(val lr) { return js::set_learning_rate(session_, lr); }

  // Held-out accuracy, loss, confusion [C*C] (row: true class), and each example's text, label and
  // probabilities (probs [n*C]).
  val evaluate(val limit_arg) {
    int limit = 0;
    js::ArgReader in("evaluate");
    if (!in.whole(limit_arg, "limit", limit)) return in.error();
    ClassifyScore score;
    std::vector<classify::Example> examples;
    std::vector<float> probs;
    Status s = session_.evaluate(limit, score, examples, probs);
    if (!s) return js::error(s);
    val out = js::ok();
    out.set("accuracy", score.accuracy);
    out.set("loss", score.loss);
    out.set("count", score.count);
    std::vector<float> confusion(score.confusion.begin(), score.confusion.end());
    out.set("confusion", js::floats(confusion));
    val texts = val::array(), labels = val::array();
    for (const auto& e : examples) {
      texts.call<void>("push", e.text);
      labels.call<void>("push", e.label);
    }
    out.set("texts", texts);
    out.set("labels", labels);
    out.set("probs", js::floats(probs));
    return out;
  }

  // probs [n*C]: the class probabilities after each character.
  val overTime(val text_arg) {
    std::string text;
    js::ArgReader in("overTime");
    if (!in.text(text_arg, "text", text)) return in.error();
    std::vector<float> probs;
    Status s = session_.over_time(text, probs);
    if (!s) return js::error(s);
    val out = js::ok();
    out.set("probs", js::floats(probs));
    return out;
  }

  val exportCheckpoint(val with_training_state) { return js::export_checkpoint(session_, with_training_state); }
  val importCheckpoint(val bytes, val fallback_experiment, val pairs) {
    return js::import_checkpoint(session_, bytes, fallback_experiment, pairs, classify_info);
  }

 private:
  ClassifySession session_;
};

}  // namespace
}  // namespace rp

EMSCRIPTEN_BINDINGS(classify) {
  using rp::ClassifySessionJs;
  emscripten::class_<ClassifySessionJs>("ClassifySession")
      .constructor<>()
      .function("configure", &ClassifySessionJs::configure)
      .function("train", &ClassifySessionJs::train)
      .function("setLearningRate", &ClassifySessionJs::setLearningRate)
      .function("evaluate", &ClassifySessionJs::evaluate)
      .function("overTime", &ClassifySessionJs::overTime)
      .function("exportCheckpoint", &ClassifySessionJs::exportCheckpoint)
      .function("importCheckpoint", &ClassifySessionJs::importCheckpoint);
}
