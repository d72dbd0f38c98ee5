// Layer normalisation of one vector of n values (Ba, Kiros & Hinton 2016), the pieces the recurrent layer and
// the LSTM cell use for norm=layer:
//   x_hat = (x - mean(x)) * rstd,  rstd = 1 / sqrt(var(x) + eps)  (biased variance, eps as PyTorch's 1e-5)
//   y = gain * x_hat (+ shift)
// Backward and the forward-mode tangent are the same linear map (the Jacobian of x -> x_hat is symmetric):
//   dx = rstd * (g - mean(g) - x_hat * mean(g * x_hat)),  g = gain * dy   (backward)
//   dy = gain * rstd * (dx - mean(dx) - x_hat * mean(dx * x_hat))         (tangent)
#pragma once
#include <cmath>

namespace rp::layer_norm {

constexpr double kEps = 1e-5;

// y may be x. Saves x_hat [n] and returns rstd.
template <class T> T forward(const T* x, int n, const T* gain, const T* shift, T* x_hat, T* y) {
  T mean = 0, var = 0;
  for (int i = 0; i < n; ++i) mean += x[i];
  mean /= T(n);
  for (int i = 0; i < n; ++i) var += (x[i] - mean) * (x[i] - mean);
  const T rstd = T(1) / std::sqrt(var / T(n) + T(kEps));
  for (int i = 0; i < n; ++i) {
    x_hat[i] = (x[i] - mean) * rstd;
    y[i] = gain[i] * x_hat[i] + (shift ? shift[i] : T(0));
  }
  return rstd;
}

// dx may be dy. Adds into dgain (and dshift when non-null).
template <class T> void backward(const T* dy, const T* x_hat, T rstd, const T* gain, int n, T* dx, T* dgain, T* dshift) {
  T mean_g = 0, mean_gx = 0;
  for (int i = 0; i < n; ++i) {
    const T g = gain[i] * dy[i];
    mean_g += g;
    mean_gx += g * x_hat[i];
    dgain[i] += dy[i] * x_hat[i];
    if (dshift) dshift[i] += dy[i];
  }
  mean_g /= T(n);
  mean_gx /= T(n);
  for (int i = 0; i < n; ++i) dx[i] = rstd * (gain[i] * dy[i] - mean_g - x_hat[i] * mean_gx);
}

// dy may be dx.
template <class T> void tangent(const T* dx, const T* x_hat, T rstd, const T* gain, int n, T* dy) {
  T mean_d = 0, mean_dx = 0;
  for (int i = 0; i < n; ++i) {
    mean_d += dx[i];
    mean_dx += dx[i] * x_hat[i];
  }
  mean_d /= T(n);
  mean_dx /= T(n);
  for (int i = 0; i < n; ++i) dy[i] = gain[i] * rstd * (dx[i] - mean_d - x_hat[i] * mean_dx);
}

}  // namespace rp::layer_norm
