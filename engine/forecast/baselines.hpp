// The memoryless forecasters the lectures start from, always shown beside the RNN: persistence (the next
// values repeat the last one) and a linear autoregressive model over the last p values (the "delay taps"),
// fitted by least squares, both forecasting k steps ahead by feeding their own predictions back. And how any
// forecaster is scored: the squared error at each horizon 1..K, over every origin of the held-out part.
#pragma once
#include <functional>
#include <vector>

#include "engine/core/status.hpp"

namespace rp::forecast {

// x[t] ~ bias + sum_i coef[i] x[t-1-i].
struct ArModel {
  std::vector<double> coef;  // [p], coef[0] for the latest value
  double bias = 0;
};
// Least squares over every window of `train` (at least p + 1 more values than p), through the normal
// equations with a tiny ridge (1e-8 of their trace) so a constant or periodic series still solves.
Status fit_ar(const std::vector<double>& train, int p, ArModel& out);

// Writes the K values after history[0..n) into out[0..K); history must hold at least p values (AR).
void persistence_forecast(const double* history, int n, int K, double* out);
void ar_forecast(const ArModel& m, const double* history, int n, int K, double* out);

// A forecaster: from the values before an origin (history, n of them) the next K values.
using ForecastFn = std::function<void(const double* history, int n, int K, double* out)>;

struct HorizonErrors {
  std::vector<double> mse;  // [K] mean squared error at horizon h + 1
  double mean = 0;          // over every horizon
  int origins = 0;
};
// Scores `forecast` on the series from origin `first` (the first forecast value is series[first]) to the end,
// every `stride` origins, each forecast seeing the values before its origin.
HorizonErrors score_horizons(const std::vector<double>& series, int first, int K, int stride, const ForecastFn& forecast);

}  // namespace rp::forecast
