// Scalar reference kernels: the plain definition of each operation, kept deliberately simple.
#include <algorithm>
#include <cmath>

#include "engine/core/kernels.hpp"

namespace rp::reference {

template <class T>
void gemm(int M, int N, int K, const T* a, int a_row, int a_col, const T* b, int ldb, T* c, int ldc,
          bool accumulate) {
  for (int i = 0; i < M; ++i)
    for (int j = 0; j < N; ++j) {
      T sum = accumulate ? c[i * ldc + j] : T(0);
      for (int k = 0; k < K; ++k) sum += a[i * a_row + k * a_col] * b[k * ldb + j];
      c[i * ldc + j] = sum;
    }
}

template <class T> void sigmoid(const T* x, T* y, int n) {
  for (int i = 0; i < n; ++i) y[i] = T(1) / (T(1) + std::exp(-x[i]));
}

template <class T> void tanh(const T* x, T* y, int n) {
  for (int i = 0; i < n; ++i) y[i] = std::tanh(x[i]);
}

template <class T> T sum_squares(const T* x, int64_t n) {
  T s = 0;
  for (int64_t i = 0; i < n; ++i) s += x[i] * x[i];
  return s;
}

template <class T> void scale(T* x, int64_t n, T s) {
  for (int64_t i = 0; i < n; ++i) x[i] *= s;
}

template <class T> void clamp(T* x, int64_t n, T lo, T hi) {
  for (int64_t i = 0; i < n; ++i) x[i] = std::min(std::max(x[i], lo), hi);
}

template <class T> void add(const T* x, T* y, int64_t n) {
  for (int64_t i = 0; i < n; ++i) y[i] += x[i];
}

template <class T>
void sgd_update(T* p, const T* g, T* buf, int64_t n, T lr, T weight_decay, T momentum, T dampening,
                bool nesterov, bool first_step) {
  for (int64_t i = 0; i < n; ++i) {
    T d = g[i] + weight_decay * p[i];
    if (momentum != T(0)) {
      buf[i] = first_step ? d : momentum * buf[i] + (T(1) - dampening) * d;
      d = nesterov ? d + momentum * buf[i] : buf[i];
    }
    p[i] -= lr * d;
  }
}

template <class T>
void adagrad_update(T* p, const T* g, T* sum, int64_t n, T clr, T weight_decay, T eps) {
  for (int64_t i = 0; i < n; ++i) {
    const T d = g[i] + weight_decay * p[i];
    sum[i] += d * d;
    p[i] -= clr * d / (std::sqrt(sum[i]) + eps);
  }
}

template <class T>
void rmsprop_update(T* p, const T* g, T* sq, int64_t n, T lr, T alpha, T weight_decay, T eps) {
  for (int64_t i = 0; i < n; ++i) {
    const T d = g[i] + weight_decay * p[i];
    sq[i] = alpha * sq[i] + (T(1) - alpha) * d * d;
    p[i] -= lr * d / (std::sqrt(sq[i]) + eps);
  }
}

template <class T>
void adam_update(T* p, const T* g, T* m, T* v, int64_t n, T step_size, T beta1, T beta2, T sqrt_bc2,
                 T weight_decay, T eps) {
  for (int64_t i = 0; i < n; ++i) {
    const T d = g[i] + weight_decay * p[i];
    m[i] = beta1 * m[i] + (T(1) - beta1) * d;
    v[i] = beta2 * v[i] + (T(1) - beta2) * d * d;
    p[i] -= step_size * m[i] / (std::sqrt(v[i]) / sqrt_bc2 + eps);
  }
}

RP_INSTANTIATE_KERNELS(float)
RP_INSTANTIATE_KERNELS(double)

}  // namespace rp::reference
