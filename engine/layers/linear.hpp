// Fully connected layer, y = x W^T + b, over `rows` independent rows (PyTorch's nn.Linear):
//   {prefix}weight [O, I]   {prefix}bias [O]        (I = in features, O = out features)
// Rows of x, y and their gradients are strided (ld_*), so a caller can read or write a column block of a
// wider row (seq2seq's output layer reads [s(t); c(t)] rows, the bridge writes every layer's initial state).
// forward/backward follow llm.c: outputs, inputs, sizes; backward ADDS into every gradient it touches (dW, db
// and dx), and zeroing is the caller's step.
#pragma once
#include <string>

#include "engine/core/dims.hpp"
#include "engine/core/param_store.hpp"
#include "engine/core/rng.hpp"

namespace rp {

template <class T> class Linear {
 public:
  // Declares the weight, then the bias, in `store` (before store.allocate()).
  Linear(int in_features, int out_features, const std::string& prefix, ParamStore<T>& store);

  int in_features() const { return in_; }
  int out_features() const { return out_; }
  int weight_id() const { return w_; }
  int bias_id() const { return b_; }

  // PyTorch's default: weight, then bias, each element ~ U(-1/sqrt(I), 1/sqrt(I)), drawn in storage order.
  void init(Rng& rng);
  // Refreshes the transposed weight copy the forward product streams by rows; call after the weights change.
  void prepare();

  // x: [rows, I] with row stride ld_x.  y: [rows, O] with row stride ld_y, overwritten.
  void forward(int rows, const T* x, int ld_x, T* y, int ld_y) const;
  // x: [rows, I] (stride ld_x) as given to forward.  dy: [rows, O] (stride ld_dy).
  // Adds dW [O, I] += dy^T x and db [O] += sum of the rows of dy into the store's gradients, and, when dx is
  // non-null, dx [rows, I] (stride ld_dx) += dy W: dx is accumulated into, never overwritten.
  void backward(int rows, const T* x, int ld_x, const T* dy, int ld_dy, T* dx, int ld_dx);

 private:
  int in_, out_;
  ParamStore<T>& store_;
  int w_ = -1, b_ = -1;
  int ld_t_ = 0;      // row stride of w_t_ (kernels.hpp: padded_stride(O))
  Tensor2<T> w_t_;    // [I, ld_t_] W transposed: row i holds W(:, i)
};

}  // namespace rp
