// Trains a tagger on its sentences: shuffled passes over the training sentences in batches padded to the
// longest sentence of the batch (padded positions tagged kPadTag, never counted), and scores the held-out
// sentences as token accuracy and span F1 (engine/tag/score.hpp).
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "engine/core/optimizer.hpp"
#include "engine/tag/experiment.hpp"
#include "engine/tag/score.hpp"
#include "engine/train/step.hpp"

namespace rp {

struct TagEvaluation {
  tag::TagScore score;
  double loss = 0;                   // mean cross-entropy per token, nats
  std::vector<int64_t> confusion;    // [C, C]: row the true tag, column the predicted one
  std::vector<std::vector<std::string>> predicted;  // each sentence's predicted tags
  std::vector<std::vector<float>> confidence;       // the probability of each predicted tag
};

class TaggerTrainer {
 public:
  static Status create(const TaggerTrainConfig& config, const WordVocab& words, std::vector<std::string> tags,
                       std::unique_ptr<Tagger<float>> model, std::vector<tag::Sentence> train,
                       std::vector<tag::Sentence> held, std::unique_ptr<TaggerTrainer>& out);

  StepStats step();
  // Up to `limit` held-out sentences (<= 0: all), or any sentences with their true tags.
  Status evaluate(int limit, TagEvaluation& out);
  Status evaluate(const std::vector<tag::Sentence>& sentences, TagEvaluation& out);
  // Tags a typed text of space-separated tokens: the tags and probabilities [n, C] of its n tokens.
  Status tag(const std::string& text, std::vector<std::string>& tokens, std::vector<std::string>& tags,
             std::vector<float>& probs);

  const TaggerTrainConfig& config() const { return config_; }
  Status set_learning_rate(double lr) {
    RP_TRY(optimizer_.set_lr(lr));
    config_.optim.lr = lr;
    return Status::ok();
  }
  const WordVocab& words() const { return words_; }
  const std::vector<std::string>& tags() const { return tags_; }
  Tagger<float>& model() { return *model_; }
  Optimizer<float>& optimizer() { return optimizer_; }
  const std::vector<tag::Sentence>& train_sentences() const { return train_; }
  const std::vector<tag::Sentence>& held_sentences() const { return held_; }

 private:
  TaggerTrainer() = default;
  Status encode(const std::vector<std::string>& tokens, std::vector<TokenId>& ids) const;
  Status tag_ids(const tag::Sentence& s, std::vector<TokenId>& ids) const;
  // Probabilities [positions, C] of encoded sentences, concatenated in order, in batches of the batch size.
  void run(const std::vector<std::vector<TokenId>>& seqs, std::vector<float>& probs);

  TaggerTrainConfig config_;
  WordVocab words_;
  std::vector<std::string> tags_;
  std::unique_ptr<Tagger<float>> model_;
  Optimizer<float> optimizer_;
  std::vector<tag::Sentence> train_, held_;
  std::vector<std::vector<TokenId>> train_ids_, train_tags_;
  int longest_ = 1;
  std::vector<int> order_;
  size_t cursor_ = 0;
  Rng shuffle_rng_;
  TaggerWorkspace<float> ws_, eval_ws_;
  TaggerBatch batch_;
};

}  // namespace rp
