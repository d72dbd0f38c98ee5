#include "engine/classify/experiment.hpp"

#include "engine/core/optimizer_fields.hpp"

namespace rp {
namespace {

using E = ClassifyExperiment;

std::vector<std::string> task_choices() {
  std::vector<std::string> out;
  for (const auto& task : classify::tasks()) out.push_back(task.name);
  return out;
}

std::vector<std::string> pool_choices() {
  std::vector<std::string> out;
  for (const auto& p : pool_kinds()) out.push_back(p.name);
  return out;
}

void add_data(FieldTable<E>& t) {
  t.add_choice(FieldSpec("task", "task", "data").one_of(task_choices()).about("what the model learns to tell apart (pairs: your own)"),
               [](const E& e) { return std::string(classify::task_name(e.task.kind)); },
               [](E& e, const std::string& name) { classify::parse_task(name, e.task.kind); });
  t.add_int(FieldSpec("min_len", "shortest string", "data").range(1, 64).about("fewest letters in a string of the counting task"),
            [](E& e) -> int& { return e.task.min_len; });
  t.add_int(FieldSpec("max_len", "longest string", "data").range(1, 64).about("most letters in a string of the counting task"),
            [](E& e) -> int& { return e.task.max_len; });
  t.add_int(FieldSpec("train_size", "training examples", "data").range(1, 200000).about("generated training texts"),
            [](E& e) -> int& { return e.train_size; });
  t.add_int(FieldSpec("held_size", "held-out examples", "data").range(1, 20000).about("generated held-out texts"),
            [](E& e) -> int& { return e.held_size; });
  t.add_number(FieldSpec("held_fraction", "held-out fraction", "data").above(0, 0.5).about("your own examples: the share held out"),
               [](E& e) -> double& { return e.held_fraction; });
}

void add_model(FieldTable<E>& t) {
  t.add_choice(FieldSpec("cell", "cell", "model").one_of(cell_name_list()).stored_as("cell").about("the recurrent cell of every layer"),
               [](const E& e) { return std::string(e.train.model.cell ? e.train.model.cell->name : ""); },
               [](E& e, const std::string& name) { e.train.model.cell = find_cell(name); });
  t.add_int(FieldSpec("embed", "embedding size", "model").range(0, 1024).stored_as("embedding_dim")
                .about("size of a learned character embedding (E); 0 feeds one-hot vectors"),
            [](E& e) -> int& { return e.train.model.embed; });
  t.add_int(FieldSpec("hidden", "hidden size", "model").range(1, 1024).stored_as("hidden_size").about("units per layer and direction (H)"),
            [](E& e) -> int& { return e.train.model.hidden; });
  t.add_int(FieldSpec("layers", "number of layers", "model").range(1, 4).stored_as("num_layers").about("stacked recurrent layers (L)"),
            [](E& e) -> int& { return e.train.model.layers; });
  t.add_bool(FieldSpec("bidirectional", "bidirectional", "model").stored_as("bidirectional")
                 .about("read each text both ways and join the two states"),
             [](E& e) -> bool& { return e.train.model.bidirectional; });
  t.add_choice(FieldSpec("pooling", "pooling over time", "model").one_of(pool_choices()).stored_as("pooling")
                   .about("what the head reads: the last state, or the max or mean over every step"),
               [](const E& e) { return std::string(pool_name(e.train.model.pooling)); },
               [](E& e, const std::string& name) { parse_pool(name, e.train.model.pooling); });
  t.include(recurrent_option_fields(), +[](E& e) -> RecurrentOptions& { return e.train.model.options; });
}

void add_train(FieldTable<E>& t) {
  t.add_int(FieldSpec("batch", "batch size", "train").range(1, 512).about("texts per step (B)"),
            [](E& e) -> int& { return e.train.batch; });
  t.include(optim_fields(), +[](E& e) -> OptimConfig& { return e.train.optim; });
  t.include(clip_fields(), +[](E& e) -> ClipConfig& { return e.train.clip; });
  t.add_uint64(seed_field(), [](E& e) -> uint64_t& { return e.train.seed; });
}

FieldTable<E> make_table() {
  FieldTable<E> t;
  add_data(t);
  add_model(t);
  add_train(t);
  return t;
}

}  // namespace

const FieldTable<ClassifyExperiment>& classify_fields() {
  static const FieldTable<ClassifyExperiment> t = make_table();
  return t;
}

Status validate(const ClassifyExperiment& e) {
  RP_TRY(classify_fields().check(e));
  RP_TRY(classify::validate(e.task));
  ClassifierTrainConfig t = e.train;
  t.model.vocab = 2;  // the real vocabulary and classes come from the data; validate the rest
  t.model.classes = 2;
  return validate(t);
}

std::string to_json(const ClassifyExperiment& e) { return classify_fields().to_json(e); }

Status parse_classify_experiment(std::string_view json_text, ClassifyExperiment& out) {
  return classify_fields().parse(json_text, out, validate);
}

Status make_examples(const ClassifyExperiment& e, std::string_view pairs_tsv, std::vector<classify::Example>& train,
                     std::vector<classify::Example>& held, std::vector<std::string>& labels) {
  if (e.task.kind == classify::TaskKind::Pairs) {
    std::vector<classify::Example> all;
    RP_TRY(classify::parse_labelled(pairs_tsv, all));
    if (all.size() < 2) return Status::error("at least 2 examples are needed (one to train on, one to hold out)");
    classify::split_labelled(all, e.held_fraction, e.train.seed, train, held);
  } else {
    RP_TRY(classify::generate(e.task, e.train.seed, e.train_size, e.held_size, train, held));
  }
  return classify::label_set(e.task.kind, train, held, labels);
}

}  // namespace rp
