// The page's view of a classifier experiment, in plain C++ like the other families' sessions: configure from
// the experiment JSON (and the user's labelled lines when the task is "pairs"), train chunks, evaluate the
// held-out split, show the decision forming over a typed text, export and import checkpoints.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "engine/classify/experiment.hpp"
#include "engine/classify/trainer.hpp"
#include "engine/train/session_room.hpp"

namespace rp {

struct ClassifyInfo {
  std::string config_json;
  std::string vocab_json;
  std::vector<std::string> labels;
  int64_t train_examples = 0, held_examples = 0, params = 0, step = 0;
  std::vector<classify::Example> samples;  // a few training examples to show
  std::string notice;                      // what the page should say about an opened file, or ""
};

class ClassifySession {
 public:
  using Info = ClassifyInfo;
  Status configure(const std::string& experiment_json, const std::string& pairs_tsv, ClassifyInfo& info);
  bool ready() const { return trainer_ != nullptr; }
  Status train(int steps, ChunkResult& out);
  Status set_learning_rate(double lr);
  // Up to `limit` held-out examples (<= 0: all): the score, the examples and their probabilities [n, C].
  Status evaluate(int limit, ClassifyScore& score, std::vector<classify::Example>& examples, std::vector<float>& probs);
  // The probabilities [n, C] after each of the text's n characters.
  Status over_time(const std::string& text, std::vector<float>& probs);
  // with_training_state: the optimizer state and data position too, so that opening the file resumes exactly.
  Status export_checkpoint(bool with_training_state, std::vector<uint8_t>& out);
  // Opens a classifier checkpoint to inspect and keep training on the experiment in its metadata (or the given one).
  Status import_checkpoint(const uint8_t* bytes, size_t size, const std::string& fallback_experiment_json,
                           const std::string& pairs_tsv, ClassifyInfo& info);

 private:
  void fill_info(ClassifyInfo& info) const;

  ClassifyExperiment experiment_;
  std::unique_ptr<ClassifierTrainer> trainer_;
  SessionRoom room_;
};

}  // namespace rp
