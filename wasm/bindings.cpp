// The JavaScript face of the engine: CharLMSession and Seq2SeqSession through embind. Every method returns a plain object
// { ok: true, ...results } or { ok: false, error: "message" }; tensors leave as fresh typed arrays (copies,
// so they stay valid when WASM memory grows). Nothing here throws.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include "engine/core/kernels.hpp"
#include "engine/lm/session.hpp"
#include "engine/seq2seq/session.hpp"

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

// A chunk of training steps, the same for every family. nonfinite: any step of the chunk was skipped.
val chunk_object(const rp::ChunkResult& r) {
  val out = ok();
  out.set("losses", floats(r.losses));
  out.set("gradNorms", floats(r.grad_norms));
  out.set("step", double(r.last.step));
  out.set("loss", r.last.loss);
  out.set("gradNorm", r.last.grad_norm);
  out.set("lr", r.last.lr);
  out.set("nonfiniteSteps", r.nonfinite_steps);
  out.set("nonfinite", r.nonfinite_steps > 0);
  out.set("seconds", r.seconds);
  return out;
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
    return s ? chunk_object(r) : error(s);
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

val seq2seq_info(const rp::Seq2SeqInfo& info) {
  val r = ok();
  r.set("config", info.config_json);
  r.set("vocab", info.vocab_json);
  r.set("vocabSize", info.vocab_size);
  r.set("trainExamples", double(info.train_examples));
  r.set("heldExamples", double(info.held_examples));
  r.set("params", double(info.params));
  r.set("step", double(info.step));
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

val decoded_object(const rp::Decoded& d, const std::string& text) {
  val o = val::object();
  o.set("text", text);
  o.set("logProb", d.log_prob);
  o.set("score", d.score);
  o.set("finished", d.finished);
  o.set("steps", int(d.attention.size() / size_t(std::max(d.source_len, 1))));
  o.set("attention", floats(d.attention));
  return o;
}

class Seq2SeqSessionJs {
 public:
  val configure(std::string experiment_json, std::string pairs_tsv) {
    rp::Seq2SeqInfo info;
    rp::Status s = session_.configure(experiment_json, pairs_tsv, info);
    return s ? seq2seq_info(info) : error(s);
  }

  val train(int steps) {
    rp::ChunkResult r;
    rp::Status s = session_.train(steps, r);
    return s ? chunk_object(r) : error(s);
  }

  // Held-out accuracy and per-example results (source, target, prediction, exact, charAccuracy, sourceLen).
  val evaluate(int limit) {
    rp::seq2seq::Accuracy acc;
    std::vector<rp::ExampleResult> details;
    std::vector<rp::seq2seq::Example> examples;
    rp::Status s = session_.evaluate(limit, acc, details, examples);
    if (!s) return error(s);
    val out = ok();
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
  val translate(std::string input, int beam_width, double alpha) {
    rp::Translation t;
    rp::Status s = session_.translate(input, beam_width, alpha, t);
    if (!s) return error(s);
    val out = ok();
    out.set("sourceLen", t.source_len);
    out.set("greedy", decoded_object(t.greedy, t.greedy_text));
    val beams = val::array();
    for (size_t i = 0; i < t.beams.size(); ++i) beams.call<void>("push", decoded_object(t.beams[i], t.beam_texts[i]));
    out.set("beams", beams);
    return out;
  }

  val exportCheckpoint() {
    std::vector<uint8_t> bytes;
    rp::Status s = session_.export_checkpoint(bytes);
    if (!s) return error(s);
    val out = ok();
    out.set("bytes", val::global("Uint8Array").new_(emscripten::typed_memory_view(bytes.size(), bytes.data())));
    return out;
  }

  val importCheckpoint(val bytes, std::string fallback_experiment, std::string pairs_tsv) {
    const size_t n = bytes["length"].as<size_t>();
    if (n > (size_t(512) << 20)) return error(rp::Status::error("model file is larger than 512 MiB"));
    std::vector<uint8_t> buf(n);
    val(emscripten::typed_memory_view(n, buf.data())).call<void>("set", bytes);
    rp::Seq2SeqInfo info;
    rp::Status s = session_.import_checkpoint(buf.data(), n, fallback_experiment, pairs_tsv, info);
    return s ? seq2seq_info(info) : error(s);
  }

 private:
  rp::Seq2SeqSession session_;
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
  emscripten::class_<Seq2SeqSessionJs>("Seq2SeqSession")
      .constructor<>()
      .function("configure", &Seq2SeqSessionJs::configure)
      .function("train", &Seq2SeqSessionJs::train)
      .function("evaluate", &Seq2SeqSessionJs::evaluate)
      .function("translate", &Seq2SeqSessionJs::translate)
      .function("exportCheckpoint", &Seq2SeqSessionJs::exportCheckpoint)
      .function("importCheckpoint", &Seq2SeqSessionJs::importCheckpoint);
}
