// Training loop of the char LM: B streams through the text, windows of T steps, state carried across windows
// and detached (truncated BPTT) or reset each window, gradient clipping, one optimizer step per window.
// A seed fixes the initialisation; the batch order is the deterministic stream order, so the same seed and
// configuration give a bitwise-identical loss sequence in the same build.
#pragma once
#include <memory>
#include <vector>

#include "engine/lm/char_lm.hpp"
#include "engine/core/optimizer.hpp"
#include "engine/train/step.hpp"
#include "engine/lm/text_stream.hpp"
#include "engine/core/vocab.hpp"

namespace rp {

struct TrainConfig {
  CharLMConfig model;  // model.vocab is set from the vocabulary
  int seq = 64;        // T
  int batch = 32;      // B
  OptimConfig optim;
  ClipConfig clip{5.0, 0.0};
  bool reset_state = false;  // zero the state at every window instead of carrying it over
  uint64_t seed = 1;
};

// Checks the model, optimizer and clip settings, and that T and B are within limits.
Status validate(const TrainConfig& c);

// Mean nats per predicted character of `ids` run through `model` as one stream from a zero state, in chunks
// of `chunk` steps with the state carried (so the result does not depend on the chunk size beyond rounding).
Status evaluate_stream(CharLM<float>& model, const std::vector<TokenId>& ids, int chunk, double& loss);

class Trainer {
 public:
  // model: null to create one initialised from config.seed; otherwise a loaded model whose configuration
  // must match config.model. ids: the training text encoded with `vocab`.
  static Status create(const TrainConfig& config, const Vocab& vocab, std::unique_ptr<CharLM<float>> model,
                       std::vector<TokenId> ids, std::unique_ptr<Trainer>& out);

  StepStats step();
  // Mean nats per predicted character of `ids` run as one stream from a zero state.
  Status evaluate(const std::vector<TokenId>& ids, double& loss);

  const TrainConfig& config() const { return config_; }
  // Continues with another learning rate (after a divergence), in the optimizer and the saved config.
  Status set_learning_rate(double lr) {
    RP_TRY(optimizer_.set_lr(lr));
    config_.optim.lr = lr;
    return Status::ok();
  }
  const Vocab& vocab() const { return vocab_; }
  CharLM<float>& model() { return *model_; }
  Optimizer<float>& optimizer() { return optimizer_; }
  RecurrentState<float>& state() { return state_; }
  TextStreams& streams() { return streams_; }
  // The last training window's buffers: per layer dh_norm [T] is ||dL/dh(t)|| (the gradient-flow view).
  const CharLMWorkspace<float>& workspace() const { return ws_; }

 private:
  Trainer() = default;

  TrainConfig config_;
  Vocab vocab_;
  std::unique_ptr<CharLM<float>> model_;
  Optimizer<float> optimizer_;
  TextStreams streams_;
  CharLMWorkspace<float> ws_;
  RecurrentState<float> state_;
  std::vector<TokenId> inputs_, targets_;  // [T, B]
};

}  // namespace rp
