#include "engine/lm/trainer.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "engine/lm/experiment.hpp"

namespace rp {

Status validate(const TrainConfig& c) {
  RP_TRY(validate(c.model));
  RP_TRY(lm_train_fields().check(c));  // the bounds of seq, batch, the optimizer and clipping
  RP_TRY(validate(c.optim));
  // The window's saved activations dominate memory: about (G + 4) * H floats per step, stream and layer.
  const int64_t per_row = int64_t(c.model.cell->blocks + 4) * c.model.hidden * c.model.layers * 2 +
                          int64_t(c.model.vocab) * 3 + c.model.embed * 2;
  if (per_row * c.seq * c.batch > (int64_t(1) << 28))
    return Status::error("sequence length x batch x model size is too large (over 1 GiB of activations)");
  return Status::ok();
}

static bool same_model(const CharLMConfig& a, const CharLMConfig& b) {
  return a.cell == b.cell && a.vocab == b.vocab && a.hidden == b.hidden && a.layers == b.layers && a.embed == b.embed &&
         a.options.bias == b.options.bias && a.options.norm == b.options.norm;
}

Status Trainer::create(const TrainConfig& config_in, const Vocab& vocab, std::unique_ptr<CharLM<float>> model,
                       std::vector<TokenId> ids, std::unique_ptr<Trainer>& out) {
  TrainConfig config = config_in;
  config.model.vocab = vocab.size();
  RP_TRY(validate(config));
  if (model && !same_model(model->config(), config.model))
    return Status::error("the loaded model's shape does not match the training configuration");
  for (TokenId id : ids)
    if (id < 0 || id >= vocab.size()) return Status::error("text contains an id outside the vocabulary");
  std::unique_ptr<Trainer> t(new Trainer());
  RP_TRY(t->streams_.reset(std::move(ids), config.batch, config.seq));
  t->config_ = config;
  t->vocab_ = vocab;
  if (!model) {
    model = std::make_unique<CharLM<float>>(config.model);
    Rng init_rng = Rng(config.seed).fork(1);
    model->init(init_rng);
  }
  t->model_ = std::move(model);
  t->optimizer_.reset(config.optim, t->model_->params().size());
  t->model_->resize(t->ws_, config.seq, config.batch);
  t->model_->resize(t->state_, config.batch);
  t->inputs_.resize(size_t(config.seq) * config.batch);
  t->targets_.resize(size_t(config.seq) * config.batch);
  out = std::move(t);
  return Status::ok();
}

StepStats Trainer::step() {
  const bool new_pass = streams_.next(inputs_.data(), targets_.data());
  if (new_pass || config_.reset_state) {
    state_.h.fill(0.f);
    state_.c.fill(0.f);
  }
  model_->params().zero_grad();
  // Each step's masks from its own generator, derived from the seed and the step's number: the same run
  // draws the same masks, resumed or not.
  Rng dropout_rng = Rng(config_.seed).fork(5).fork(uint64_t(optimizer_.steps()));
  model_->draw_dropout(config_.model.options.dropout, dropout_rng, config_.seq, ws_);
  const double loss = model_->forward(inputs_.data(), targets_.data(), config_.seq, ws_, state_);
  model_->backward(inputs_.data(), config_.seq, ws_);
  StepStats s = apply_update(*model_, optimizer_, config_.clip, loss);
  s.new_pass = new_pass;
  if (s.nonfinite) {
    // The carried state may hold the NaN: start the next window afresh.
    state_.h.fill(0.f);
    state_.c.fill(0.f);
  }
  return s;
}

Status evaluate_stream(CharLM<float>& model, const std::vector<TokenId>& ids, int chunk, double& loss) {
  if (ids.size() < 2) return Status::error("evaluation text needs at least 2 characters");
  if (chunk < 1) return Status::error("evaluation chunk must be at least 1 step");
  for (TokenId id : ids)
    if (id < 0 || id >= model.config().vocab) return Status::error("evaluation text contains an id outside the vocabulary");
  CharLMWorkspace<float> ws;
  RecurrentState<float> state;
  model.resize(ws, chunk, 1);
  model.resize(state, 1);
  double total = 0;
  const int64_t predictions = int64_t(ids.size()) - 1;
  for (int64_t p = 0; p < predictions; p += chunk) {
    const int n = int(std::min<int64_t>(chunk, predictions - p));
    total += model.forward(ids.data() + p, ids.data() + p + 1, n, ws, state) * n;
  }
  loss = total / double(predictions);
  return Status::ok();
}

Status Trainer::evaluate(const std::vector<TokenId>& ids, double& loss) {
  return evaluate_stream(*model_, ids, config_.seq, loss);
}

}  // namespace rp
