#include "engine/tag/experiment.hpp"

#include "engine/core/optimizer_fields.hpp"
#include "engine/layers/reader_fields.hpp"

namespace rp {
namespace {

using E = TagExperiment;

std::vector<std::string> task_choices() {
  std::vector<std::string> out;
  for (const auto& task : tag::tasks()) out.push_back(task.name);
  return out;
}

FieldTable<E> make_table() {
  FieldTable<E> t;
  t.add_choice(FieldSpec("task", "task", "data").one_of(task_choices()).about("what the model learns to tag (pairs: your own)"),
               [](const E& e) { return std::string(tag::task_name(e.task)); },
               [](E& e, const std::string& name) { tag::parse_task(name, e.task); });
  t.add_int(FieldSpec("train_size", "training sentences", "data").range(1, 200000).about("generated training sentences"),
            [](E& e) -> int& { return e.train_size; });
  t.add_int(FieldSpec("held_size", "held-out sentences", "data").range(1, 20000).about("generated held-out sentences"),
            [](E& e) -> int& { return e.held_size; });
  t.add_number(FieldSpec("held_fraction", "held-out fraction", "data").above(0, 0.5).about("your own sentences: the share held out"),
               [](E& e) -> double& { return e.held_fraction; });
  t.include(reader_fields(), +[](E& e) -> ReaderConfig& { return e.train.model; });
  t.add_int(FieldSpec("batch", "batch size", "train").range(1, 512).about("sentences per step (B)"),
            [](E& e) -> int& { return e.train.batch; });
  t.include(optim_fields(), +[](E& e) -> OptimConfig& { return e.train.optim; });
  t.include(clip_fields(), +[](E& e) -> ClipConfig& { return e.train.clip; });
  t.add_uint64(seed_field(), [](E& e) -> uint64_t& { return e.train.seed; });
  return t;
}

}  // namespace

Status validate(const TaggerTrainConfig& c) {
  RP_TRY(validate(c.model));
  RP_TRY(validate(c.optim));
  RP_TRY(validate(c.clip));
  if (c.batch < 1 || c.batch > 512) return Status::error("batch size must be between 1 and 512");
  return Status::ok();
}

const FieldTable<TagExperiment>& tag_fields() {
  static const FieldTable<TagExperiment> t = make_table();
  return t;
}

Status validate(const TagExperiment& e) {
  RP_TRY(tag_fields().check(e));
  TaggerTrainConfig t = e.train;
  t.model.vocab = 2;  // the real words and tags come from the data; validate the rest
  t.model.tags = 2;
  return validate(t);
}

std::string to_json(const TagExperiment& e) { return tag_fields().to_json(e); }

Status parse_tag_experiment(std::string_view json_text, TagExperiment& out) {
  return tag_fields().parse(json_text, out, validate);
}

Status make_sentences(const TagExperiment& e, std::string_view tagged_tsv, std::vector<tag::Sentence>& train,
                      std::vector<tag::Sentence>& held, std::vector<std::string>& tags) {
  if (e.task == tag::TaskKind::Pairs) {
    std::vector<tag::Sentence> all;
    RP_TRY(tag::parse_tagged(tagged_tsv, all));
    if (all.size() < 2) return Status::error("at least 2 sentences are needed (one to train on, one to hold out)");
    for (const auto& s : all)
      if (int(s.tokens.size()) > kMaxTagTokens)
        return Status::error("the sentence \"" + tag::joined(s.tokens).substr(0, 60) + "...\" has " +
                             std::to_string(s.tokens.size()) + " tokens; at most " + std::to_string(kMaxTagTokens));
    tag::split_tagged(all, e.held_fraction, e.train.seed, train, held);
  } else {
    RP_TRY(tag::generate(e.task, e.train.seed, e.train_size, e.held_size, train, held));
  }
  return tag::tag_set(e.task, train, held, tags);
}

Status words_of(const std::vector<tag::Sentence>& train, WordVocab& out) {
  std::vector<std::vector<std::string>> sentences;
  for (const auto& s : train) sentences.push_back(s.tokens);
  return WordVocab::from_sentences(sentences, out);
}

}  // namespace rp
