// L recurrent layers of one cell over a padded batch of sequences, optionally bidirectional (Schuster &
// Paliwal 1997). The forward direction reads each sequence left to right; the backward direction reads it
// reversed within its own length, padding left in place after it, so padding never reaches a real position's
// state. Layer l+1 reads layer l's output [fwd h(s); bwd h(s)] (D = H, or 2H when bidirectional).
// Final states: the forward direction's after the last real position, the backward direction's after the
// first (PyTorch's h_n for packed sequences). Both directions start from zero states.
// Parameters, as nn.LSTM/GRU/RNN(bidirectional=True) names them (engine/layers/recurrent_layer.hpp):
//   {prefix}*_l{k} (forward), {prefix}*_l{k}_reverse (backward); declared layer by layer, forward first.
// Used by seq2seq's encoder and by the classifier.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "engine/layers/recurrent_layer.hpp"

namespace rp {

// Everything one batch saves for backward, sized once for (max_steps, batch). Time-major.
template <class T> struct StackBuffers {
  int max_steps = 0, batch = 0;
  int S = 0;                              // the current batch's padded length
  std::vector<int> len;                   // [B] its lengths, each clamped to [1, S]
  std::vector<LayerBuffers<T>> fwd, bwd;  // [L] per direction
  std::vector<Tensor3<T>> rev_in;         // [L] [S, B, I] the backward direction's dense inputs, each reversed
  std::vector<TokenId> rev_ids;           // [S, B] the same for one-hot input to the first layer
  std::vector<Tensor3<T>> out, d_out;     // [L] [S, B, D] each layer's output and its gradient
  Tensor3<T> dh_f, dh_b, d_rev;           // [S, B, H], [S, B, H] (reversed time), [S, B, max(I, D)] scratch
};

template <class T> class RecurrentStack {
 public:
  RecurrentStack(const CellType& cell, int input_size, int hidden, int layers, bool bidirectional,
                 const std::string& prefix, ParamStore<T>& store, const RecurrentOptions& options = {});

  int layers() const { return int(fwd_.size()); }
  int hidden() const { return H_; }
  bool bidirectional() const { return !bwd_.empty(); }
  int output_size() const { return bidirectional() ? 2 * H_ : H_; }  // D
  const RecurrentLayer<T>& forward_layer(int l) const { return *fwd_[size_t(l)]; }

  // Every forward layer, then every backward layer (the order fixes what a seed gives).
  void init(Rng& rng);
  void prepare();
  void resize(StackBuffers<T>& buf, int max_steps, int batch) const;
  // Every layer's dropout masks for the next S steps (engine/layers/dropout.hpp), in both directions; the first
  // layer's input only when it is dense (an embedding). Kept until the next draw or clear.
  void draw_dropout(const DropoutConfig& d, bool dense_input, int S, Rng& rng, StackBuffers<T>& buf) const;
  void clear_dropout(StackBuffers<T>& buf) const;

  // x: the first layer's input, ids [S, B] or dense [S, B, I]; len [B]. Leaves every layer's output in buf.out.
  void forward(LayerInput<T> x, const int* len, int S, StackBuffers<T>& buf) const;
  const T* output(const StackBuffers<T>& buf) const { return buf.out.back().data(); }  // [S, B, D]
  // The final states [B, D]: [fwd h after len; bwd h after the first position].
  void final_states(const StackBuffers<T>& buf, T* out) const;

  // The top layer's output gradient [S, B, D], zeroed by zero_output_grad, for the caller to add into.
  T* d_output(StackBuffers<T>& buf) const { return buf.d_out.back().data(); }
  void zero_output_grad(StackBuffers<T>& buf) const { buf.d_out.back().fill(T(0)); }
  // After forward: adds parameter gradients from d_output and from d_final [B, D] (the final states' gradient,
  // or null); writes dX [S, B, I] when non-null (dense input only).
  void backward(LayerInput<T> x, StackBuffers<T>& buf, const T* d_final, T* dX);

 private:
  int in_, H_;
  std::vector<std::unique_ptr<RecurrentLayer<T>>> fwd_, bwd_;
};

}  // namespace rp
