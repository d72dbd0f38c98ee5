// Vanilla RNN, one time step over B rows:  h(t) = act(W_ih x(t) + b_ih + W_hh h(t-1) + b_hh),  act = tanh | relu.
// The layer has already summed both projections and both biases into `a` [B, H].
#pragma once
#include "engine/kernels.hpp"

namespace rp::rnn_cell {

// a: [B, H] pre-activation in, post-activation out (this is also h(t)).
template <class T> void forward(bool relu, int B, int H, T* a) {
  const int n = B * H;
  if (relu) {
    for (int i = 0; i < n; ++i) a[i] = a[i] > T(0) ? a[i] : T(0);
  } else {
    simd::tanh(a, a, n);
  }
}

// dh: [B, H] gradient w.r.t. h(t); h: the saved output; da: [B, H] gradient w.r.t. the pre-activation.
// Derivatives come from the saved output: tanh' = 1 - h^2, relu' = [h > 0].
template <class T> void backward(bool relu, int B, int H, const T* h, const T* dh, T* da) {
  const int n = B * H;
  if (relu) {
    for (int i = 0; i < n; ++i) da[i] = h[i] > T(0) ? dh[i] : T(0);
  } else {
    for (int i = 0; i < n; ++i) da[i] = dh[i] * (T(1) - h[i] * h[i]);
  }
}

// Forward-mode derivative: K tangent rows of the pre-activation (da) give K tangent rows of h (dh).
// h is the saved output of the single probe stream (B = 1), shared by every tangent row.
template <class T> void tangent(bool relu, int K, int H, const T* h, const T* da, T* dh) {
  for (int k = 0; k < K; ++k)
    for (int j = 0; j < H; ++j) {
      const T d = relu ? (h[j] > T(0) ? T(1) : T(0)) : T(1) - h[j] * h[j];
      dh[k * H + j] = d * da[k * H + j];
    }
}

}  // namespace rp::rnn_cell
