#include "engine/layers/recurrent_layer.hpp"

#include <algorithm>
#include <cmath>

#include "engine/core/kernels.hpp"
#include "engine/layers/layer_norm.hpp"

namespace rp {
namespace {

// out[j, i] = in[i, j] for a [rows, cols] row-major input; out has row stride ld_out.
template <class T> void transpose(const T* in, int rows, int cols, T* out, int ld_out) {
  for (int i = 0; i < rows; ++i)
    for (int j = 0; j < cols; ++j) out[size_t(j) * ld_out + i] = in[size_t(i) * cols + j];
}

// Copies a [rows, cols] row-major matrix into rows of stride ld_out.
template <class T> void copy_rows(const T* in, int rows, int cols, T* out, int ld_out) {
  for (int i = 0; i < rows; ++i) std::copy_n(in + size_t(i) * cols, cols, out + size_t(i) * ld_out);
}

}  // namespace

int64_t recurrent_layer_params(const CellType& cell, int64_t input_size, int64_t hidden, const RecurrentOptions& o) {
  const int64_t GH = int64_t(cell.blocks) * hidden;
  int64_t n = GH * (input_size + hidden) + int64_t(cell.extras.size()) * hidden;
  if (o.bias) n += 2 * GH;
  if (o.norm == Norm::Layer) n += 2 * GH + (cell.cell_state ? 2 * hidden : 0);
  return n;
}

template <class T>
RecurrentLayer<T>::RecurrentLayer(const CellType& cell, int input_size, int hidden, int index, const std::string& prefix,
                                  ParamStore<T>& store, const std::string& suffix, const RecurrentOptions& options)
    : type_(cell), cell_(cell.make<T>()), in_(input_size), H_(hidden), G_(cell.blocks), store_(store),
      norm_(options.norm == Norm::Layer) {
  const bool bias = options.bias;
  const std::string k = "_l" + std::to_string(index) + suffix;
  const int64_t GH = int64_t(G_) * H_;
  w_ih_ = store.add(prefix + "weight_ih" + k, {GH, in_});
  w_hh_ = store.add(prefix + "weight_hh" + k, {GH, H_});
  b_ih_ = bias ? store.add(prefix + "bias_ih" + k, {GH}) : -1;
  b_hh_ = bias ? store.add(prefix + "bias_hh" + k, {GH}) : -1;
  for (const char* extra : cell.extras) extra_ids_.push_back(store.add(prefix + extra + k, {H_}));
  if (norm_) {
    ln_ih_ = store.add(prefix + "ln_ih_weight" + k, {GH});
    ln_hh_ = store.add(prefix + "ln_hh_weight" + k, {GH});
    if (cell.cell_state) {
      ln_c_ = store.add(prefix + "ln_c_weight" + k, {H_});
      ln_c_bias_ = store.add(prefix + "ln_c_bias" + k, {H_});
    }
  }
  ld_g_ = padded_stride(int(GH));
  ld_h_ = padded_stride(H_);
  w_ih_t_ = zeros<T>(in_, ld_g_);
  w_hh_t_ = zeros<T>(H_, ld_g_);
  w_hh_p_ = zeros<T>(GH, ld_h_);
}

template <class T> void RecurrentLayer<T>::init(Rng& rng) {
  const double bound = 1.0 / std::sqrt(double(H_));
  std::vector<int> ids = {w_ih_, w_hh_};
  if (bias()) ids.insert(ids.end(), {b_ih_, b_hh_});
  ids.insert(ids.end(), extra_ids_.begin(), extra_ids_.end());
  for (int id : ids) {
    T* p = store_.value(id);
    for (int64_t i = 0; i < store_.specs()[id].size; ++i) p[i] = T(rng.uniform(-bound, bound));
  }
  // Normalisation starts as the identity: gains 1, shift 0 (no draws, so the other weights are as without it).
  for (int id : {ln_ih_, ln_hh_, ln_c_})
    if (id >= 0) std::fill_n(store_.value(id), store_.specs()[id].size, T(1));
  if (ln_c_bias_ >= 0) std::fill_n(store_.value(ln_c_bias_), H_, T(0));
}

template <class T> void RecurrentLayer<T>::prepare() {
  transpose(store_.value(w_ih_), G_ * H_, in_, w_ih_t_.data(), ld_g_);
  transpose(store_.value(w_hh_), G_ * H_, H_, w_hh_t_.data(), ld_g_);
  copy_rows(store_.value(w_hh_), G_ * H_, H_, w_hh_p_.data(), ld_h_);
  extra_values_.clear();
  extra_grads_.clear();
  for (int id : extra_ids_) {
    extra_values_.push_back(store_.value(id));
    extra_grads_.push_back(store_.grad(id));
  }
}

template <class T> void RecurrentLayer<T>::resize(LayerBuffers<T>& buf, int max_steps, int batch) const {
  const size_t Tn = max_steps, B = batch, H = H_, GH = size_t(G_) * H_;
  const bool lstm = type_.cell_state;
  buf.max_steps = max_steps;
  buf.batch = batch;
  buf.gates = zeros<T>(Tn, B, GH);
  buf.hp = zeros<T>(apart() ? Tn : 0, B, GH);
  buf.h = zeros<T>(Tn + 1, B, H);
  buf.c = zeros<T>(lstm ? Tn + 1 : 0, B, H);
  buf.tc = zeros<T>(lstm ? Tn : 0, B, H);
  buf.dgates = zeros<T>(Tn, B, GH);
  buf.dhp = zeros<T>(apart() ? Tn : 0, B, GH);
  const size_t N = norm_ ? Tn : 0;
  buf.ln_ih_hat = zeros<T>(N, B, GH);
  buf.ln_hh_hat = zeros<T>(N, B, GH);
  buf.ln_ih_rstd = zeros<T>(N, B, G_);
  buf.ln_hh_rstd = zeros<T>(N, B, G_);
  buf.c_hat = zeros<T>(norm_ && lstm ? Tn : 0, B, H);
  buf.c_rstd = zeros<T>(norm_ && lstm ? Tn : 0, B);
  buf.dh = zeros<T>(B, H);
  buf.dh_carry = zeros<T>(B, H);
  buf.dc_carry = zeros<T>(B, H);
  buf.dw_ih_t = zeros<T>(in_, GH);
  buf.dh_norm = Tensor1<T>::from_shape({Tn});
  buf.dh_norm.fill(T(0));
}

template <class T> void RecurrentLayer<T>::resize(TangentBuffers<T>& tb, int K) const {
  const size_t GH = size_t(G_) * H_;
  tb.da = zeros<T>(K, GH);
  tb.dhp = zeros<T>(K, GH);
  tb.dh_prev = zeros<T>(K, H_);
  tb.dc = zeros<T>(K, H_);
}

template <class T>
void RecurrentLayer<T>::draw_dropout(const DropoutConfig& d, bool input, int Tn, Rng& rng, LayerBuffers<T>& buf) const {
  LayerDropout<T>& m = buf.drop;
  if (!d.on()) {
    clear_dropout(buf);
    return;
  }
  const size_t B = buf.batch, H = H_, I = in_, GH = size_t(G_) * H_, steps = d.per_step() ? Tn : 1;
  const size_t room = buf.max_steps;
  auto size3 = [](Tensor3<T>& x, size_t a, size_t b, size_t c) {
    if (x.shape(0) != a || x.shape(1) != b || x.shape(2) != c) x = Tensor3<T>::from_shape({a, b, c});
  };
  auto size2 = [](Tensor2<T>& x, size_t a, size_t b) {
    if (x.shape(0) != a || x.shape(1) != b) x = Tensor2<T>::from_shape({a, b});
  };
  m.per_step = d.per_step();
  // The order of the draws is part of the contract (the same seed, the same masks): input, h(t-1), W_hh.
  if (input) {
    size3(m.x_mask, d.per_step() ? room : 1, B, I);
    size3(m.x, room, B, I);
    draw_mask(rng, d.p, m.x_mask.data(), steps * B * I);
  } else {
    m.x_mask = Tensor3<T>();
  }
  if (d.recurrent()) {
    size3(m.h_mask, d.per_step() ? room : 1, B, H);
    size3(m.h, room, B, H);
    size2(m.dh, B, H);
    draw_mask(rng, d.p, m.h_mask.data(), steps * B * H);
  } else {
    m.h_mask = Tensor3<T>();
  }
  if (d.weights()) {
    size2(m.w_mask, GH, H);
    size2(m.w_hh_t, H, ld_g_);
    size2(m.w_hh_p, GH, ld_h_);
    size2(m.dw_hh, GH, H);
    m.w_hh_t.fill(T(0));
    m.w_hh_p.fill(T(0));
    draw_mask(rng, d.p, m.w_mask.data(), GH * H);
  } else {
    m.w_mask = Tensor2<T>();
  }
}

template <class T> void RecurrentLayer<T>::mask_weights(LayerBuffers<T>& buf) const {
  LayerDropout<T>& m = buf.drop;
  const int GH = G_ * H_;
  const T* w = store_.value(w_hh_);
  const T* mask = m.w_mask.data();
  for (int g = 0; g < GH; ++g)
    for (int j = 0; j < H_; ++j) {
      const T v = w[size_t(g) * H_ + j] * mask[size_t(g) * H_ + j];
      m.w_hh_t(j, g) = v;
      m.w_hh_p(g, j) = v;
    }
}

template <class T>
LayerInput<T> RecurrentLayer<T>::masked_input(LayerInput<T> x, int t0, int n, LayerBuffers<T>& buf) const {
  const LayerDropout<T>& m = buf.drop;
  if (!m.x_mask.size() || !x.dense) return x;
  const size_t step = size_t(buf.batch) * in_;
  T* out = const_cast<T*>(m.x.data()) + t0 * step;
  for (int t = 0; t < n; ++t)
    apply_mask(x.dense + t * step, m.x_mask.data() + (m.per_step ? (t0 + t) * step : 0), out + t * step, step);
  LayerInput<T> y;
  y.dense = out;
  return y;
}

template <class T> void RecurrentLayer<T>::project_input(LayerInput<T> x, int rows, T* out) const {
  const int GH = G_ * H_;
  if (x.ids) {
    for (int r = 0; r < rows; ++r) std::copy_n(w_ih_t_.data() + size_t(x.ids[r]) * ld_g_, GH, out + size_t(r) * GH);
  } else {
    simd::gemm(rows, GH, in_, x.dense, in_, 1, w_ih_t_.data(), ld_g_, out, GH, false);
  }
  // Both biases enter the pre-activation, except b_hh of a separate recurrent projection (GRU's reset product).
  if (!bias() || norm_) return;  // normalised: the biases come after the normalisation
  const T* b_ih = store_.value(b_ih_);
  const T* b_hh = store_.value(b_hh_);
  for (int r = 0; r < rows; ++r) {
    simd::add(b_ih, out + size_t(r) * GH, GH);
    if (!type_.separate_recurrent) simd::add(b_hh, out + size_t(r) * GH, GH);
  }
}

template <class T> CellStep<T> RecurrentLayer<T>::step(int t, const LayerBuffers<T>& buf) const {
  const size_t step_g = size_t(buf.batch) * G_ * H_, step_h = size_t(buf.batch) * H_;
  auto at = [](const Tensor3<T>& x, size_t offset) { return x.size() ? const_cast<T*>(x.data()) + offset : nullptr; };
  CellStep<T> s;
  s.B = buf.batch;
  s.H = H_;
  s.t = t;
  s.gates = at(buf.gates, t * step_g);
  s.hp = at(buf.hp, t * step_g);
  s.h_prev = at(buf.h, t * step_h);
  s.h = at(buf.h, (t + 1) * step_h);
  s.c_prev = at(buf.c, t * step_h);
  s.c = at(buf.c, (t + 1) * step_h);
  s.tc = at(buf.tc, t * step_h);
  s.extra = extra_values_.data();
  if (ln_c_ >= 0) {
    s.ln_gain = store_.value(ln_c_);
    s.ln_shift = store_.value(ln_c_bias_);
    s.c_hat = at(buf.c_hat, t * step_h);
    s.c_rstd = const_cast<T*>(buf.c_rstd.data()) + size_t(t) * buf.batch;
  }
  return s;
}

template <class T> void RecurrentLayer<T>::recur_forward(int t, LayerBuffers<T>& buf) const {
  const int B = buf.batch, H = H_, GH = G_ * H_;
  const CellStep<T> s = step(t, buf);
  const LayerDropout<T>& m = buf.drop;
  const T* h_in = s.h_prev;  // h(t-1) as W_hh reads it: masked under naive and variational dropout
  if (m.h_mask.size()) {
    const size_t step_h = size_t(B) * H;
    T* hd = const_cast<T*>(m.h.data()) + t * step_h;
    apply_mask(s.h_prev, m.h_mask.data() + (m.per_step ? t * step_h : 0), hd, step_h);
    h_in = hd;
  }
  const T* w = m.w_mask.size() ? m.w_hh_t.data() : w_hh_t_.data();
  if (apart()) {
    simd::gemm(B, GH, H, h_in, H, 1, w, ld_g_, s.hp, GH, false);
    if (norm_)
      normalise_step(t, buf);
    else if (bias())
      for (int b = 0; b < B; ++b) simd::add(store_.value(b_hh_), s.hp + size_t(b) * GH, GH);
  } else {
    simd::gemm(B, GH, H, h_in, H, 1, w, ld_g_, s.gates, GH, true);
  }
  cell_->forward(s);
}

template <class T> void RecurrentLayer<T>::normalise_step(int t, LayerBuffers<T>& buf) const {
  const int B = buf.batch, H = H_, GH = G_ * H_;
  const size_t at = size_t(t) * B * GH, at_r = size_t(t) * B * G_;
  T* gates = buf.gates.data() + at;
  T* hp = buf.hp.data() + at;
  const T* gain_ih = store_.value(ln_ih_);
  const T* gain_hh = store_.value(ln_hh_);
  for (int r = 0; r < B * G_; ++r) {  // every row's every gate block
    const size_t o = size_t(r) * H;
    buf.ln_ih_rstd.data()[at_r + r] =
        layer_norm::forward(gates + o, H, gain_ih + (r % G_) * H, (const T*)nullptr, buf.ln_ih_hat.data() + at + o, gates + o);
    buf.ln_hh_rstd.data()[at_r + r] =
        layer_norm::forward(hp + o, H, gain_hh + (r % G_) * H, (const T*)nullptr, buf.ln_hh_hat.data() + at + o, hp + o);
  }
  for (int b = 0; b < B; ++b) {
    T* gb = gates + size_t(b) * GH;
    T* hb = hp + size_t(b) * GH;
    if (bias()) {
      simd::add(store_.value(b_ih_), gb, GH);
      simd::add(store_.value(b_hh_), hb, GH);
    }
    if (!type_.separate_recurrent) simd::add(hb, gb, GH);
  }
}

template <class T> void RecurrentLayer<T>::forward(LayerInput<T> x, int Tn, LayerBuffers<T>& buf) const {
  if (buf.drop.w_mask.size()) mask_weights(buf);
  project_input(masked_input(x, 0, Tn, buf), Tn * buf.batch, buf.gates.data());
  for (int t = 0; t < Tn; ++t) recur_forward(t, buf);
}

template <class T> void RecurrentLayer<T>::forward_step(LayerInput<T> x, int t, LayerBuffers<T>& buf) const {
  if (t == 0 && buf.drop.w_mask.size()) mask_weights(buf);
  project_input(masked_input(x, t, 1, buf), buf.batch, buf.gates.data() + size_t(t) * buf.batch * G_ * H_);
  recur_forward(t, buf);
}

template <class T> void RecurrentLayer<T>::recur_backward(int t, LayerBuffers<T>& buf, const T* dH_t) {
  const int B = buf.batch, H = H_, GH = G_ * H_;
  const size_t step_g = size_t(B) * GH, step_h = size_t(B) * H;
  T* dh = buf.dh.data();
  T* dh_carry = buf.dh_carry.data();
  std::copy_n(dh_carry, step_h, dh);
  if (dH_t) simd::add(dH_t, dh, int64_t(step_h));
  buf.dh_norm(t) = std::sqrt(simd::sum_squares(dh, int64_t(step_h)));
  CellGrads<T> g;
  g.dh = dh;
  g.dc = buf.dc_carry.data();
  g.dgates = buf.dgates.data() + t * step_g;
  g.dhp = type_.separate_recurrent ? buf.dhp.data() + t * step_g : nullptr;
  g.dh_prev = dh_carry;
  g.dextra = extra_grads_.data();
  if (ln_c_ >= 0) {
    g.d_ln_gain = store_.grad(ln_c_);
    g.d_ln_shift = store_.grad(ln_c_bias_);
  }
  cell_->backward(step(t, buf), g);
  const T* d_rec = g.dhp ? g.dhp : g.dgates;  // d(recurrent projection)
  if (norm_) {
    // The biases sit after the normalisation: their gradients are these; then back through it, per block.
    T* d_hh = buf.dhp.data() + t * step_g;
    if (bias())
      for (int b = 0; b < B; ++b) {
        simd::add(g.dgates + size_t(b) * GH, store_.grad(b_ih_), GH);
        simd::add(d_rec + size_t(b) * GH, store_.grad(b_hh_), GH);
      }
    const size_t at_r = size_t(t) * B * G_;
    for (int r = 0; r < B * G_; ++r) {
      const size_t o = size_t(r) * H;
      const int block = (r % G_) * H;
      layer_norm::backward(d_rec + o, buf.ln_hh_hat.data() + t * step_g + o, buf.ln_hh_rstd.data()[at_r + r],
                           store_.value(ln_hh_) + block, H, d_hh + o, store_.grad(ln_hh_) + block, (T*)nullptr);
      layer_norm::backward(g.dgates + o, buf.ln_ih_hat.data() + t * step_g + o, buf.ln_ih_rstd.data()[at_r + r],
                           store_.value(ln_ih_) + block, H, g.dgates + o, store_.grad(ln_ih_) + block, (T*)nullptr);
    }
    d_rec = d_hh;
  }
  // dh(t-1) += d(recurrent projection) W_hh, with W_hh's padded copy (row stride ld_h_), through the masks
  const LayerDropout<T>& m = buf.drop;
  const T* w = m.w_mask.size() ? m.w_hh_p.data() : w_hh_p_.data();
  if (m.h_mask.size()) {
    T* dhd = const_cast<T*>(m.dh.data());
    simd::gemm(B, H, GH, d_rec, GH, 1, w, ld_h_, dhd, H, false);
    apply_mask(dhd, m.h_mask.data() + (m.per_step ? t * step_h : 0), step_h);
    simd::add(dhd, dh_carry, int64_t(step_h));
  } else {
    simd::gemm(B, H, GH, d_rec, GH, 1, w, ld_h_, dh_carry, H, true);
  }
}

template <class T>
void RecurrentLayer<T>::weight_gradients(LayerInput<T> x, int t0, int n, LayerBuffers<T>& buf) {
  const int B = buf.batch, H = H_, GH = G_ * H_;
  const int rows = n * B;
  const size_t first = size_t(t0) * B;
  const T* d_in = buf.dgates.data() + first * GH;
  const T* d_rec = apart() ? buf.dhp.data() + first * GH : d_in;
  const LayerDropout<T>& m = buf.drop;
  const T* h_in = (m.h_mask.size() ? m.h.data() : buf.h.data()) + first * H;  // h(t-1) as W_hh read it
  if (m.w_mask.size()) {
    // DropConnect: the masked matrix's gradient, through the mask
    T* dw = const_cast<T*>(m.dw_hh.data());
    simd::gemm(GH, H, rows, d_rec, 1, GH, h_in, H, dw, H, false);
    apply_mask(dw, m.w_mask.data(), size_t(GH) * H);
    simd::add(dw, store_.grad(w_hh_), int64_t(GH) * H);
  } else {
    simd::gemm(GH, H, rows, d_rec, 1, GH, h_in, H, store_.grad(w_hh_), H, true);
  }
  if (bias() && !norm_) {  // normalised: recur_backward has added them
    T* db_ih = store_.grad(b_ih_);
    T* db_hh = store_.grad(b_hh_);
    for (int r = 0; r < rows; ++r) {
      simd::add(d_in + size_t(r) * GH, db_ih, GH);
      simd::add(d_rec + size_t(r) * GH, db_hh, GH);
    }
  }
  if (m.x_mask.size() && x.dense) x.dense = m.x.data() + first * in_;  // the masked input forward projected
  if (x.ids) {
    // One-hot input: row id of dW_ih^T collects the gradients of every step that saw that id.
    T* acc = buf.dw_ih_t.data();
    std::fill_n(acc, size_t(in_) * GH, T(0));
    for (int r = 0; r < rows; ++r) simd::add(d_in + size_t(r) * GH, acc + size_t(x.ids[r]) * GH, GH);
    T* dw = store_.grad(w_ih_);
    for (int g = 0; g < GH; ++g)
      for (int i = 0; i < in_; ++i) dw[size_t(g) * in_ + i] += acc[size_t(i) * GH + g];
  } else {
    simd::gemm(GH, in_, rows, d_in, 1, GH, x.dense, in_, store_.grad(w_ih_), in_, true);
  }
}

template <class T> void RecurrentLayer<T>::input_gradient(int t0, int n, const LayerBuffers<T>& buf, T* dX) const {
  const int GH = G_ * H_;
  simd::gemm(n * buf.batch, in_, GH, buf.dgates.data() + size_t(t0) * buf.batch * GH, GH, 1, store_.value(w_ih_), in_,
             dX, in_, false);
  const LayerDropout<T>& m = buf.drop;
  if (!m.x_mask.size()) return;
  const size_t step = size_t(buf.batch) * in_;
  for (int t = 0; t < n; ++t) apply_mask(dX + t * step, m.x_mask.data() + (m.per_step ? (t0 + t) * step : 0), step);
}

template <class T>
void RecurrentLayer<T>::backward(LayerInput<T> x, int Tn, LayerBuffers<T>& buf, const T* dH, T* dX) {
  const size_t step_h = size_t(buf.batch) * H_;
  for (int t = Tn - 1; t >= 0; --t) recur_backward(t, buf, dH ? dH + t * step_h : nullptr);
  // Parameter and input gradients for the whole window at once: one large product each, not Tn small ones.
  weight_gradients(x, 0, Tn, buf);
  if (dX && !x.ids) input_gradient(0, Tn, buf, dX);
}

template <class T> void RecurrentLayer<T>::backward_step(int t, LayerBuffers<T>& buf, const T* dH_t, T* dX_t) {
  recur_backward(t, buf, dH_t);
  if (dX_t) input_gradient(t, 1, buf, dX_t);
}

template <class T>
void RecurrentLayer<T>::tangent(const T* dX, int Tn, int K, const LayerBuffers<T>& buf, TangentBuffers<T>& tb,
                                T* dH_out) const {
  const int H = H_, GH = G_ * H_;
  T* da = tb.da.data();
  T* dhp = tb.dhp.data();
  T* dh_prev = tb.dh_prev.data();
  tb.dh_prev.fill(T(0));
  tb.dc.fill(T(0));
  for (int t = 0; t < Tn; ++t) {
    if (dX) {
      simd::gemm(K, GH, in_, dX + size_t(t) * K * in_, in_, 1, w_ih_t_.data(), ld_g_, da, GH, false);
    } else if (t == 0) {
      for (int k = 0; k < K; ++k)  // d/dx(1) along each input axis: K == I, the rows of W_ih^T
        std::copy_n(w_ih_t_.data() + size_t(k) * ld_g_, GH, da + size_t(k) * GH);
    } else {
      std::fill_n(da, size_t(K) * GH, T(0));
    }
    const bool separate = type_.separate_recurrent;
    if (norm_) {
      // both projections' tangents through their normalisations (the one probe stream's saved statistics)
      simd::gemm(K, GH, H, dh_prev, H, 1, w_hh_t_.data(), ld_g_, dhp, GH, false);
      const size_t at = size_t(t) * GH;
      for (int k = 0; k < K; ++k)
        for (int gi = 0; gi < G_; ++gi) {
          const size_t o = size_t(gi) * H;
          T* dak = da + size_t(k) * GH + o;
          T* dpk = dhp + size_t(k) * GH + o;
          layer_norm::tangent(dak, buf.ln_ih_hat.data() + at + o, buf.ln_ih_rstd.data()[size_t(t) * G_ + gi],
                              store_.value(ln_ih_) + o, H, dak);
          layer_norm::tangent(dpk, buf.ln_hh_hat.data() + at + o, buf.ln_hh_rstd.data()[size_t(t) * G_ + gi],
                              store_.value(ln_hh_) + o, H, dpk);
        }
      if (!separate) simd::add(dhp, da, int64_t(K) * GH);
    } else {
      simd::gemm(K, GH, H, dh_prev, H, 1, w_hh_t_.data(), ld_g_, separate ? dhp : da, GH, !separate);
    }
    T* dh = dH_out + size_t(t) * K * H;
    CellTangents<T> d;
    d.K = K;
    d.da = da;
    d.dhp = separate ? dhp : nullptr;
    d.dh_prev = dh_prev;
    d.dc = tb.dc.data();
    d.dh = dh;
    cell_->tangent(step(t, buf), d);
    std::copy_n(dh, size_t(K) * H, dh_prev);
  }
}

template class RecurrentLayer<float>;
template class RecurrentLayer<double>;

}  // namespace rp
