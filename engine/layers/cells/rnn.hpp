// Vanilla (Elman) RNN, one time step over B rows:  h(t) = act(W_ih x(t) + b_ih + W_hh h(t-1) + b_hh),
// act = tanh or relu (the registry's cells), or identity or sigmoid (only the worked-example lab, engine/lab,
// uses those: a linear RNN is the lectures' example, and neither trains a language model well). The layer has
// summed both projections and both biases into `gates` [B, H].
// Derivatives come from the saved output: tanh' = 1 - h^2, relu' = [h > 0], identity' = 1, sigmoid' = h(1 - h).
#pragma once
#include <algorithm>

#include "engine/core/kernels.hpp"
#include "engine/layers/cells/cell.hpp"

namespace rp::cells {

enum class Activation { Tanh, Relu, Identity, Sigmoid };

template <class T, Activation A> class Rnn final : public Cell<T> {
 public:
  void forward(const CellStep<T>& s) const override {
    const int n = s.B * s.H;
    if (A == Activation::Relu) {
      for (int i = 0; i < n; ++i) s.gates[i] = s.gates[i] > T(0) ? s.gates[i] : T(0);
    } else if (A == Activation::Sigmoid) {
      simd::sigmoid(s.gates, s.gates, n);
    } else if (A == Activation::Tanh) {
      simd::tanh(s.gates, s.gates, n);
    }
    std::copy_n(s.gates, n, s.h);
  }

  void backward(const CellStep<T>& s, const CellGrads<T>& g) const override {
    const int n = s.B * s.H;
    for (int i = 0; i < n; ++i) g.dgates[i] = g.dh[i] * derivative(s.h[i]);
    std::fill_n(g.dh_prev, n, T(0));  // every path to h(t-1) goes through W_hh
  }

  void tangent(const CellStep<T>& s, const CellTangents<T>& d) const override {
    for (int k = 0; k < d.K; ++k)
      for (int j = 0; j < s.H; ++j) d.dh[k * s.H + j] = derivative(s.h[j]) * d.da[k * s.H + j];
  }

 private:
  static T derivative(T h) {
    if (A == Activation::Relu) return h > T(0) ? T(1) : T(0);
    if (A == Activation::Identity) return T(1);
    if (A == Activation::Sigmoid) return h * (T(1) - h);
    return T(1) - h * h;
  }
};

template <class T> using RnnTanh = Rnn<T, Activation::Tanh>;
template <class T> using RnnRelu = Rnn<T, Activation::Relu>;
template <class T> using RnnLinear = Rnn<T, Activation::Identity>;
template <class T> using RnnSigmoid = Rnn<T, Activation::Sigmoid>;

}  // namespace rp::cells
