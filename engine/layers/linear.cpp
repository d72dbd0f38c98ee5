#include "engine/layers/linear.hpp"

#include <cmath>

#include "engine/core/kernels.hpp"

namespace rp {

template <class T>
Linear<T>::Linear(int in_features, int out_features, const std::string& prefix, ParamStore<T>& store)
    : in_(in_features), out_(out_features), store_(store) {
  w_ = store.add(prefix + "weight", {out_, in_});
  b_ = store.add(prefix + "bias", {out_});
  ld_t_ = padded_stride(out_);
  w_t_ = zeros<T>(in_, ld_t_);
}

template <class T> void Linear<T>::init(Rng& rng) {
  const double bound = 1.0 / std::sqrt(double(in_));
  for (int id : {w_, b_}) {
    T* p = store_.value(id);
    for (int64_t i = 0; i < store_.specs()[id].size; ++i) p[i] = T(rng.uniform(-bound, bound));
  }
}

template <class T> void Linear<T>::prepare() {
  const T* w = store_.value(w_);  // [O, I]
  for (int o = 0; o < out_; ++o)
    for (int i = 0; i < in_; ++i) w_t_(i, o) = w[size_t(o) * in_ + i];
}

template <class T> void Linear<T>::forward(int rows, const T* x, int ld_x, T* y, int ld_y) const {
  simd::gemm(rows, out_, in_, x, ld_x, 1, w_t_.data(), ld_t_, y, ld_y, false);
  const T* bias = store_.value(b_);  // [O]
  for (int r = 0; r < rows; ++r) simd::add(bias, y + size_t(r) * ld_y, out_);
}

template <class T>
void Linear<T>::backward(int rows, const T* x, int ld_x, const T* dy, int ld_dy, T* dx, int ld_dx) {
  // dW [O, I] += dy^T [O, rows] x [rows, I]: dy read down its columns.
  simd::gemm(out_, in_, rows, dy, 1, ld_dy, x, ld_x, store_.grad(w_), in_, true);
  T* db = store_.grad(b_);  // [O]
  for (int r = 0; r < rows; ++r) simd::add(dy + size_t(r) * ld_dy, db, out_);
  // dx [rows, I] += dy [rows, O] W [O, I].
  if (dx) simd::gemm(rows, in_, out_, dy, ld_dy, 1, store_.value(w_), in_, dx, ld_dx, true);
}

template class Linear<float>;
template class Linear<double>;

}  // namespace rp
