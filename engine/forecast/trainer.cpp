#include "engine/forecast/trainer.hpp"

#include <algorithm>
#include <cmath>

#include "engine/core/draw.hpp"

namespace rp {

namespace {
constexpr int kEvalBatch = 64;  // origins forecast together
}

Status ForecasterTrainer::create(const ForecasterTrainConfig& config_in, std::vector<double> series, int held_start,
                                 int horizon, int ar_order, std::unique_ptr<Forecaster<float>> model,
                                 std::unique_ptr<ForecasterTrainer>& out) {
  ForecasterTrainConfig config = config_in;
  if (model) config.model = model->config();
  RP_TRY(validate(config));
  if (config.model.channels != 1) return Status::error("the forecaster trains on one channel");
  const int W = config.window;
  if (horizon < 1 || held_start < W + 2 || int(series.size()) - held_start < horizon)
    return Status::error("the series is too short for this window and horizon");
  std::unique_ptr<ForecasterTrainer> t(new ForecasterTrainer());
  const std::vector<double> train(series.begin(), series.begin() + held_start);
  RP_TRY(forecast::fit_ar(train, std::min(ar_order, held_start / 2 - 1), t->ar_));
  double mean = 0, var = 0;
  for (double v : train) mean += v / double(train.size());
  for (double v : train) var += (v - mean) * (v - mean) / double(train.size());
  t->mean_ = mean;
  t->sd_ = var > 1e-24 ? std::sqrt(var) : 1.0;
  t->config_ = config;
  t->series_ = std::move(series);
  t->held_start_ = held_start;
  t->horizon_ = horizon;
  if (!model) {
    model = std::make_unique<Forecaster<float>>(config.model);
    Rng init = Rng(config.seed).fork(1);
    model->init(init);
  }
  t->model_ = std::move(model);
  t->optimizer_.reset(config.optim, t->model_->params().size());
  t->window_rng_ = Rng(config.seed).fork(3);
  t->model_->resize(t->ws_, W, config.batch);
  t->model_->resize(t->eval_ws_, W + horizon, kEvalBatch);
  out = std::move(t);
  return Status::ok();
}

StepStats ForecasterTrainer::step() {
  const int W = config_.window, B = config_.batch;
  ForecastBatch<float>& b = batch_;
  b.S = W;
  b.B = B;
  b.inputs.resize(size_t(W) * B);
  b.targets.resize(size_t(W) * B);
  // A window's targets stay inside the training part: starts in [0, held_start - W - 1].
  const uint64_t starts = uint64_t(held_start_ - W);
  for (int j = 0; j < B; ++j) {
    const size_t s0 = size_t(draw::below(window_rng_, starts));
    for (int s = 0; s < W; ++s) {
      b.inputs[size_t(s) * B + j] = float((series_[s0 + size_t(s)] - mean_) / sd_);
      b.targets[size_t(s) * B + j] = float((series_[s0 + size_t(s) + 1] - mean_) / sd_);
    }
  }
  model_->params().zero_grad();
  const double loss = model_->forward(b, ws_);
  model_->backward(b, ws_);
  return apply_update(*model_, optimizer_, config_.clip, loss);
}

void ForecasterTrainer::forecast_many(const std::vector<int>& origins, std::vector<double>& out) {
  const int W = config_.window, K = horizon_, B = kEvalBatch;
  out.assign(origins.size() * size_t(K), 0.0);
  std::vector<float> contexts(size_t(W) * B), predicted(size_t(K) * B);
  for (size_t start = 0; start < origins.size(); start += B) {
    const int n = int(std::min(origins.size() - start, size_t(B)));
    for (int j = 0; j < B; ++j) {
      const int origin = origins[start + size_t(std::min(j, n - 1))];  // spare rows repeat the last origin
      for (int s = 0; s < W; ++s) {
        const int at = origin - W + s;
        // Before the series starts, the context repeats its first value.
        contexts[size_t(s) * B + j] = float((series_[size_t(std::max(at, 0))] - mean_) / sd_);
      }
    }
    model_->forecast(contexts.data(), W, K, eval_ws_, predicted.data());
    for (int j = 0; j < n; ++j)
      for (int k = 0; k < K; ++k)
        out[(start + size_t(j)) * K + size_t(k)] = double(predicted[size_t(k) * B + j]) * sd_ + mean_;
  }
}

Status ForecasterTrainer::evaluate(int stride, ForecastScore& out) {
  const int K = horizon_;
  std::vector<int> origins;
  for (int o = held_start_; o + K <= int(series_.size()); o += std::max(stride, 1)) origins.push_back(o);
  if (origins.empty()) return Status::error("the held-out part is shorter than the horizon");
  std::vector<double> model;
  forecast_many(origins, model);
  size_t next = 0;
  const forecast::ForecastFn from_model = [&](const double*, int, int, double* o) {
    std::copy_n(model.data() + (next++) * size_t(K), K, o);
  };
  ForecastScore s;
  s.model = forecast::score_horizons(series_, held_start_, K, stride, from_model);
  s.persistence = forecast::score_horizons(series_, held_start_, K, stride, forecast::persistence_forecast);
  const forecast::ArModel& ar = ar_;
  s.ar = forecast::score_horizons(series_, held_start_, K, stride,
                                  [&ar](const double* h, int n, int k, double* o) { forecast::ar_forecast(ar, h, n, k, o); });
  out = std::move(s);
  return Status::ok();
}

Status ForecasterTrainer::forecast_from(int origin, std::vector<double>& model, std::vector<double>& persistence,
                                        std::vector<double>& ar) {
  if (origin < 1 || origin > int(series_.size())) return Status::error("the forecast's origin is outside the series");
  forecast_many({origin}, model);
  persistence.assign(size_t(horizon_), 0.0);
  ar.assign(size_t(horizon_), 0.0);
  forecast::persistence_forecast(series_.data(), origin, horizon_, persistence.data());
  forecast::ar_forecast(ar_, series_.data(), origin, horizon_, ar.data());
  return Status::ok();
}

}  // namespace rp
