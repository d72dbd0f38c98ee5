#include "engine/forecast/baselines.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace rp::forecast {

Status fit_ar(const std::vector<double>& x, int p, ArModel& out) {
  if (p < 1 || p > 64) return Status::error("the autoregressive order must be between 1 and 64");
  if (int(x.size()) < 2 * p + 2)
    return Status::error("fitting an AR(" + std::to_string(p) + ") model needs at least " + std::to_string(2 * p + 2) +
                         " values, the series has " + std::to_string(x.size()));
  // Normal equations A w = b over features [1, x[t-1], ..., x[t-p]].
  const int n = p + 1;
  std::vector<double> A(size_t(n) * n, 0.0), b(size_t(n), 0.0), f(size_t(n), 0.0);
  for (size_t t = size_t(p); t < x.size(); ++t) {
    f[0] = 1;
    for (int i = 0; i < p; ++i) f[size_t(i) + 1] = x[t - 1 - size_t(i)];
    for (int r = 0; r < n; ++r) {
      b[size_t(r)] += f[size_t(r)] * x[t];
      for (int c = 0; c < n; ++c) A[size_t(r) * n + c] += f[size_t(r)] * f[size_t(c)];
    }
  }
  double trace = 0;
  for (int r = 0; r < n; ++r) trace += A[size_t(r) * n + r];
  for (int r = 0; r < n; ++r) A[size_t(r) * n + r] += 1e-8 * trace / n + 1e-12;
  // Cholesky A = L L^T in place (lower triangle), then two triangular solves.
  for (int j = 0; j < n; ++j) {
    double d = A[size_t(j) * n + j];
    for (int k = 0; k < j; ++k) d -= A[size_t(j) * n + k] * A[size_t(j) * n + k];
    if (!(d > 0)) return Status::error("the AR fit is singular (is the series constant?)");
    const double l = std::sqrt(d);
    A[size_t(j) * n + j] = l;
    for (int i = j + 1; i < n; ++i) {
      double s = A[size_t(i) * n + j];
      for (int k = 0; k < j; ++k) s -= A[size_t(i) * n + k] * A[size_t(j) * n + k];
      A[size_t(i) * n + j] = s / l;
    }
  }
  std::vector<double> y(size_t(n), 0.0), w(size_t(n), 0.0);
  for (int i = 0; i < n; ++i) {
    double s = b[size_t(i)];
    for (int k = 0; k < i; ++k) s -= A[size_t(i) * n + k] * y[size_t(k)];
    y[size_t(i)] = s / A[size_t(i) * n + i];
  }
  for (int i = n - 1; i >= 0; --i) {
    double s = y[size_t(i)];
    for (int k = i + 1; k < n; ++k) s -= A[size_t(k) * n + i] * w[size_t(k)];
    w[size_t(i)] = s / A[size_t(i) * n + i];
  }
  ArModel m;
  m.bias = w[0];
  m.coef.assign(w.begin() + 1, w.end());
  out = std::move(m);
  return Status::ok();
}

void persistence_forecast(const double* history, int n, int K, double* out) {
  std::fill_n(out, K, n > 0 ? history[n - 1] : 0.0);
}

void ar_forecast(const ArModel& m, const double* history, int n, int K, double* out) {
  const int p = int(m.coef.size());
  std::vector<double> window(history + std::max(0, n - p), history + n);  // oldest first
  for (int h = 0; h < K; ++h) {
    double v = m.bias;
    for (int i = 0; i < p && i < int(window.size()); ++i) v += m.coef[size_t(i)] * window[window.size() - 1 - size_t(i)];
    out[h] = v;
    window.push_back(v);
  }
}

HorizonErrors score_horizons(const std::vector<double>& series, int first, int K, int stride, const ForecastFn& forecast) {
  HorizonErrors e;
  e.mse.assign(size_t(K), 0.0);
  std::vector<double> predicted(size_t(K), 0.0);
  for (int origin = first; origin + K <= int(series.size()); origin += std::max(stride, 1)) {
    forecast(series.data(), origin, K, predicted.data());
    for (int h = 0; h < K; ++h) {
      const double d = predicted[size_t(h)] - series[size_t(origin + h)];
      e.mse[size_t(h)] += d * d;
    }
    ++e.origins;
  }
  for (double& v : e.mse) v /= std::max(e.origins, 1);
  for (double v : e.mse) e.mean += v / K;
  return e;
}

}  // namespace rp::forecast
