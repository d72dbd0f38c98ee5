#include "engine/layers/recurrent_layer.hpp"

#include <algorithm>
#include <cmath>

#include "engine/core/kernels.hpp"

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

template <class T>
RecurrentLayer<T>::RecurrentLayer(const CellType& cell, int input_size, int hidden, int index, const std::string& prefix,
                                  ParamStore<T>& store, const std::string& suffix)
    : type_(cell), cell_(cell.make<T>()), in_(input_size), H_(hidden), G_(cell.blocks), store_(store) {
  const std::string k = "_l" + std::to_string(index) + suffix;
  const int64_t GH = int64_t(G_) * H_;
  w_ih_ = store.add(prefix + "weight_ih" + k, {GH, in_});
  w_hh_ = store.add(prefix + "weight_hh" + k, {GH, H_});
  b_ih_ = store.add(prefix + "bias_ih" + k, {GH});
  b_hh_ = store.add(prefix + "bias_hh" + k, {GH});
  for (const char* extra : cell.extras) extra_ids_.push_back(store.add(prefix + extra + k, {H_}));
  ld_g_ = padded_stride(int(GH));
  ld_h_ = padded_stride(H_);
  w_ih_t_ = zeros<T>(in_, ld_g_);
  w_hh_t_ = zeros<T>(H_, ld_g_);
  w_hh_p_ = zeros<T>(GH, ld_h_);
}

template <class T> void RecurrentLayer<T>::init(Rng& rng) {
  const double bound = 1.0 / std::sqrt(double(H_));
  std::vector<int> ids = {w_ih_, w_hh_, b_ih_, b_hh_};
  ids.insert(ids.end(), extra_ids_.begin(), extra_ids_.end());
  for (int id : ids) {
    T* p = store_.value(id);
    for (int64_t i = 0; i < store_.specs()[id].size; ++i) p[i] = T(rng.uniform(-bound, bound));
  }
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
  const bool lstm = type_.cell_state, gru = type_.separate_recurrent;
  buf.max_steps = max_steps;
  buf.batch = batch;
  buf.gates = zeros<T>(Tn, B, GH);
  buf.hp = zeros<T>(gru ? Tn : 0, B, GH);
  buf.h = zeros<T>(Tn + 1, B, H);
  buf.c = zeros<T>(lstm ? Tn + 1 : 0, B, H);
  buf.tc = zeros<T>(lstm ? Tn : 0, B, H);
  buf.dgates = zeros<T>(Tn, B, GH);
  buf.dhp = zeros<T>(gru ? Tn : 0, B, GH);
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

template <class T> void RecurrentLayer<T>::project_input(LayerInput<T> x, int rows, T* out) const {
  const int GH = G_ * H_;
  if (x.ids) {
    for (int r = 0; r < rows; ++r) std::copy_n(w_ih_t_.data() + size_t(x.ids[r]) * ld_g_, GH, out + size_t(r) * GH);
  } else {
    simd::gemm(rows, GH, in_, x.dense, in_, 1, w_ih_t_.data(), ld_g_, out, GH, false);
  }
  // Both biases enter the pre-activation, except b_hh of a separate recurrent projection (GRU's reset product).
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
  return s;
}

template <class T> void RecurrentLayer<T>::recur_forward(int t, LayerBuffers<T>& buf) const {
  const int B = buf.batch, H = H_, GH = G_ * H_;
  const CellStep<T> s = step(t, buf);
  if (type_.separate_recurrent) {
    simd::gemm(B, GH, H, s.h_prev, H, 1, w_hh_t_.data(), ld_g_, s.hp, GH, false);
    for (int b = 0; b < B; ++b) simd::add(store_.value(b_hh_), s.hp + size_t(b) * GH, GH);
  } else {
    simd::gemm(B, GH, H, s.h_prev, H, 1, w_hh_t_.data(), ld_g_, s.gates, GH, true);
  }
  cell_->forward(s);
}

template <class T> void RecurrentLayer<T>::forward(LayerInput<T> x, int Tn, LayerBuffers<T>& buf) const {
  project_input(x, Tn * buf.batch, buf.gates.data());
  for (int t = 0; t < Tn; ++t) recur_forward(t, buf);
}

template <class T> void RecurrentLayer<T>::forward_step(LayerInput<T> x, int t, LayerBuffers<T>& buf) const {
  project_input(x, buf.batch, buf.gates.data() + size_t(t) * buf.batch * G_ * H_);
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
  cell_->backward(step(t, buf), g);
  // dh(t-1) += d(recurrent projection) W_hh, with W_hh's padded copy (row stride ld_h_)
  simd::gemm(B, H, GH, g.dhp ? g.dhp : g.dgates, GH, 1, w_hh_p_.data(), ld_h_, dh_carry, H, true);
}

template <class T>
void RecurrentLayer<T>::weight_gradients(LayerInput<T> x, int t0, int n, LayerBuffers<T>& buf) {
  const int B = buf.batch, H = H_, GH = G_ * H_;
  const int rows = n * B;
  const size_t first = size_t(t0) * B;
  const T* d_in = buf.dgates.data() + first * GH;
  const T* d_rec = type_.separate_recurrent ? buf.dhp.data() + first * GH : d_in;
  simd::gemm(GH, H, rows, d_rec, 1, GH, buf.h.data() + first * H, H, store_.grad(w_hh_), H, true);
  T* db_ih = store_.grad(b_ih_);
  T* db_hh = store_.grad(b_hh_);
  for (int r = 0; r < rows; ++r) {
    simd::add(d_in + size_t(r) * GH, db_ih, GH);
    simd::add(d_rec + size_t(r) * GH, db_hh, GH);
  }
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
    simd::gemm(K, GH, H, dh_prev, H, 1, w_hh_t_.data(), ld_g_, separate ? dhp : da, GH, !separate);
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
