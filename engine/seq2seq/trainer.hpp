// Training an encoder-decoder on (source, target) pairs: shuffled minibatches (the order fixed by the seed),
// padding to the longest example of each batch, teacher forcing with optional scheduled sampling, clipping and
// one optimizer step per batch; evaluation decodes greedily and scores exact match and per-character accuracy.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "engine/core/optimizer.hpp"
#include "engine/seq2seq/decode.hpp"
#include "engine/seq2seq/tasks.hpp"
#include "engine/train/example_order.hpp"
#include "engine/train/step.hpp"
#include "engine/core/vocab.hpp"

namespace rp {

struct Seq2SeqTrainConfig {
  Seq2SeqConfig model;          // model.vocab is set from the data
  int batch = 32;
  OptimConfig optim;            // Adam, lr 2e-3 by default
  ClipConfig clip{5.0, 0.0};
  double sampling_rate = 0.0;   // scheduled sampling: probability of feeding the model's own previous argmax
  uint64_t seed = 1;
};

Status validate(const Seq2SeqTrainConfig& c);

// Characters of the vocabulary as decoder/encoder ids (offset past PAD, BOS, EOS), and back.
Status encode_chars(const Vocab& vocab, const std::string& text, std::vector<TokenId>& ids);
std::string decode_chars(const Vocab& vocab, const std::vector<TokenId>& ids);
// The vocabulary of a data set: every character of every source and target.
Status vocab_of(const std::vector<seq2seq::Example>& a, const std::vector<seq2seq::Example>& b, Vocab& out);

struct ExampleResult {
  int source_len = 0;       // characters
  bool exact = false;
  double char_accuracy = 0;
  std::string prediction;
};

class Seq2SeqTrainer {
 public:
  static Status create(const Seq2SeqTrainConfig& config, const Vocab& vocab, std::unique_ptr<Seq2Seq<float>> model,
                       std::vector<seq2seq::Example> train, std::vector<seq2seq::Example> held,
                       std::unique_ptr<Seq2SeqTrainer>& out);

  StepStats step();
  // Greedy decoding of up to `limit` examples of the held-out split (limit <= 0: all).
  Status evaluate(int limit, seq2seq::Accuracy& acc, std::vector<ExampleResult>* details = nullptr);
  Status evaluate(const std::vector<seq2seq::Example>& examples, seq2seq::Accuracy& acc,
                  std::vector<ExampleResult>* details = nullptr);

  const Seq2SeqTrainConfig& config() const { return config_; }
  // Continues with another learning rate (after a divergence), in the optimizer and the config.
  Status set_learning_rate(double lr) {
    RP_TRY(optimizer_.set_lr(lr));
    config_.optim.lr = lr;
    return Status::ok();
  }
  const Vocab& vocab() const { return vocab_; }
  Seq2Seq<float>& model() { return *model_; }
  Optimizer<float>& optimizer() { return optimizer_; }
  const std::vector<seq2seq::Example>& train_examples() const { return train_; }
  const std::vector<seq2seq::Example>& held_examples() const { return held_; }
  int max_source() const { return max_src_; }  // longest source in ids, EOS included
  int max_target() const { return max_tgt_; }  // longest target in ids, EOS included
  const Seq2SeqWorkspace<float>& workspace() const { return ws_; }

  // Where the data order stands, so that a saved run resumes exactly (engine/train/training_state.hpp): the
  // epoch's shuffled order, the next example in it, and the two generators (shuffling, scheduled sampling).
  static constexpr size_t generators() { return 2; }
  ExamplePosition position() const;
  // Refuses an order that is not a permutation of the training examples (another data set).
  Status set_position(const ExamplePosition& p);
  const Seq2SeqBatch& last_batch() const { return batch_; }

 private:
  Seq2SeqTrainer() = default;
  void fill_batch(const std::vector<int>& rows);

  Seq2SeqTrainConfig config_;
  Vocab vocab_;
  std::unique_ptr<Seq2Seq<float>> model_;
  Optimizer<float> optimizer_;
  std::vector<seq2seq::Example> train_, held_;
  std::vector<std::vector<TokenId>> train_src_, train_tgt_;  // ids; sources end with EOS, targets do not
  int max_src_ = 0, max_tgt_ = 0;
  ExampleOrder order_;
  Rng sampling_rng_;
  Seq2SeqWorkspace<float> ws_, eval_ws_;
  Seq2SeqBatch batch_;
  std::vector<int> rows_;  // the examples of the current batch
};

}  // namespace rp
