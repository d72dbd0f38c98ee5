// Embedding table (PyTorch's nn.Embedding): row ids[r] of the weight for each of `rows` token ids.
//   {prefix}weight [V, E]
// Output rows are strided, so the embedding can fill the first E columns of a wider row (seq2seq's decoder
// input [embed(y); context], E + Hd wide). backward is the mirror scatter: it ADDS each gradient row into the
// weight gradient's row of its id, so repeated ids accumulate; zeroing is the caller's step.
#pragma once
#include <algorithm>
#include <string>

#include "engine/core/dims.hpp"
#include "engine/core/kernels.hpp"
#include "engine/core/param_store.hpp"
#include "engine/core/rng.hpp"

namespace rp {

template <class T> class Embedding {
 public:
  // Declares {prefix}weight [V, E] in `store` (before store.allocate()).
  Embedding(int vocab, int dim, const std::string& prefix, ParamStore<T>& store)
      : V_(vocab), E_(dim), store_(store), w_(store.add(prefix + "weight", {vocab, dim})) {}

  int vocab() const { return V_; }
  int dim() const { return E_; }
  int weight_id() const { return w_; }

  // PyTorch's default: every element ~ N(0, 1), drawn in storage order.
  void init(Rng& rng) {
    T* w = store_.value(w_);
    for (int64_t i = 0; i < int64_t(V_) * E_; ++i) w[i] = T(rng.normal());
  }

  // ids: [rows] in [0, V).  out: [rows, E] with row stride ld_out (>= E); the columns after E are untouched.
  void forward(int rows, const TokenId* ids, T* out, int ld_out) const {
    const T* table = store_.value(w_);  // [V, E]
    for (int r = 0; r < rows; ++r) std::copy_n(table + size_t(ids[r]) * E_, E_, out + size_t(r) * ld_out);
  }

  // ids: [rows] as given to forward.  dout: [rows, E] with row stride ld_dout.  dW [V, E]: row ids[r] += dout[r].
  void backward(int rows, const TokenId* ids, const T* dout, int ld_dout) {
    T* dw = store_.grad(w_);  // [V, E]
    for (int r = 0; r < rows; ++r) simd::add(dout + size_t(r) * ld_dout, dw + size_t(ids[r]) * E_, E_);
  }

 private:
  int V_, E_;
  ParamStore<T>& store_;
  int w_;
};

}  // namespace rp
