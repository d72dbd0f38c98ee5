// Trains a forecaster on the training part of a series: each step takes B windows at random places
// (inputs x(t..t+W), targets one step later), the series standardised by the training part's mean and
// standard deviation. Scores the held-out end as the lectures compare forecasters: the squared error at every
// horizon 1..K for the RNN, persistence and the AR baseline, from the same origins with the same history.
#pragma once
#include <memory>
#include <vector>

#include "engine/forecast/baselines.hpp"
#include "engine/forecast/experiment.hpp"
#include "engine/train/step.hpp"

namespace rp {

struct ForecastScore {
  forecast::HorizonErrors model, persistence, ar;
};

class ForecasterTrainer {
 public:
  static Status create(const ForecasterTrainConfig& config, std::vector<double> series, int held_start, int horizon,
                       int ar_order, std::unique_ptr<Forecaster<float>> model, std::unique_ptr<ForecasterTrainer>& out);

  StepStats step();
  // Every `stride`-th origin of the held-out end (1: all).
  Status evaluate(int stride, ForecastScore& out);
  // The next K values after series[0..origin) from the model, persistence and the AR baseline (for the view).
  Status forecast_from(int origin, std::vector<double>& model, std::vector<double>& persistence,
                       std::vector<double>& ar);

  const ForecasterTrainConfig& config() const { return config_; }
  Status set_learning_rate(double lr) {
    RP_TRY(optimizer_.set_lr(lr));
    config_.optim.lr = lr;
    return Status::ok();
  }
  Forecaster<float>& model() { return *model_; }
  Optimizer<float>& optimizer() { return optimizer_; }
  const std::vector<double>& series() const { return series_; }
  int held_start() const { return held_start_; }
  int horizon() const { return horizon_; }
  const forecast::ArModel& ar() const { return ar_; }
  double mean() const { return mean_; }
  double scale() const { return sd_; }

 private:
  ForecasterTrainer() = default;
  // Model forecasts for many origins at once: out [origins.size(), K] in the series' units.
  void forecast_many(const std::vector<int>& origins, std::vector<double>& out);

  ForecasterTrainConfig config_;
  std::vector<double> series_;
  int held_start_ = 0, horizon_ = 1;
  double mean_ = 0, sd_ = 1;
  forecast::ArModel ar_;
  std::unique_ptr<Forecaster<float>> model_;
  Optimizer<float> optimizer_;
  Rng window_rng_;
  ForecasterWorkspace<float> ws_, eval_ws_;
  ForecastBatch<float> batch_;
};

}  // namespace rp
