// Every SIMD kernel against its scalar reference at sizes 1, 3, 17 and 64 (vector body, tail, both).
#include <catch2/catch.hpp>
#include <cmath>

#include "engine/core/kernels.hpp"
#include "test_util.hpp"

using namespace rp;

namespace {

template <class T> std::vector<T> random_vec(Rng& rng, size_t n, double lo = -3, double hi = 3) {
  std::vector<T> v(n);
  test::fill_uniform(rng, v.data(), n, lo, hi);
  return v;
}

template <class T> void check_near(const std::vector<T>& a, const std::vector<T>& b, double tol) {
  REQUIRE(a.size() == b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    INFO("index " << i);
    CHECK(std::abs(double(a[i]) - double(b[i])) <= tol * (1 + std::abs(double(b[i]))));
  }
}

template <class T> void run_all(double tol) {
  Rng rng(3);
  for (int n : {1, 3, 17, 64}) {
    DYNAMIC_SECTION("size " << n) {
      // gemm in both layouts of A (row-major and transposed), with and without accumulation, at M=N=K=n and
      // mixed shapes.
      for (auto [M, N, K] : {std::array<int, 3>{n, n, n}, {n, 2 * n + 1, 3}, {5, n, n + 2}}) {
        for (bool transposed : {false, true}) {
          for (bool acc : {false, true}) {
            auto a = random_vec<T>(rng, size_t(M) * K), b = random_vec<T>(rng, size_t(K) * N);
            auto c1 = random_vec<T>(rng, size_t(M) * N), c2 = c1;
            const int a_row = transposed ? 1 : K, a_col = transposed ? M : 1;
            simd::gemm(M, N, K, a.data(), a_row, a_col, b.data(), N, c1.data(), N, acc);
            reference::gemm(M, N, K, a.data(), a_row, a_col, b.data(), N, c2.data(), N, acc);
            check_near(c1, c2, tol * K);
          }
        }
      }
      auto x = random_vec<T>(rng, n, -20, 20);
      std::vector<T> y1(n), y2(n);
      simd::sigmoid(x.data(), y1.data(), n);
      reference::sigmoid(x.data(), y2.data(), n);
      check_near(y1, y2, tol);
      simd::tanh(x.data(), y1.data(), n);
      reference::tanh(x.data(), y2.data(), n);
      check_near(y1, y2, tol);
      CHECK(std::abs(simd::sum_squares(x.data(), n) - reference::sum_squares(x.data(), n)) <=
            tol * n * reference::sum_squares(x.data(), n));
      auto s1 = x, s2 = x;
      simd::scale(s1.data(), n, T(0.37));
      reference::scale(s2.data(), n, T(0.37));
      check_near(s1, s2, tol);
      simd::clamp(s1.data(), n, T(-1), T(2));
      reference::clamp(s2.data(), n, T(-1), T(2));
      check_near(s1, s2, 0);
      simd::add(x.data(), s1.data(), n);
      reference::add(x.data(), s2.data(), n);
      check_near(s1, s2, tol);
      // Optimizer updates: three steps each so the state matters.
      auto p1 = random_vec<T>(rng, n), g = random_vec<T>(rng, n);
      auto p2 = p1;
      std::vector<T> m1(n, 0), m2(n, 0), v1(n, 0), v2(n, 0);
      for (int step = 1; step <= 3; ++step) {
        simd::sgd_update(p1.data(), g.data(), m1.data(), n, T(0.1), T(0.01), T(0.9), T(0.1), step == 2, step == 1);
        reference::sgd_update(p2.data(), g.data(), m2.data(), n, T(0.1), T(0.01), T(0.9), T(0.1), step == 2, step == 1);
      }
      check_near(p1, p2, tol);
      std::fill(m1.begin(), m1.end(), T(0));  // fresh non-negative state for the adaptive methods
      std::fill(m2.begin(), m2.end(), T(0));
      for (int step = 1; step <= 3; ++step) {
        simd::adagrad_update(p1.data(), g.data(), v1.data(), n, T(0.1), T(0.01), T(1e-10));
        reference::adagrad_update(p2.data(), g.data(), v2.data(), n, T(0.1), T(0.01), T(1e-10));
        simd::rmsprop_update(p1.data(), g.data(), v1.data(), n, T(0.01), T(0.99), T(0), T(1e-8));
        reference::rmsprop_update(p2.data(), g.data(), v2.data(), n, T(0.01), T(0.99), T(0), T(1e-8));
        simd::adam_update(p1.data(), g.data(), m1.data(), v1.data(), n, T(0.01), T(0.9), T(0.999), T(0.05), T(0.1), T(1e-8));
        reference::adam_update(p2.data(), g.data(), m2.data(), v2.data(), n, T(0.01), T(0.9), T(0.999), T(0.05), T(0.1), T(1e-8));
      }
      check_near(p1, p2, tol * 10);
      check_near(m1, m2, tol * 10);
      check_near(v1, v2, tol * 10);
    }
  }
}

}  // namespace

TEST_CASE("SIMD kernels agree with the scalar references (float)", "[kernels]") { run_all<float>(2e-6); }
TEST_CASE("SIMD kernels agree with the scalar references (double)", "[kernels]") { run_all<double>(1e-13); }

// Found by the sanitized suite (UBSan): plain SGD passes no momentum buffer, and the vector loop's tail used
// to offset that null pointer. Sizes with a tail, run under -fsanitize=undefined by scripts/test.sh.
TEST_CASE("Plain SGD (no momentum) takes no buffer", "[kernels][sanitize]") {
  Rng rng(5);
  for (int64_t n : {1, 3, 17}) {
    auto p1 = random_vec<float>(rng, size_t(n)), g = random_vec<float>(rng, size_t(n));
    auto p2 = p1;
    simd::sgd_update(p1.data(), g.data(), static_cast<float*>(nullptr), n, 0.1f, 0.01f, 0.f, 0.f, false, false);
    reference::sgd_update(p2.data(), g.data(), static_cast<float*>(nullptr), n, 0.1f, 0.01f, 0.f, 0.f, false, false);
    check_near(p1, p2, 2e-6);
  }
}
