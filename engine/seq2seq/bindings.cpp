// Seq2SeqSession for JavaScript (engine/seq2seq/session.hpp through embind): every method returns
// { ok: true, ...results } or { ok: false, error } (wasm/js_values.hpp); nothing throws.
#include "engine/seq2seq/session.hpp"
#include "wasm/js_values.hpp"

namespace rp {
namespace {

using emscripten::val;

val seq2seq_info(const Seq2SeqInfo& info) {
  val r = js::ok();
  r.set("config", info.config_json);
  r.set("vocab", info.vocab_json);
  r.set("vocabSize", info.vocab_size);
  r.set("trainExamples", double(info.train_examples));
  r.set("heldExamples", double(info.held_examples));
  r.set("params", double(info.params));
  r.set("step", double(info.step));
  if (!info.notice.empty()) r.set("notice", info.notice);
  val samples = val::array();
  for (const auto& e : info.samples) {
    val pair = val::object();
    pair.set("source", e.source);
    pair.set("target", e.target);
    samples.call<void>("push", pair);
  }
  r.set("samples", samples);
  return r;
}

val decoded_object(const Decoded& d, const std::string& text) {
  val o = val::object();
  o.set("text", text);
  o.set("logProb", d.log_prob);
  o.set("score", d.score);
  o.set("finished", d.finished);
  o.set("steps", int(d.attention.size() / size_t(std::max(d.source_len, 1))));
  o.set("attention", js::floats(d.attention));
  return o;
}

class Seq2SeqSessionJs {
 public:
  val configure(val experiment, val pairs) { return js::configure(session_, experiment, pairs, seq2seq_info); }
  val train(val steps) { return js::train(session_, steps); }
  val setLearningRate(val lr) { return js::set_learning_rate(session_, lr); }

  // Held-out accuracy and per-example results (source, target, prediction, exact, charAccuracy, sourceLen).
  val evaluate(val limit_arg) {
    int limit = 0;
    js::ArgReader in("evaluate");
    if (!in.whole(limit_arg, "limit", limit)) return in.error();
    seq2seq::Accuracy acc;
    std::vector<ExampleResult> details;
    std::vector<seq2seq::Example> examples;
    Status s = session_.evaluate(limit, acc, details, examples);
    if (!s) return js::error(s);
    val out = js::ok();
    out.set("exact", acc.exact);
    out.set("perChar", acc.per_char);
    out.set("count", acc.count);
    val rows = val::array();
    for (size_t i = 0; i < details.size(); ++i) {
      val r = val::object();
      r.set("source", examples[i].source);
      r.set("target", examples[i].target);
      r.set("prediction", details[i].prediction);
      r.set("exact", details[i].exact);
      r.set("charAccuracy", details[i].char_accuracy);
      r.set("sourceLen", details[i].source_len);
      rows.call<void>("push", r);
    }
    out.set("examples", rows);
    return out;
  }

  // Greedy output and (beam_width > 0) the beam's hypotheses, each with its attention [steps, sourceLen].
  val translate(val input_arg, val beam_width_arg, val alpha_arg) {
    std::string input;
    int beam_width = 0;
    double alpha = 0;
    js::ArgReader in("translate");
    in.text(input_arg, "input", input).whole(beam_width_arg, "beamWidth", beam_width).number(alpha_arg, "alpha", alpha);
    if (!in) return in.error();
    Translation t;
    Status s = session_.translate(input, beam_width, alpha, t);
    if (!s) return js::error(s);
    val out = js::ok();
    out.set("sourceLen", t.source_len);
    out.set("greedy", decoded_object(t.greedy, t.greedy_text));
    val beams = val::array();
    for (size_t i = 0; i < t.beams.size(); ++i) beams.call<void>("push", decoded_object(t.beams[i], t.beam_texts[i]));
    out.set("beams", beams);
    return out;
  }

  val exportCheckpoint(val with_training_state) { return js::export_checkpoint(session_, with_training_state); }
  val importCheckpoint(val bytes, val fallback_experiment, val pairs) {
    return js::import_checkpoint(session_, bytes, fallback_experiment, pairs, seq2seq_info);
  }

 private:
  Seq2SeqSession session_;
};

}  // namespace
}  // namespace rp

EMSCRIPTEN_BINDINGS(seq2seq) {
  using rp::Seq2SeqSessionJs;
  emscripten::class_<Seq2SeqSessionJs>("Seq2SeqSession")
      .constructor<>()
      .function("configure", &Seq2SeqSessionJs::configure)
      .function("train", &Seq2SeqSessionJs::train)
      .function("setLearningRate", &Seq2SeqSessionJs::setLearningRate)
      .function("evaluate", &Seq2SeqSessionJs::evaluate)
      .function("translate", &Seq2SeqSessionJs::translate)
      .function("exportCheckpoint", &Seq2SeqSessionJs::exportCheckpoint)
      .function("importCheckpoint", &Seq2SeqSessionJs::importCheckpoint);
}
