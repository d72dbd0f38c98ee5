// SIMD kernels on xsimd 8.1: a vector body over xsimd::batch<T> and a scalar tail.
// Natively xsimd picks the best instruction set the compiler targets (AVX-512 on this project's machines);
// under Emscripten it picks SSE2, which -msimd128 translates to WebAssembly SIMD128.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>
#include <xsimd/xsimd.hpp>
#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#endif

#include "engine/core/kernels.hpp"

namespace rp::simd {
namespace {

template <class T> using Vec = xsimd::batch<T>;
template <class T> constexpr int kWidth = static_cast<int>(Vec<T>::size);

// Register tile of the matrix product: MR rows of C by NV vectors of columns, kept in registers over all of K.
template <int MR, int NV, class T>
inline void gemm_tile(int K, const T* a, int a_row, int a_col, const T* b, int ldb, T* c, int ldc,
                      bool accumulate) {
  using V = Vec<T>;
  constexpr int W = kWidth<T>;
  V sum[MR][NV];
  for (int r = 0; r < MR; ++r)
    for (int v = 0; v < NV; ++v)
      sum[r][v] = accumulate ? V::load_unaligned(c + r * ldc + v * W) : V(T(0));
  for (int k = 0; k < K; ++k) {
    const T* bk = b + static_cast<std::ptrdiff_t>(k) * ldb;
    const T* ak = a + static_cast<std::ptrdiff_t>(k) * a_col;
    V bv[NV];
    for (int v = 0; v < NV; ++v) bv[v] = V::load_unaligned(bk + v * W);
    for (int r = 0; r < MR; ++r) {
      const V av(ak[r * a_row]);
      for (int v = 0; v < NV; ++v) sum[r][v] = xsimd::fma(av, bv[v], sum[r][v]);
    }
  }
  for (int r = 0; r < MR; ++r)
    for (int v = 0; v < NV; ++v) sum[r][v].store_unaligned(c + r * ldc + v * W);
}

#if defined(__wasm_simd128__)
// The float tile again in WebAssembly intrinsics: v128.load32_splat broadcasts A in one instruction, where the
// SSE translation takes a load and a shuffle; measured under V8 this takes the product from 25 to 35 GFLOP/s.
template <int MR, int NV>
inline void gemm_tile_wasm(int K, const float* a, int a_row, int a_col, const float* b, int ldb, float* c,
                           int ldc, bool accumulate) {
  v128_t sum[MR][NV];
  for (int r = 0; r < MR; ++r)
    for (int v = 0; v < NV; ++v)
      sum[r][v] = accumulate ? wasm_v128_load(c + r * ldc + v * 4) : wasm_f32x4_splat(0.f);
  for (int k = 0; k < K; ++k) {
    const float* bk = b + static_cast<std::ptrdiff_t>(k) * ldb;
    const float* ak = a + static_cast<std::ptrdiff_t>(k) * a_col;
    v128_t bv[NV];
    for (int v = 0; v < NV; ++v) bv[v] = wasm_v128_load(bk + v * 4);
    for (int r = 0; r < MR; ++r) {
      const v128_t av = wasm_v128_load32_splat(ak + r * a_row);
      for (int v = 0; v < NV; ++v) sum[r][v] = wasm_f32x4_add(sum[r][v], wasm_f32x4_mul(av, bv[v]));
    }
  }
  for (int r = 0; r < MR; ++r)
    for (int v = 0; v < NV; ++v) wasm_v128_store(c + r * ldc + v * 4, sum[r][v]);
}

template <>
inline void gemm_tile<4, 2, float>(int K, const float* a, int a_row, int a_col, const float* b, int ldb, float* c,
                                   int ldc, bool accumulate) {
  gemm_tile_wasm<4, 2>(K, a, a_row, a_col, b, ldb, c, ldc, accumulate);
}
template <>
inline void gemm_tile<1, 2, float>(int K, const float* a, int a_row, int a_col, const float* b, int ldb, float* c,
                                   int ldc, bool accumulate) {
  gemm_tile_wasm<1, 2>(K, a, a_row, a_col, b, ldb, c, ldc, accumulate);
}
#endif

// One column band of width NV vectors: full MR-row tiles, then single rows.
template <int MR, int NV, class T>
inline void gemm_band(int M, int K, const T* a, int a_row, int a_col, const T* b, int ldb, T* c, int ldc,
                      bool accumulate) {
  int i = 0;
  for (; i + MR <= M; i += MR)
    gemm_tile<MR, NV>(K, a + i * a_row, a_row, a_col, b, ldb, c + i * ldc, ldc, accumulate);
  for (; i < M; ++i) gemm_tile<1, NV>(K, a + i * a_row, a_row, a_col, b, ldb, c + i * ldc, ldc, accumulate);
}

// Tile shape per register file: 32 vector registers with AVX-512, 16 otherwise (SSE/AVX2/WASM on x86 hosts).
#if defined(RP_GEMM_ROWS) && defined(RP_GEMM_VECS)
constexpr int kRows = RP_GEMM_ROWS;  // experiments: -DRP_GEMM_ROWS=.. -DRP_GEMM_VECS=..
constexpr int kVecs = RP_GEMM_VECS;
#elif defined(__AVX512F__)
constexpr int kRows = 6;
constexpr int kVecs = 2;
#elif defined(__wasm_simd128__)
constexpr int kRows = 4;  // measured best under V8 (16 vector registers on x86-64 hosts)
constexpr int kVecs = 2;
#else
constexpr int kRows = 4;
constexpr int kVecs = 3;
#endif

// Depth of one pass over K: a band of B (kDepth rows) then stays in L1 while every row tile of A reuses it.
// Without it the weight-gradient products (K = T*B = 2048) stream megabytes per column band.
constexpr int kDepth = 256;

// C += A B for K <= kDepth: column bands of register tiles.
template <class T>
void gemm_block(int M, int N, int K, const T* a, int a_row, int a_col, const T* b, int ldb, T* c, int ldc,
                bool accumulate) {
  constexpr int W = kWidth<T>;
  int j = 0;
  for (; j + kVecs * W <= N; j += kVecs * W)
    gemm_band<kRows, kVecs>(M, K, a, a_row, a_col, b + j, ldb, c + j, ldc, accumulate);
  for (; j + W <= N; j += W) gemm_band<kRows, 1>(M, K, a, a_row, a_col, b + j, ldb, c + j, ldc, accumulate);
  if (j < N) reference::gemm(M, N - j, K, a, a_row, a_col, b + j, ldb, c + j, ldc, accumulate);
}

// Transposed A (the weight-gradient products, A = dgates [K, M] read down its columns): each K-block of A is
// packed row-major and each block of B copied with a padded stride, so the tiles stream contiguous memory
// instead of one cache line per k at a power-of-two stride. The scratch grows once and is reused.
#if defined(__wasm_simd128__)
template <class T>
void gemm_packed_tn(int M, int N, int K, const T* a, int lda, const T* b, int ldb, T* c, int ldc, bool accumulate) {
  static thread_local std::vector<T> pa, pb;
  const int ldp = padded_stride(N);
  for (int k0 = 0; k0 < K; k0 += kDepth) {
    const int kc = std::min(kDepth, K - k0);
    pa.resize(std::max(pa.size(), size_t(M) * kc));
    pb.resize(std::max(pb.size(), size_t(kc) * ldp));
    for (int k = 0; k < kc; ++k) {
      const T* row = a + static_cast<std::ptrdiff_t>(k0 + k) * lda;
      for (int i = 0; i < M; ++i) pa[size_t(i) * kc + k] = row[i];
      std::copy_n(b + static_cast<std::ptrdiff_t>(k0 + k) * ldb, N, pb.data() + size_t(k) * ldp);
    }
    gemm_block(M, N, kc, pa.data(), kc, 1, pb.data(), ldp, c, ldc, accumulate || k0 > 0);
  }
}
#endif

}  // namespace

template <class T>
void gemm(int M, int N, int K, const T* a, int a_row, int a_col, const T* b, int ldb, T* c, int ldc,
          bool accumulate) {
#if defined(__wasm_simd128__)
  // Natively the strided tiles are already fast (AVX-512 rows are whole cache lines); under V8 packing wins.
  if (a_row == 1 && a_col != 1 && M >= 16 && K >= 64) {
    gemm_packed_tn(M, N, K, a, a_col, b, ldb, c, ldc, accumulate);
    return;
  }
#endif
  if (K > kDepth) {
    // Split K into passes; every pass after the first accumulates.
    for (int k0 = 0; k0 < K; k0 += kDepth)
      gemm_block(M, N, std::min(kDepth, K - k0), a + static_cast<std::ptrdiff_t>(k0) * a_col, a_row, a_col,
                 b + static_cast<std::ptrdiff_t>(k0) * ldb, ldb, c, ldc, accumulate || k0 > 0);
    return;
  }
  gemm_block(M, N, K, a, a_row, a_col, b, ldb, c, ldc, accumulate);
}

template <class T> void sigmoid(const T* x, T* y, int n) {
  using V = Vec<T>;
  constexpr int W = kWidth<T>;
  const V one(T(1));
  int i = 0;
  for (; i + W <= n; i += W) (one / (one + xsimd::exp(-V::load_unaligned(x + i)))).store_unaligned(y + i);
  reference::sigmoid(x + i, y + i, n - i);
}

template <class T> void tanh(const T* x, T* y, int n) {
  using V = Vec<T>;
  constexpr int W = kWidth<T>;
  int i = 0;
  for (; i + W <= n; i += W) xsimd::tanh(V::load_unaligned(x + i)).store_unaligned(y + i);
  reference::tanh(x + i, y + i, n - i);
}

template <class T> T sum_squares(const T* x, int64_t n) {
  using V = Vec<T>;
  constexpr int W = kWidth<T>;
  V acc0(T(0)), acc1(T(0));
  int64_t i = 0;
  for (; i + 2 * W <= n; i += 2 * W) {
    const V a = V::load_unaligned(x + i), b = V::load_unaligned(x + i + W);
    acc0 = xsimd::fma(a, a, acc0);
    acc1 = xsimd::fma(b, b, acc1);
  }
  return xsimd::hadd(acc0 + acc1) + reference::sum_squares(x + i, n - i);
}

template <class T> void scale(T* x, int64_t n, T s) {
  using V = Vec<T>;
  constexpr int W = kWidth<T>;
  const V sv(s);
  int64_t i = 0;
  for (; i + W <= n; i += W) (V::load_unaligned(x + i) * sv).store_unaligned(x + i);
  reference::scale(x + i, n - i, s);
}

template <class T> void clamp(T* x, int64_t n, T lo, T hi) {
  using V = Vec<T>;
  constexpr int W = kWidth<T>;
  const V lov(lo), hiv(hi);
  int64_t i = 0;
  for (; i + W <= n; i += W) xsimd::min(xsimd::max(V::load_unaligned(x + i), lov), hiv).store_unaligned(x + i);
  reference::clamp(x + i, n - i, lo, hi);
}

template <class T> void add(const T* x, T* y, int64_t n) {
  using V = Vec<T>;
  constexpr int W = kWidth<T>;
  int64_t i = 0;
  for (; i + W <= n; i += W) (V::load_unaligned(y + i) + V::load_unaligned(x + i)).store_unaligned(y + i);
  reference::add(x + i, y + i, n - i);
}

template <class T>
void sgd_update(T* p, const T* g, T* buf, int64_t n, T lr, T weight_decay, T momentum, T dampening,
                bool nesterov, bool first_step) {
  using V = Vec<T>;
  constexpr int W = kWidth<T>;
  const V lrv(lr), wdv(weight_decay), mv(momentum), keep(T(1) - dampening);
  int64_t i = 0;
  for (; i + W <= n; i += W) {
    const V pv = V::load_unaligned(p + i);
    V d = V::load_unaligned(g + i) + wdv * pv;
    if (momentum != T(0)) {
      const V bv = first_step ? d : mv * V::load_unaligned(buf + i) + keep * d;
      bv.store_unaligned(buf + i);
      d = nesterov ? d + mv * bv : bv;
    }
    (pv - lrv * d).store_unaligned(p + i);
  }
  // Plain SGD has no buffer (null): offsetting a null pointer is undefined, even by zero elements used.
  reference::sgd_update(p + i, g + i, buf ? buf + i : buf, n - i, lr, weight_decay, momentum, dampening, nesterov,
                        first_step);
}

template <class T>
void adagrad_update(T* p, const T* g, T* sum, int64_t n, T clr, T weight_decay, T eps) {
  using V = Vec<T>;
  constexpr int W = kWidth<T>;
  const V clrv(clr), wdv(weight_decay), epsv(eps);
  int64_t i = 0;
  for (; i + W <= n; i += W) {
    const V pv = V::load_unaligned(p + i);
    const V d = V::load_unaligned(g + i) + wdv * pv;
    const V s = V::load_unaligned(sum + i) + d * d;
    s.store_unaligned(sum + i);
    (pv - clrv * d / (xsimd::sqrt(s) + epsv)).store_unaligned(p + i);
  }
  reference::adagrad_update(p + i, g + i, sum + i, n - i, clr, weight_decay, eps);
}

template <class T>
void rmsprop_update(T* p, const T* g, T* sq, int64_t n, T lr, T alpha, T weight_decay, T eps) {
  using V = Vec<T>;
  constexpr int W = kWidth<T>;
  const V lrv(lr), av(alpha), rest(T(1) - alpha), wdv(weight_decay), epsv(eps);
  int64_t i = 0;
  for (; i + W <= n; i += W) {
    const V pv = V::load_unaligned(p + i);
    const V d = V::load_unaligned(g + i) + wdv * pv;
    const V s = av * V::load_unaligned(sq + i) + rest * d * d;
    s.store_unaligned(sq + i);
    (pv - lrv * d / (xsimd::sqrt(s) + epsv)).store_unaligned(p + i);
  }
  reference::rmsprop_update(p + i, g + i, sq + i, n - i, lr, alpha, weight_decay, eps);
}

template <class T>
void adam_update(T* p, const T* g, T* m, T* v, int64_t n, T step_size, T beta1, T beta2, T sqrt_bc2,
                 T weight_decay, T eps) {
  using V = Vec<T>;
  constexpr int W = kWidth<T>;
  const V ssv(step_size), b1(beta1), r1(T(1) - beta1), b2(beta2), r2(T(1) - beta2), bc2(sqrt_bc2),
      wdv(weight_decay), epsv(eps);
  int64_t i = 0;
  for (; i + W <= n; i += W) {
    const V pv = V::load_unaligned(p + i);
    const V d = V::load_unaligned(g + i) + wdv * pv;
    const V mv = b1 * V::load_unaligned(m + i) + r1 * d;
    const V vv = b2 * V::load_unaligned(v + i) + r2 * d * d;
    mv.store_unaligned(m + i);
    vv.store_unaligned(v + i);
    (pv - ssv * mv / (xsimd::sqrt(vv) / bc2 + epsv)).store_unaligned(p + i);
  }
  reference::adam_update(p + i, g + i, m + i, v + i, n - i, step_size, beta1, beta2, sqrt_bc2, weight_decay,
                         eps);
}

RP_INSTANTIATE_KERNELS(float)
RP_INSTANTIATE_KERNELS(double)

}  // namespace rp::simd
