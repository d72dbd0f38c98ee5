#include "engine/recurrent_layer.hpp"

#include <algorithm>
#include <cmath>

#include "engine/cells/gru_cell.hpp"
#include "engine/cells/lstm_cell.hpp"
#include "engine/cells/rnn_cell.hpp"
#include "engine/kernels.hpp"

namespace rp {
namespace {

bool is_lstm(CellKind k) {
  return k == CellKind::Lstm || k == CellKind::LstmPeephole || k == CellKind::LstmCoupled;
}

lstm_cell::Variant lstm_variant(CellKind k) {
  if (k == CellKind::LstmPeephole) return lstm_cell::Variant::Peephole;
  if (k == CellKind::LstmCoupled) return lstm_cell::Variant::Coupled;
  return lstm_cell::Variant::Standard;
}

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
RecurrentLayer<T>::RecurrentLayer(CellKind kind, int input_size, int hidden, int index, const std::string& prefix,
                                  ParamStore<T>& store, const std::string& suffix)
    : kind_(kind), in_(input_size), H_(hidden), G_(cell_info(kind).gates), store_(store) {
  const std::string k = "_l" + std::to_string(index) + suffix;
  const int64_t GH = int64_t(G_) * H_;
  w_ih_ = store.add(prefix + "weight_ih" + k, {GH, in_});
  w_hh_ = store.add(prefix + "weight_hh" + k, {GH, H_});
  b_ih_ = store.add(prefix + "bias_ih" + k, {GH});
  b_hh_ = store.add(prefix + "bias_hh" + k, {GH});
  if (cell_info(kind).has_peepholes) {
    p_i_ = store.add(prefix + "peephole_i" + k, {H_});
    p_f_ = store.add(prefix + "peephole_f" + k, {H_});
    p_o_ = store.add(prefix + "peephole_o" + k, {H_});
  }
  ld_g_ = padded_stride(int(GH));
  ld_h_ = padded_stride(H_);
  w_ih_t_ = zeros<T>(in_, ld_g_);
  w_hh_t_ = zeros<T>(H_, ld_g_);
  w_hh_p_ = zeros<T>(GH, ld_h_);
}

template <class T> void RecurrentLayer<T>::init(Rng& rng) {
  const double bound = 1.0 / std::sqrt(double(H_));
  for (int id : {w_ih_, w_hh_, b_ih_, b_hh_, p_i_, p_f_, p_o_}) {
    if (id < 0) continue;
    T* p = store_.value(id);
    for (int64_t i = 0; i < store_.specs()[id].size; ++i) p[i] = T(rng.uniform(-bound, bound));
  }
}

template <class T> void RecurrentLayer<T>::prepare() {
  transpose(store_.value(w_ih_), G_ * H_, in_, w_ih_t_.data(), ld_g_);
  transpose(store_.value(w_hh_), G_ * H_, H_, w_hh_t_.data(), ld_g_);
  copy_rows(store_.value(w_hh_), G_ * H_, H_, w_hh_p_.data(), ld_h_);
}

template <class T> void RecurrentLayer<T>::resize(LayerBuffers<T>& buf, int max_steps, int batch) const {
  const size_t Tn = max_steps, B = batch, H = H_, GH = size_t(G_) * H_;
  const bool lstm = is_lstm(kind_), gru = kind_ == CellKind::Gru;
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
  // Both biases enter the pre-activation, except GRU's b_hh, which belongs inside the reset product.
  const T* b_ih = store_.value(b_ih_);
  const T* b_hh = store_.value(b_hh_);
  for (int r = 0; r < rows; ++r) {
    simd::add(b_ih, out + size_t(r) * GH, GH);
    if (kind_ != CellKind::Gru) simd::add(b_hh, out + size_t(r) * GH, GH);
  }
}

template <class T> lstm_cell::Step<T> RecurrentLayer<T>::lstm_step(int t, LayerBuffers<T>& buf) const {
  const size_t step_g = size_t(buf.batch) * G_ * H_, step_h = size_t(buf.batch) * H_;
  return {buf.gates.data() + t * step_g,
          buf.c.data() + t * step_h,
          buf.c.data() + (t + 1) * step_h,
          buf.tc.data() + t * step_h,
          p_i_ < 0 ? nullptr : store_.value(p_i_),
          p_f_ < 0 ? nullptr : store_.value(p_f_),
          p_o_ < 0 ? nullptr : store_.value(p_o_)};
}

template <class T> void RecurrentLayer<T>::recur_forward(int t, LayerBuffers<T>& buf) const {
  const int B = buf.batch, H = H_, GH = G_ * H_;
  const size_t step_g = size_t(B) * GH, step_h = size_t(B) * H;
  const T* w_hh_t = w_hh_t_.data();
  T* g = buf.gates.data() + t * step_g;
  const T* h_prev = buf.h.data() + t * step_h;
  T* h = buf.h.data() + (t + 1) * step_h;
  switch (kind_) {
    case CellKind::RnnTanh:
    case CellKind::RnnRelu:
      simd::gemm(B, GH, H, h_prev, H, 1, w_hh_t, ld_g_, g, GH, true);
      rnn_cell::forward(kind_ == CellKind::RnnRelu, B, H, g);
      std::copy_n(g, step_h, h);
      break;
    case CellKind::Lstm:
    case CellKind::LstmPeephole:
    case CellKind::LstmCoupled: {
      simd::gemm(B, GH, H, h_prev, H, 1, w_hh_t, ld_g_, g, GH, true);
      const lstm_cell::Step<T> s = lstm_step(t, buf);
      lstm_cell::forward(lstm_variant(kind_), B, H, s, h);
      break;
    }
    case CellKind::Gru: {
      T* hp = buf.hp.data() + t * step_g;
      simd::gemm(B, GH, H, h_prev, H, 1, w_hh_t, ld_g_, hp, GH, false);
      for (int b = 0; b < B; ++b) simd::add(store_.value(b_hh_), hp + size_t(b) * GH, GH);
      gru_cell::forward(B, H, g, hp, h_prev, h);
      break;
    }
  }
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
  const T* w_hh = w_hh_p_.data();  // padded copy of W_hh, row stride ld_h_
  T* dh = buf.dh.data();
  T* dh_carry = buf.dh_carry.data();
  T* dc_carry = buf.dc_carry.data();
  std::copy_n(dh_carry, step_h, dh);
  if (dH_t) simd::add(dH_t, dh, int64_t(step_h));
  buf.dh_norm(t) = std::sqrt(simd::sum_squares(dh, int64_t(step_h)));
  T* dg = buf.dgates.data() + t * step_g;
  switch (kind_) {
    case CellKind::RnnTanh:
    case CellKind::RnnRelu:
      rnn_cell::backward(kind_ == CellKind::RnnRelu, B, H, buf.h.data() + (t + 1) * step_h, dh, dg);
      simd::gemm(B, H, GH, dg, GH, 1, w_hh, ld_h_, dh_carry, H, false);
      break;
    case CellKind::Lstm:
    case CellKind::LstmPeephole:
    case CellKind::LstmCoupled: {
      const lstm_cell::Step<T> s = lstm_step(t, buf);
      lstm_cell::backward(lstm_variant(kind_), B, H, s, dh, dc_carry, dg, p_i_ < 0 ? nullptr : store_.grad(p_i_),
                          p_f_ < 0 ? nullptr : store_.grad(p_f_), p_o_ < 0 ? nullptr : store_.grad(p_o_));
      simd::gemm(B, H, GH, dg, GH, 1, w_hh, ld_h_, dh_carry, H, false);
      break;
    }
    case CellKind::Gru: {
      T* dhp = buf.dhp.data() + t * step_g;
      gru_cell::backward(B, H, buf.gates.data() + t * step_g, buf.hp.data() + t * step_g, buf.h.data() + t * step_h,
                         dh, dg, dhp, dh_carry);
      simd::gemm(B, H, GH, dhp, GH, 1, w_hh, ld_h_, dh_carry, H, true);
      break;
    }
  }
}

template <class T>
void RecurrentLayer<T>::weight_gradients(LayerInput<T> x, int t0, int n, LayerBuffers<T>& buf) {
  const int B = buf.batch, H = H_, GH = G_ * H_;
  const int rows = n * B;
  const size_t first = size_t(t0) * B;
  const T* d_in = buf.dgates.data() + first * GH;
  const T* d_rec = kind_ == CellKind::Gru ? buf.dhp.data() + first * GH : d_in;
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
    const bool gru = kind_ == CellKind::Gru;
    simd::gemm(K, GH, H, dh_prev, H, 1, w_hh_t_.data(), ld_g_, gru ? dhp : da, GH, !gru);
    T* dh = dH_out + size_t(t) * K * H;
    switch (kind_) {
      case CellKind::RnnTanh:
      case CellKind::RnnRelu:
        rnn_cell::tangent(kind_ == CellKind::RnnRelu, K, H, buf.h.data() + (t + 1) * H, da, dh);
        break;
      case CellKind::Lstm:
      case CellKind::LstmPeephole:
      case CellKind::LstmCoupled: {
        const lstm_cell::Step<T> s = lstm_step(t, const_cast<LayerBuffers<T>&>(buf));
        lstm_cell::tangent(lstm_variant(kind_), K, H, s, da, tb.dc.data(), dh);
        break;
      }
      case CellKind::Gru:
        gru_cell::tangent(K, H, buf.gates.data() + size_t(t) * GH, buf.hp.data() + size_t(t) * GH,
                          buf.h.data() + t * H, da, dhp, dh_prev, dh);
        break;
    }
    std::copy_n(dh, size_t(K) * H, dh_prev);
  }
}

template class RecurrentLayer<float>;
template class RecurrentLayer<double>;

}  // namespace rp
