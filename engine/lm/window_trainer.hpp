// Trains the window model (window_lm.hpp) on exactly the batches the char LM's trainer sees: its own
// TextStreams over the same training ids, batch and window length, so step s of both reads the same
// characters (the streams are deterministic); the K-1 characters before a window come from the end of the
// stream's previous window, and a new pass starts from the text's beginning. The update is the shared
// step (engine/train/step.hpp: clipping, the non-finite guard, the optimizer) with the RNN's optimizer
// settings; train_chunk runs it like any trainer.
#pragma once
#include <memory>
#include <vector>

#include "engine/core/optimizer.hpp"
#include "engine/lm/text_stream.hpp"
#include "engine/lm/trainer.hpp"
#include "engine/lm/window_lm.hpp"
#include "engine/train/step.hpp"

namespace rp {

class WindowTrainer {
 public:
  // window: K; the model's E is 16 and its H the RNN's hidden size; optimizer, clipping, T, B and the seed
  // are the RNN's (config). ids: the training split.
  static Status create(int window, const TrainConfig& config, int vocab, std::vector<TokenId> ids,
                       std::unique_ptr<WindowTrainer>& out);

  StepStats step();
  // Mean nats per predicted character of `ids` as one stream (the char LM's held-out metric).
  Status evaluate(const std::vector<TokenId>& ids, double& loss);

  int64_t steps() const { return optimizer_.steps(); }
  WindowLM<float>& model() { return *model_; }
  Status set_learning_rate(double lr) { return optimizer_.set_lr(lr); }

 private:
  WindowTrainer() = default;

  TrainConfig config_;
  std::unique_ptr<WindowLM<float>> model_;
  Optimizer<float> optimizer_;
  TextStreams streams_;
  std::vector<TokenId> inputs_, targets_;  // [T, B]
  std::vector<TokenId> before_;            // [B, K-1]: each stream's characters before this window
  std::vector<TokenId> windows_, rows_;    // [T*B, K], [T*B]: rows in the order (b, t)
};

// The window model's embedding size: small, so K characters stay cheap.
constexpr int kWindowEmbed = 16;

}  // namespace rp
