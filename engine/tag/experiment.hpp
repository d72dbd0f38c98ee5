// A whole tagger experiment — the task (or "pairs" for the user's own tagged sentences), the data sizes, the
// model and the training — and its field table (engine/core/fields.hpp), the one place each setting is named
// and bounded. The same JSON is the page's configuration, the command line's --config file and the
// checkpoint's `experiment` metadata. Example (every field optional):
//   {"task":"booking","train_size":2000,"held_size":300,"held_fraction":0.1,"cell":"lstm","embed":16,
//    "hidden":64,"layers":1,"bidirectional":true,"batch":32,"optim":"adam","lr":0.005,...,"clip_norm":5,"seed":1}
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/fields.hpp"
#include "engine/core/optimizer.hpp"
#include "engine/core/word_vocab.hpp"
#include "engine/tag/tagger.hpp"
#include "engine/tag/tasks.hpp"

namespace rp {

// Sentences longer than this are refused (training, evaluation and tagging typed text alike).
constexpr int kMaxTagTokens = 200;

struct TaggerTrainConfig {
  TaggerConfig model;  // model.vocab and model.tags are set from the data
  int batch = 32;      // sentences per step
  OptimConfig optim;
  ClipConfig clip{5.0, 0.0};
  uint64_t seed = 1;
};
Status validate(const TaggerTrainConfig& c);

struct TagExperiment {
  TagExperiment() { train.optim.lr = 0.005; }
  tag::TaskKind task = tag::TaskKind::Booking;
  int train_size = 2000, held_size = 300;  // generated tasks; pairs use held_fraction
  double held_fraction = 0.1;
  TaggerTrainConfig train;
};

// Groups: data (task and sizes), model (engine/layers/reader_fields.hpp), train.
const FieldTable<TagExperiment>& tag_fields();

Status validate(const TagExperiment& e);
std::string to_json(const TagExperiment& e);
Status parse_tag_experiment(std::string_view json_text, TagExperiment& out);

// The sentences an experiment trains and evaluates on, generated from the seed or split from `tagged_tsv`,
// with their tag set; refuses a sentence longer than kMaxTagTokens, naming it.
Status make_sentences(const TagExperiment& e, std::string_view tagged_tsv, std::vector<tag::Sentence>& train,
                      std::vector<tag::Sentence>& held, std::vector<std::string>& tags);

// The words of the training sentences (held-out words the model never saw read as <unk>).
Status words_of(const std::vector<tag::Sentence>& train, WordVocab& out);

}  // namespace rp
