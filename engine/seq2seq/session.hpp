// The page's view of a seq2seq experiment, in plain C++ like CharLMSession: configure from the experiment JSON
// (and the user's pairs when the task is "pairs"), train chunks, evaluate the held-out split, translate any
// input with greedy and beam search (attention matrices included), export and import checkpoints.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "engine/seq2seq/experiment.hpp"
#include "engine/seq2seq/decode.hpp"
#include "engine/seq2seq/trainer.hpp"
#include "engine/train/session_room.hpp"

namespace rp {

struct Seq2SeqInfo {
  std::string config_json;
  std::string vocab_json;
  int vocab_size = 0;
  int64_t train_examples = 0, held_examples = 0, params = 0, step = 0;
  std::vector<seq2seq::Example> samples;  // a few training examples to show
  std::string notice;                     // what the page should say about an opened file, or ""
};

struct Translation {
  std::string source;
  int source_len = 0;          // characters + EOS: the attention matrices' column count
  Decoded greedy;
  std::string greedy_text;
  std::vector<Decoded> beams;  // sorted by score
  std::vector<std::string> beam_texts;
};

class Seq2SeqSession {
 public:
  using Info = Seq2SeqInfo;
  // configure and import_checkpoint keep the current model when they refuse (see CharLMSession).
  Status configure(const std::string& experiment_json, const std::string& pairs_tsv, Seq2SeqInfo& info);
  bool ready() const { return trainer_ != nullptr; }
  Status train(int steps, ChunkResult& out);
  Status set_learning_rate(double lr);  // the model and optimizer state stay
  // Held-out evaluation of up to `limit` examples (<= 0: all): accuracy and each example's result.
  Status evaluate(int limit, seq2seq::Accuracy& acc, std::vector<ExampleResult>& details,
                  std::vector<seq2seq::Example>& examples);
  Status translate(const std::string& input, int beam_width, double alpha, Translation& out);
  // with_training_state: the optimizer state and data position too, so that opening the file resumes exactly.
  Status export_checkpoint(bool with_training_state, std::vector<uint8_t>& out);
  // Opens a seq2seq checkpoint to inspect and keep training on the experiment in its metadata (or the given one).
  Status import_checkpoint(const uint8_t* bytes, size_t size, const std::string& fallback_experiment_json,
                           const std::string& pairs_tsv, Seq2SeqInfo& info);

 private:
  void fill_info(Seq2SeqInfo& info) const;

  Seq2SeqExperiment experiment_;
  std::unique_ptr<Seq2SeqTrainer> trainer_;
  SessionRoom room_;
};

}  // namespace rp
