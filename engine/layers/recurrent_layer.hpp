// One recurrent layer (any cell) over a window of T steps for B streams: the input projection for all steps at
// once, the time loop with one recurrent matrix product per step, and backpropagation through time as its
// mirror. The cell's pointwise math lives behind engine/layers/cells/cell.hpp; nothing here depends on which.
// Parameters, named as PyTorch's nn.RNN/LSTM/GRU (k = layer index):
//   {prefix}weight_ih_l{k} [G*H, I]   {prefix}weight_hh_l{k} [G*H, H]   {prefix}bias_ih_l{k} [G*H]
//   {prefix}bias_hh_l{k} [G*H]        and the row's extras, {prefix}{extra}_l{k} [H] (peepholes)
// (no biases with bias=false, as PyTorch's bias=False), and with norm=layer the gains and shifts that
// engine/layers/recurrent_options.hpp names. Dropout (engine/layers/dropout.hpp) is drawn into a
// window's buffers by draw_dropout; buffers without masks (evaluation, sampling, probes) run without it.
#pragma once
#include <string>

#include <memory>
#include <vector>

#include "engine/layers/cells/cell.hpp"
#include "engine/layers/dropout.hpp"
#include "engine/layers/recurrent_options.hpp"
#include "engine/core/dims.hpp"
#include "engine/core/param_store.hpp"
#include "engine/core/rng.hpp"

namespace rp {

// A layer's input: token ids [T, B] (one-hot input, the projection is a column gather) or dense [T, B, I].
template <class T> struct LayerInput {
  const TokenId* ids = nullptr;
  const T* dense = nullptr;
};

// A window's dropout masks (inverted: 0 or 1/(1-P)) and what forward saves of the masked quantities. Empty
// tensors: that part is not dropped. A mask of one step (variational) serves every step.
template <class T> struct LayerDropout {
  bool per_step = true;  // x_mask and h_mask hold [T, B, .] (a new mask every step), else [1, B, .]
  Tensor3<T> x_mask;     // [T|1, B, I] on the dense input
  Tensor3<T> h_mask;     // [T|1, B, H] on h(t-1) where it enters W_hh
  Tensor2<T> w_mask;     // [G*H, H]    on W_hh (DropConnect)
  Tensor3<T> x;          // [T, B, I]   the masked input
  Tensor3<T> h;          // [T, B, H]   the masked h(t-1)
  Tensor2<T> dh;         // [B, H]      scratch: d(masked h(t-1))
  Tensor2<T> w_hh_t, w_hh_p, dw_hh;  // the masked W_hh's two copies (as the layer's) and its gradient scratch

  bool any() const { return x_mask.size() || h_mask.size() || w_mask.size(); }
};

// Everything one window of one layer saves for backward, sized once for (T, B). Time-major.
template <class T> struct LayerBuffers {
  int max_steps = 0, batch = 0;
  Tensor3<T> gates;     // [T, B, G*H] post-activation gates (input projection before the step)
  Tensor3<T> hp;        // [T, B, G*H] recurrent projection (separate_recurrent cells: GRU's hn is needed later;
                        //             norm=layer: normalised apart from the input's)
  Tensor3<T> h;         // [T+1, B, H] h[0] is the initial state
  Tensor3<T> c;         // [T+1, B, H] cells with a cell state only
  Tensor3<T> tc;        // [T, B, H]   tanh(c), cells with a cell state only
  Tensor3<T> dgates;    // [T, B, G*H] gradient w.r.t. the input projection
  Tensor3<T> dhp;       // [T, B, G*H] gradient w.r.t. the recurrent projection (as hp; else = dgates)
  Tensor3<T> ln_ih_hat, ln_hh_hat;    // [T, B, G*H] norm=layer: the normalised projections
  Tensor3<T> ln_ih_rstd, ln_hh_rstd;  // [T, B, G]   and their 1 / standard deviations, per gate block
  Tensor3<T> c_hat;     // [T, B, H]   norm=layer, cell state: the normalised c(t)
  Tensor2<T> c_rstd;    // [T, B]
  Tensor2<T> dh;        // [B, H] total gradient at h(t) during backward
  Tensor2<T> dh_carry;  // [B, H] gradient w.r.t. h(t) from later steps; after backward: w.r.t. h[0]
  Tensor2<T> dc_carry;  // [B, H] same for c (cells with a cell state)
  Tensor2<T> dw_ih_t;   // [I, G*H] one-hot input: weight gradient gathered by rows, transposed at the end
  Tensor1<T> dh_norm;   // [T] ||dL/dh(t)|| over the batch, recorded by backward for the gradient-flow view
  LayerDropout<T> drop; // this window's masks, when training with dropout
};

// The parameters of one layer (one direction): weights, biases unless bias=false, the row's extras, and
// norm=layer's gains and shift. Estimators count with this.
int64_t recurrent_layer_params(const CellType& cell, int64_t input_size, int64_t hidden, const RecurrentOptions& o);

// Forward-mode scratch for the sensitivity probe (B = 1, K tangent directions).
template <class T> struct TangentBuffers {
  Tensor2<T> da, dhp, dh_prev, dc;  // [K, G*H], [K, G*H], [K, H], [K, H]
};

template <class T> class RecurrentLayer {
 public:
  // Names are {prefix}weight_ih_l{index}{suffix} etc.; suffix "_reverse" names a bidirectional layer's
  // backward direction as PyTorch does.
  RecurrentLayer(const CellType& cell, int input_size, int hidden, int index, const std::string& prefix,
                 ParamStore<T>& store, const std::string& suffix = "", const RecurrentOptions& options = {});

  const CellType& cell() const { return type_; }
  int input_size() const { return in_; }
  int hidden() const { return H_; }
  int gates() const { return G_; }
  bool bias() const { return b_ih_ >= 0; }
  bool normalised() const { return norm_; }

  // PyTorch's default: every weight and bias ~ U(-1/sqrt(H), 1/sqrt(H)); extras likewise.
  void init(Rng& rng);
  // Refreshes the transposed weight copies the matrix products read; call after weights change.
  void prepare();

  void resize(LayerBuffers<T>& buf, int max_steps, int batch) const;
  void resize(TangentBuffers<T>& tb, int K) const;

  // Draws the masks of the next Tn steps into buf (sized on first use): the input mask when `input` (a dense
  // input: the layer below or an embedding), h(t-1)'s or W_hh's as the kind says. The masks stay until the next
  // draw or clear, so a gradient check can run forward and backward again with the same ones.
  void draw_dropout(const DropoutConfig& d, bool input, int Tn, Rng& rng, LayerBuffers<T>& buf) const;
  static void clear_dropout(LayerBuffers<T>& buf) { buf.drop = LayerDropout<T>(); }

  // Runs Tn <= max_steps steps; buf.h[0] (and buf.c[0]) must hold the initial state.
  void forward(LayerInput<T> x, int Tn, LayerBuffers<T>& buf) const;

  // dH: [T, B, H] gradient from the layer above or the head (read only). buf.dh_carry / dc_carry: gradient
  // w.r.t. the final state in (zero for truncated BPTT), w.r.t. the initial state out. Adds parameter
  // gradients into the store; writes dX [T, B, I] when non-null (dense input only).
  void backward(LayerInput<T> x, int Tn, LayerBuffers<T>& buf, const T* dH, T* dX);

  // One step t of the same computation, for loops that need each step's output before the next input exists
  // (a decoder feeding back attention): x is that step's input [B, I]; buf.h[t] (and c[t]) the previous state.
  void forward_step(LayerInput<T> x, int t, LayerBuffers<T>& buf) const;
  // Mirror of forward_step, called for t = last..0: dH_t [B, H] from above (or null), dX_t [B, I] written when
  // non-null (dense input); the carries chain the steps exactly as in backward. Parameter gradients are left
  // for weight_gradients, called once over all the steps after the loop.
  void backward_step(int t, LayerBuffers<T>& buf, const T* dH_t, T* dX_t);
  // Parameter gradients of steps [t0, t0 + n) after their backward steps; x points at those steps' inputs.
  void weight_gradients(LayerInput<T> x, int t0, int n, LayerBuffers<T>& buf);

  // Forward-mode pass after a forward with B = 1: dX [Tn, K, I] is the input tangent (null: the identity at
  // step 0 and zero after, i.e. d/dx(1)); writes dH_out [Tn, K, H] = dh(t)/d(direction k).
  void tangent(const T* dX, int Tn, int K, const LayerBuffers<T>& buf, TangentBuffers<T>& tb, T* dH_out) const;

 private:
  void project_input(LayerInput<T> x, int rows, T* out) const;
  // Steps [t0, t0 + n) of x with the input mask applied (into buf.drop.x), or x itself when not masked.
  LayerInput<T> masked_input(LayerInput<T> x, int t0, int n, LayerBuffers<T>& buf) const;
  // The projections of step t in gates and hp (raw) normalised, scaled, with the biases, and summed into
  // gates unless the cell keeps them apart (norm=layer).
  void normalise_step(int t, LayerBuffers<T>& buf) const;
  // The recurrent projection kept in buf.hp / dhp (GRU's, or any cell's when normalised)?
  bool apart() const { return type_.separate_recurrent || norm_; }
  // Rebuilds the masked W_hh copies from the current weights (DropConnect).
  void mask_weights(LayerBuffers<T>& buf) const;
  // The saved quantities of step t, as the cell reads them.
  CellStep<T> step(int t, const LayerBuffers<T>& buf) const;
  // The recurrent product and cell of step t, its input projection already in buf.gates[t].
  void recur_forward(int t, LayerBuffers<T>& buf) const;
  // Step t of BPTT: dh = dH_t + dh_carry through the cell into dgates[t]; updates the carries.
  void recur_backward(int t, LayerBuffers<T>& buf, const T* dH_t);
  // dX [n*B, I] = d(input projection) W_ih for steps [t0, t0 + n).
  void input_gradient(int t0, int n, const LayerBuffers<T>& buf, T* dX) const;

  const CellType& type_;
  std::unique_ptr<Cell<T>> cell_;
  int in_, H_, G_;
  ParamStore<T>& store_;
  int w_ih_, w_hh_, b_ih_, b_hh_;
  bool norm_ = false;
  int ln_ih_ = -1, ln_hh_ = -1, ln_c_ = -1, ln_c_bias_ = -1;  // norm=layer's gains (and the cell's shift)
  std::vector<int> extra_ids_;
  std::vector<const T*> extra_values_;  // pointers into the store, set once it is allocated
  std::vector<T*> extra_grads_;
  // Weight copies the products stream by rows, with padded row strides (kernels.hpp: padded_stride):
  Tensor2<T> w_ih_t_;  // [I, ld(G*H)]  W_ih transposed
  Tensor2<T> w_hh_t_;  // [H, ld(G*H)]  W_hh transposed (forward)
  Tensor2<T> w_hh_p_;  // [G*H, ld(H)]  W_hh itself (backward: dh(t-1) = da(t) W_hh)
  int ld_g_ = 0, ld_h_ = 0;
};

}  // namespace rp
