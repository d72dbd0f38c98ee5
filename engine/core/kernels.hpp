// The hot loops: matrix products, gate nonlinearities, reductions and optimizer updates.
// Every kernel exists twice with one signature: rp::simd (xsimd, vector body + scalar tail) and
// rp::reference (plain scalar loops, the definition the SIMD version is tested against).
// Instantiated for float (training) and double (gradient checks).
#pragma once
#include <cstdint>

namespace rp {

// C(M,N) = [C +] A(M,K) * B(K,N), where
//   A(i,k) = a[i * a_row + k * a_col]   (row-major A: a_row = lda, a_col = 1; transposed A: a_row = 1, a_col = lda)
//   B(k,j) = b[k * ldb + j]             (rows of B contiguous)
//   C(i,j) = c[i * ldc + j]
#define RP_KERNEL_DECLS                                                                                     \
  template <class T>                                                                                        \
  void gemm(int M, int N, int K, const T* a, int a_row, int a_col, const T* b, int ldb, T* c, int ldc,      \
            bool accumulate);                                                                               \
  template <class T> void sigmoid(const T* x, T* y, int n);                                                 \
  template <class T> void tanh(const T* x, T* y, int n);                                                    \
  template <class T> T sum_squares(const T* x, int64_t n);                                                  \
  template <class T> void scale(T* x, int64_t n, T s);                                                      \
  template <class T> void clamp(T* x, int64_t n, T lo, T hi);                                               \
  /* y += x */                                                                                              \
  template <class T> void add(const T* x, T* y, int64_t n);                                                 \
  /* PyTorch's update formulas (torch.optim, 1.13), weight decay folded into the gradient. SGD's buf */   \
  /* (momentum) may be null when momentum is 0. */                                                          \
  template <class T>                                                                                        \
  void sgd_update(T* p, const T* g, T* buf, int64_t n, T lr, T weight_decay, T momentum, T dampening,      \
                  bool nesterov, bool first_step);                                                          \
  template <class T>                                                                                        \
  void adagrad_update(T* p, const T* g, T* sum, int64_t n, T clr, T weight_decay, T eps);                   \
  template <class T>                                                                                        \
  void rmsprop_update(T* p, const T* g, T* sq, int64_t n, T lr, T alpha, T weight_decay, T eps);            \
  /* step_size = lr / (1 - beta1^t), sqrt_bc2 = sqrt(1 - beta2^t) */                                        \
  template <class T>                                                                                        \
  void adam_update(T* p, const T* g, T* m, T* v, int64_t n, T step_size, T beta1, T beta2, T sqrt_bc2,      \
                   T weight_decay, T eps);

// Row stride for a matrix the products stream by rows: a stride that is a multiple of 128 bytes maps every row
// to the same few L1 sets, so such rows get 64 bytes of padding (measured: +12% on the recurrent products).
inline int padded_stride(int n) { return n % 32 == 0 ? n + 16 : n; }

namespace simd { RP_KERNEL_DECLS }
namespace reference { RP_KERNEL_DECLS }
#undef RP_KERNEL_DECLS

// Explicit instantiation list shared by the two kernel files (each expands it inside its own namespace).
#define RP_INSTANTIATE_KERNELS(T)                                                                          \
  template void gemm<T>(int, int, int, const T*, int, int, const T*, int, T*, int, bool);                 \
  template void sigmoid<T>(const T*, T*, int);                                                             \
  template void tanh<T>(const T*, T*, int);                                                                \
  template T sum_squares<T>(const T*, int64_t);                                                            \
  template void scale<T>(T*, int64_t, T);                                                                  \
  template void clamp<T>(T*, int64_t, T, T);                                                               \
  template void add<T>(const T*, T*, int64_t);                                                             \
  template void sgd_update<T>(T*, const T*, T*, int64_t, T, T, T, T, bool, bool);                          \
  template void adagrad_update<T>(T*, const T*, T*, int64_t, T, T, T);                                     \
  template void rmsprop_update<T>(T*, const T*, T*, int64_t, T, T, T, T);                                  \
  template void adam_update<T>(T*, const T*, T*, T*, int64_t, T, T, T, T, T, T);

}  // namespace rp
