// Training a classifier on labelled texts: shuffled minibatches (the order fixed by the seed), each padded to
// its longest text, one optimizer step per batch (engine/train/step.hpp); evaluation scores accuracy, mean
// loss and the confusion matrix, and gives each text's class probabilities.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "engine/classify/classifier.hpp"
#include "engine/classify/tasks.hpp"
#include "engine/core/optimizer.hpp"
#include "engine/core/vocab.hpp"
#include "engine/train/example_order.hpp"
#include "engine/train/step.hpp"

namespace rp {

struct ClassifierTrainConfig {
  ClassifierConfig model;  // model.vocab and model.classes are set from the data
  int batch = 32;
  OptimConfig optim;       // Adam, lr 2e-3 by default
  ClipConfig clip{5.0, 0.0};
  uint64_t seed = 1;
};

Status validate(const ClassifierTrainConfig& c);

// Texts longer than this are refused (training, evaluation and the decision over time alike).
constexpr int kMaxClassifyChars = 500;

// The vocabulary of a data set: every character of every text.
Status vocab_of(const std::vector<classify::Example>& a, const std::vector<classify::Example>& b, Vocab& out);

struct ClassifyScore {
  double accuracy = 0, loss = 0;  // fraction right; mean cross-entropy in nats
  int count = 0;
  std::vector<int64_t> confusion;  // [C, C]: row the true class, column the predicted one
};

class ClassifierTrainer {
 public:
  static Status create(const ClassifierTrainConfig& config, const Vocab& vocab, std::vector<std::string> labels,
                       std::unique_ptr<Classifier<float>> model, std::vector<classify::Example> train,
                       std::vector<classify::Example> held, std::unique_ptr<ClassifierTrainer>& out);

  StepStats step();
  // Up to `limit` held-out examples (<= 0: all); probs [n, C] when non-null.
  Status evaluate(int limit, ClassifyScore& score, std::vector<float>* probs = nullptr);
  Status evaluate(const std::vector<classify::Example>& examples, ClassifyScore& score, std::vector<float>* probs = nullptr);
  // The class probabilities [n, C] of any texts.
  Status probabilities(const std::vector<std::string>& texts, std::vector<float>& probs);
  // The decision forming over time: the probabilities [n, C] after each of the text's n characters (the model
  // run on every prefix, so a bidirectional model's backward direction sees only the prefix too).
  Status over_time(const std::string& text, std::vector<float>& probs);

  const ClassifierTrainConfig& config() const { return config_; }
  Status set_learning_rate(double lr) {
    RP_TRY(optimizer_.set_lr(lr));
    config_.optim.lr = lr;
    return Status::ok();
  }
  const Vocab& vocab() const { return vocab_; }
  const std::vector<std::string>& labels() const { return labels_; }
  Classifier<float>& model() { return *model_; }
  Optimizer<float>& optimizer() { return optimizer_; }
  const std::vector<classify::Example>& train_examples() const { return train_; }
  const std::vector<classify::Example>& held_examples() const { return held_; }
  int longest() const { return longest_; }  // characters of the longest text seen

  // Where the data order stands, so that a saved run resumes exactly (engine/train/training_state.hpp): the
  // epoch's shuffled order, the next example in it, and the shuffling's generator.
  static constexpr size_t generators() { return 1; }
  ExamplePosition position() const { return order_.position(); }
  Status set_position(const ExamplePosition& p) { return order_.set_position(p); }

 private:
  ClassifierTrainer() = default;
  Status encode(const std::string& text, std::vector<TokenId>& ids) const;
  Status label_id(const std::string& label, TokenId& id) const;
  // Probabilities [n, C] of encoded sequences, in batches of the training batch size.
  void run(const std::vector<std::vector<TokenId>>& seqs, std::vector<float>& probs);

  ClassifierTrainConfig config_;
  Vocab vocab_;
  std::vector<std::string> labels_;
  std::unique_ptr<Classifier<float>> model_;
  Optimizer<float> optimizer_;
  std::vector<classify::Example> train_, held_;
  std::vector<std::vector<TokenId>> train_ids_;
  std::vector<TokenId> train_labels_;
  int longest_ = 1;
  ExampleOrder order_;
  std::vector<int> rows_;  // the examples of the current batch
  ClassifierWorkspace<float> ws_, eval_ws_;
  ClassifierBatch batch_;
};

}  // namespace rp
