// Dimension letters used in every shape comment of the engine:
//   B batch (parallel streams)    T time steps in a window     S source steps (seq2seq)
//   V vocabulary size             E embedding size (0 = one-hot input)
//   H hidden size                 L layers                      G gates per cell (RNN 1, LSTM 4, GRU 3)
//   I input size of a layer (V or E for the first, H above it)  K tangent directions (probe Jacobians)
// Buffers are time-major, [T, B, X], so the block of one step is contiguous; weights are row-major (out, in)
// exactly as in PyTorch, so a state dict maps one to one.
#pragma once
#include <cstddef>
#include <cstdint>
#include <xtensor/xtensor.hpp>

namespace rp {

template <class T> using Tensor1 = xt::xtensor<T, 1>;
template <class T> using Tensor2 = xt::xtensor<T, 2>;
template <class T> using Tensor3 = xt::xtensor<T, 3>;

// Zero-filled tensors, for buffers sized once per configuration.
template <class T> Tensor2<T> zeros(size_t a, size_t b) {
  Tensor2<T> t = Tensor2<T>::from_shape({a, b});
  t.fill(T(0));
  return t;
}
template <class T> Tensor3<T> zeros(size_t a, size_t b, size_t c) {
  Tensor3<T> t = Tensor3<T>::from_shape({a, b, c});
  t.fill(T(0));
  return t;
}

// Token ids are int32 everywhere: vocabularies are at most a few thousand code points.
using TokenId = int32_t;

}  // namespace rp
