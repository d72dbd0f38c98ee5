#include "engine/lm/window_trainer.hpp"

#include <algorithm>

namespace rp {

Status WindowTrainer::create(int window, const TrainConfig& config, int vocab, std::vector<TokenId> ids,
                             std::unique_ptr<WindowTrainer>& out) {
  const WindowConfig wc{vocab, window, kWindowEmbed, config.model.hidden};
  RP_TRY(validate(wc));
  RP_TRY(validate(config.optim));
  for (TokenId id : ids)
    if (id < 0 || id >= vocab) return Status::error("window model: text contains an id outside the vocabulary");
  std::unique_ptr<WindowTrainer> t(new WindowTrainer());
  RP_TRY(t->streams_.reset(std::move(ids), config.batch, config.seq));
  t->config_ = config;
  t->model_ = std::make_unique<WindowLM<float>>(wc);
  Rng rng = Rng(config.seed).fork(3);
  t->model_->init(rng);
  t->model_->resize(config.seq * config.batch);
  t->optimizer_.reset(config.optim, t->model_->params().size());
  const size_t TB = size_t(config.seq) * config.batch;
  t->inputs_.resize(TB);
  t->targets_.resize(TB);
  t->before_.assign(size_t(config.batch) * size_t(window - 1), kBeforeText);
  t->windows_.resize(TB * size_t(window));
  t->rows_.resize(TB);
  out = std::move(t);
  return Status::ok();
}

StepStats WindowTrainer::step() {
  const int T = config_.seq, B = config_.batch, K = model_->config().window;
  const bool new_pass = streams_.next(inputs_.data(), targets_.data());
  if (new_pass) std::fill(before_.begin(), before_.end(), kBeforeText);
  // Stream b's characters in order: its K-1 before the window, then the window's T inputs.
  std::vector<TokenId> seen(size_t(K - 1 + T));
  for (int b = 0; b < B; ++b) {
    std::copy_n(before_.begin() + size_t(b) * (K - 1), K - 1, seen.begin());
    for (int t = 0; t < T; ++t) seen[size_t(K - 1 + t)] = inputs_[size_t(t) * B + b];
    for (int t = 0; t < T; ++t) {
      const size_t r = size_t(b) * T + t;
      std::copy_n(seen.begin() + t, K, windows_.begin() + r * K);
      rows_[r] = targets_[size_t(t) * B + b];
    }
    std::copy_n(seen.end() - (K - 1), K - 1, before_.begin() + size_t(b) * (K - 1));
  }
  model_->params().zero_grad();
  const double loss = model_->forward(T * B, windows_.data(), rows_.data());
  model_->backward(T * B, windows_.data());
  StepStats s = apply_update(*model_, optimizer_, config_.clip, loss);
  s.new_pass = new_pass;
  return s;
}

Status WindowTrainer::evaluate(const std::vector<TokenId>& ids, double& loss) {
  if (ids.size() < 2) return Status::error("evaluation text needs at least 2 characters");
  const int K = model_->config().window, V = model_->config().vocab;
  for (TokenId id : ids)
    if (id < 0 || id >= V) return Status::error("evaluation text contains an id outside the vocabulary");
  const int64_t predictions = int64_t(ids.size()) - 1;
  const int chunk = config_.seq * config_.batch;  // the buffers' size
  std::vector<TokenId> windows(static_cast<size_t>(chunk) * K), targets(static_cast<size_t>(chunk));
  double total = 0;
  for (int64_t p = 0; p < predictions; p += chunk) {
    const int n = int(std::min<int64_t>(chunk, predictions - p));
    for (int r = 0; r < n; ++r) {
      const int64_t at = p + r;  // predicts ids[at + 1] from ids[at-K+1 .. at]
      for (int k = 0; k < K; ++k) {
        const int64_t i = at - (K - 1) + k;
        windows[size_t(r) * K + k] = i < 0 ? kBeforeText : ids[size_t(i)];
      }
      targets[size_t(r)] = ids[size_t(at + 1)];
    }
    total += model_->forward(n, windows.data(), targets.data()) * n;
  }
  loss = total / double(predictions);
  return Status::ok();
}

}  // namespace rp
