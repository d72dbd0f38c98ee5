#include "engine/lm/experiment.hpp"

#include "engine/core/optimizer_fields.hpp"
#include "engine/lm/ngram.hpp"
#include "engine/lm/window_lm.hpp"

namespace rp {
namespace {


FieldTable<CharLMConfig> make_model() {
  FieldTable<CharLMConfig> t;
  t.add_choice(FieldSpec("cell", "cell", "model").one_of(cell_name_list()).stored_as("cell").about("the recurrent cell of every layer"),
               [](const CharLMConfig& c) { return std::string(c.cell ? c.cell->name : ""); },
               [](CharLMConfig& c, const std::string& name) { c.cell = find_cell(name); });
  t.add_int(FieldSpec("hidden", "hidden size", "model").range(1, 2048).stored_as("hidden_size").about("units per layer (H)"),
            [](CharLMConfig& c) -> int& { return c.hidden; });
  t.add_int(FieldSpec("layers", "number of layers", "model").range(1, 4).stored_as("num_layers").about("stacked recurrent layers (L)"),
            [](CharLMConfig& c) -> int& { return c.layers; });
  t.add_int(FieldSpec("embed", "embedding size", "model").range(0, 2048).stored_as("embedding_dim")
                .about("size of a learned character embedding (E); 0 feeds one-hot vectors"),
            [](CharLMConfig& c) -> int& { return c.embed; });
  t.include(recurrent_option_fields(), +[](CharLMConfig& c) -> RecurrentOptions& { return c.options; });
  return t;
}

FieldTable<TrainConfig> make_train() {
  FieldTable<TrainConfig> t;
  t.include(lm_model_fields(), +[](TrainConfig& c) -> CharLMConfig& { return c.model; });
  t.add_int(FieldSpec("seq", "sequence length", "train").range(1, 1024).about("steps of backpropagation through time per window (T)"),
            [](TrainConfig& c) -> int& { return c.seq; });
  t.add_int(FieldSpec("batch", "batch size", "train").range(1, 1024).page("16").about("parallel streams through the text (B)"),
            [](TrainConfig& c) -> int& { return c.batch; });
  t.include(optim_fields(), +[](TrainConfig& c) -> OptimConfig& { return c.optim; });
  t.set_page_default("lr", "0.003");
  t.include(clip_fields(), +[](TrainConfig& c) -> ClipConfig& { return c.clip; });
  t.add_bool(FieldSpec("reset_state", "reset state every window", "train")
                 .about("start every window from a zero state instead of carrying the last one over"),
             [](TrainConfig& c) -> bool& { return c.reset_state; });
  t.add_uint64(seed_field(), [](TrainConfig& c) -> uint64_t& { return c.seed; });
  return t;
}

FieldTable<LmExperiment> make_experiment() {
  using E = LmExperiment;
  FieldTable<E> t;
  t.add_number(FieldSpec("holdout", "held-out fraction", "data").range(0, 0.5).page("0.1")
                   .about("the end of the text kept out of training to measure the held-out loss"),
               [](E& e) -> double& { return e.holdout; });
  t.include(lm_train_fields(), +[](E& e) -> TrainConfig& { return e.train; });
  t.add_number(FieldSpec("temperature", "temperature", "sample").range(0.01, 10).page("0.8")
                   .about("divides the logits before sampling: low is cautious, high is wild"),
               [](E& e) -> double& { return e.sample.temperature; });
  t.add_int(FieldSpec("top_k", "top-k", "sample").range(0, 65536).about("draw only among the k most likely characters (0 = all)"),
            [](E& e) -> int& { return e.sample.top_k; });
  t.add_bool(FieldSpec("greedy", "greedy", "sample").about("always take the most likely character"),
             [](E& e) -> bool& { return e.sample.greedy; });
  t.add_int(FieldSpec("sample_len", "sample length", "sample").range(1, 100000).page("300").alias("len").about("characters per sample"),
            [](E& e) -> int& { return e.sample_len; });
  t.add_text(FieldSpec("prime", "priming text", "sample").at_most_chars(1000).about("the text samples continue (empty: a newline)"),
             [](E& e) -> std::string& { return e.prime; });
  t.add_int(FieldSpec("ngram", "n-gram order", "baseline").range(0, kMaxNgramOrder)
                .about("a smoothed character n-gram model beside the RNN, counted from the training split (0 = off)"),
            [](E& e) -> int& { return e.ngram; });
  t.add_int(FieldSpec("window", "window length", "baseline").range(0, kMaxWindow)
                .about("a feed-forward network over the last k characters, trained on the RNN's batches (0 = off)"),
            [](E& e) -> int& { return e.window; });
  return t;
}

}  // namespace

const FieldTable<CharLMConfig>& lm_model_fields() {
  static const FieldTable<CharLMConfig> t = make_model();
  return t;
}

const FieldTable<TrainConfig>& lm_train_fields() {
  static const FieldTable<TrainConfig> t = make_train();
  return t;
}

const FieldTable<LmExperiment>& lm_fields() {
  static const FieldTable<LmExperiment> t = make_experiment();
  return t;
}

Status validate(const LmExperiment& e) {
  RP_TRY(lm_fields().check(e));
  LmExperiment probe = e;
  probe.train.model.vocab = 2;  // the real vocabulary comes from the text; check the rest
  return validate(probe.train);
}

std::string to_json(const LmExperiment& e) { return lm_fields().to_json(e); }

Status parse_lm_experiment(std::string_view json_text, LmExperiment& out) {
  return lm_fields().parse(json_text, out, validate);
}

std::string to_json(const TrainConfig& c) { return lm_train_fields().to_json(c); }

Status parse_train_config(std::string_view json_text, TrainConfig& out) {
  TrainConfig c;
  RP_TRY(lm_train_fields().apply_json(json_text, c));
  out = c;
  return Status::ok();
}

}  // namespace rp
