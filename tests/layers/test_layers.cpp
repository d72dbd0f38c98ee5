// The layers every family shares (engine/layers/linear.hpp, embedding.hpp, cross_entropy.hpp): finite-difference
// gradient checks in double precision at awkward sizes, with strided rows whose padding must be neither read nor
// written, accumulation into gradients that are not zero, and the loss against a direct log-softmax.
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "engine/layers/cross_entropy.hpp"
#include "engine/layers/embedding.hpp"
#include "engine/layers/linear.hpp"
#include "test_util.hpp"

using namespace rp;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

namespace {

constexpr double kEps = 1e-6;
const double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kSentinel = 12345.0;  // padding columns a layer must not write
// (in, out) sizes of the linear checks: vector bodies, scalar tails, a padded transposed stride (out = 32), 1 x 1.
const std::pair<int, int> kLinearSizes[] = {{5, 3}, {4, 17}, {3, 32}, {1, 1}};

void check_close(double analytic, double numeric, const std::string& what) {
  INFO(what << ": analytic " << analytic << " numeric " << numeric);
  CHECK(std::abs(analytic - numeric) <= 1e-7 + 1e-5 * std::abs(numeric));
}

// Centred difference of f() with respect to *x, which is restored afterwards.
template <class F> double centred(double* x, F&& f) {
  const double saved = *x;
  *x = saved + kEps;
  const double up = f();
  *x = saved - kEps;
  const double down = f();
  *x = saved;
  return (up - down) / (2 * kEps);
}

// [rows, cols] with row stride ld: the first cols of each row random, the rest set to `pad`.
std::vector<double> strided(Rng& rng, int rows, int cols, int ld, double pad) {
  std::vector<double> m(size_t(rows) * ld, pad);
  for (int r = 0; r < rows; ++r) test::fill_uniform(rng, m.data() + size_t(r) * ld, size_t(cols), -1.0, 1.0);
  return m;
}

// Random values in every parameter's gradient (alignment padding stays zero), so accumulation is visible.
void fill_grads(Rng& rng, ParamStore<double>& store) {
  for (size_t i = 0; i < store.specs().size(); ++i)
    test::fill_uniform(rng, store.grad(int(i)), size_t(store.specs()[i].size), -1.0, 1.0);
}

// Cross-entropy of one row, directly from the definition in long double (no max shift: test logits are small).
double direct_loss(const double* z, int V, TokenId y) {
  long double sum = 0;
  for (int v = 0; v < V; ++v) sum += std::exp((long double)z[v]);
  return double(std::log(sum) - (long double)z[y]);
}

}  // namespace

TEST_CASE("Linear: forward is x W^T + b over strided rows", "[layers][linear]") {
  for (const auto& size : kLinearSizes) {
    const int I = size.first, O = size.second;  // not a structured binding: C++17 lambdas cannot capture one
    DYNAMIC_SECTION("in " << I << " out " << O) {
      const int rows = 4, ld_x = I + 2, ld_y = O + 3;
      ParamStore<double> store;
      store.add("other", {3});
      Linear<double> fc(I, O, "fc.", store);
      store.allocate();
      Rng rng(5);
      fc.init(rng);
      fc.prepare();
      const std::vector<double> x = strided(rng, rows, I, ld_x, kNaN);  // [rows, I], stride ld_x
      std::vector<double> y(size_t(rows) * ld_y, kSentinel);            // [rows, O], stride ld_y
      fc.forward(rows, x.data(), ld_x, y.data(), ld_y);
      const double* w = store.value(fc.weight_id());  // [O, I]
      const double* b = store.value(fc.bias_id());    // [O]
      for (int r = 0; r < rows; ++r) {
        for (int o = 0; o < O; ++o) {
          double expect = b[o];
          for (int i = 0; i < I; ++i) expect += x[size_t(r) * ld_x + i] * w[size_t(o) * I + i];
          CHECK_THAT(y[size_t(r) * ld_y + o], WithinAbs(expect, 1e-12));
        }
        for (int o = O; o < ld_y; ++o) CHECK(y[size_t(r) * ld_y + o] == kSentinel);
      }
    }
  }
}

TEST_CASE("Linear: dX, dW and db match centred differences and accumulate", "[layers][linear][gradcheck]") {
  for (const auto& size : kLinearSizes) {
    const int I = size.first, O = size.second;  // not a structured binding: C++17 lambdas cannot capture one
    DYNAMIC_SECTION("in " << I << " out " << O) {
      const int rows = 4, ld_x = I + 2, ld_y = O + 3, ld_dx = I + 1;
      ParamStore<double> store;
      const int other = store.add("other", {3});
      Linear<double> fc(I, O, "fc.", store);
      store.allocate();
      Rng rng(6);
      fc.init(rng);
      fc.prepare();
      std::vector<double> x = strided(rng, rows, I, ld_x, kNaN);        // [rows, I], stride ld_x
      const std::vector<double> g = strided(rng, rows, O, ld_y, kNaN);  // [rows, O]: L = sum g * y, so dL/dy = g
      std::vector<double> y(size_t(rows) * ld_y);
      auto loss = [&] {
        fc.prepare();
        fc.forward(rows, x.data(), ld_x, y.data(), ld_y);
        double L = 0;
        for (int r = 0; r < rows; ++r)
          for (int o = 0; o < O; ++o) L += g[size_t(r) * ld_y + o] * y[size_t(r) * ld_y + o];
        return L;
      };

      fill_grads(rng, store);
      const std::vector<double> grads_before(store.grads().begin(), store.grads().end());
      std::vector<double> dx = strided(rng, rows, I, ld_dx, kSentinel);  // [rows, I], stride ld_dx, not zero
      const std::vector<double> dx_before = dx;
      fc.backward(rows, x.data(), ld_x, g.data(), ld_y, dx.data(), ld_dx);

      auto added = [&](int id, int64_t k) {
        const int64_t at = store.specs()[id].offset + k;
        return store.grads()(at) - grads_before[size_t(at)];
      };
      for (int id : {fc.weight_id(), fc.bias_id()}) {
        double* v = store.value(id);
        for (int64_t k = 0; k < store.specs()[id].size; ++k)
          check_close(added(id, k), centred(v + k, loss), store.specs()[id].name + "[" + std::to_string(k) + "]");
      }
      for (int r = 0; r < rows; ++r) {
        for (int i = 0; i < I; ++i) {
          const size_t at = size_t(r) * ld_dx + i;
          check_close(dx[at] - dx_before[at], centred(&x[size_t(r) * ld_x + i], loss),
                      "dx[" + std::to_string(r) + "," + std::to_string(i) + "]");
        }
        for (int i = I; i < ld_dx; ++i) CHECK(dx[size_t(r) * ld_dx + i] == kSentinel);
      }
      for (int k = 0; k < 3; ++k) CHECK(added(other, k) == 0.0);

      SECTION("a second backward without dx adds the same dW and db again") {
        std::vector<double> once(store.grads().begin(), store.grads().end());
        for (size_t i = 0; i < once.size(); ++i) once[i] -= grads_before[i];
        fc.backward(rows, x.data(), ld_x, g.data(), ld_y, nullptr, 0);
        for (size_t i = 0; i < once.size(); ++i)
          CHECK_THAT(store.grads()(i) - grads_before[i], WithinAbs(2 * once[i], 1e-12));
      }
    }
  }
}

TEST_CASE("Embedding: gathers rows into strided output, and repeated ids accumulate", "[layers][embedding][gradcheck]") {
  const int V = 5, E = 3, rows = 6, ld_out = E + 2, ld_dout = E + 4;
  const std::vector<TokenId> ids = {1, 3, 1, 1, 4, 0};  // id 1 three times, id 2 never
  ParamStore<double> store;
  store.add("other", {2});
  Embedding<double> emb(V, E, "embed.", store);
  store.allocate();
  Rng rng(8);
  emb.init(rng);
  const double* table = store.value(emb.weight_id());  // [V, E]

  std::vector<double> out(size_t(rows) * ld_out, kSentinel);  // [rows, E], stride ld_out
  emb.forward(rows, ids.data(), out.data(), ld_out);
  for (int r = 0; r < rows; ++r) {
    for (int e = 0; e < E; ++e) CHECK(out[size_t(r) * ld_out + e] == table[size_t(ids[r]) * E + e]);
    for (int e = E; e < ld_out; ++e) CHECK(out[size_t(r) * ld_out + e] == kSentinel);
  }

  const std::vector<double> g = strided(rng, rows, E, ld_dout, kNaN);  // [rows, E]: L = sum g * out
  auto loss = [&] {
    emb.forward(rows, ids.data(), out.data(), ld_out);
    double L = 0;
    for (int r = 0; r < rows; ++r)
      for (int e = 0; e < E; ++e) L += g[size_t(r) * ld_dout + e] * out[size_t(r) * ld_out + e];
    return L;
  };
  fill_grads(rng, store);
  const std::vector<double> before(store.grad(emb.weight_id()), store.grad(emb.weight_id()) + V * E);
  emb.backward(rows, ids.data(), g.data(), ld_dout);
  const double* dw = store.grad(emb.weight_id());
  double* w = store.value(emb.weight_id());
  for (int k = 0; k < V * E; ++k)
    check_close(dw[k] - before[size_t(k)], centred(w + k, loss), "embed.weight[" + std::to_string(k) + "]");
  for (int e = 0; e < E; ++e) {
    // Row 1 receives the sum of rows 0, 2 and 3; row 2 nothing.
    const double sum = g[0 * ld_dout + e] + g[2 * ld_dout + e] + g[3 * ld_dout + e];
    CHECK_THAT(dw[1 * E + e] - before[size_t(1 * E + e)], WithinAbs(sum, 1e-12));
    CHECK(dw[2 * E + e] == before[size_t(2 * E + e)]);
  }
}

TEST_CASE("Linear and Embedding initialise as PyTorch, drawing in storage order", "[layers][init]") {
  ParamStore<float> store;
  Linear<float> fc(4, 3, "head.", store);
  Embedding<float> emb(5, 2, "embed.", store);
  store.allocate();
  REQUIRE(store.specs().size() == 3);
  CHECK(store.specs()[0].name == "head.weight");
  CHECK(store.specs()[0].shape == std::vector<int64_t>{3, 4});
  CHECK(store.specs()[1].name == "head.bias");
  CHECK(store.specs()[1].shape == std::vector<int64_t>{3});
  CHECK(store.specs()[2].name == "embed.weight");
  CHECK(store.specs()[2].shape == std::vector<int64_t>{5, 2});
  Rng rng(9), same(9);
  fc.init(rng);
  emb.init(rng);
  for (int id : {fc.weight_id(), fc.bias_id()})  // U(-1/sqrt(4), 1/sqrt(4)), weight then bias
    for (int64_t k = 0; k < store.specs()[id].size; ++k) CHECK(store.value(id)[k] == float(same.uniform(-0.5, 0.5)));
  for (int k = 0; k < 10; ++k) CHECK(store.value(emb.weight_id())[k] == float(same.normal()));
}

TEST_CASE("Cross-entropy equals a direct log-softmax", "[layers][cross_entropy]") {
  for (int V : {1, 3, 17}) {
    DYNAMIC_SECTION("V = " << V) {
      const int rows = 5;
      Rng rng(10 + V);
      std::vector<double> z(size_t(rows) * V);  // [rows, V]
      test::fill_uniform(rng, z.data(), z.size(), -4.0, 4.0);
      const std::vector<TokenId> y = test::random_ids(rng, rows, V);
      std::vector<double> dz(z.size()), row_loss(rows);
      const CrossEntropyTotal total =
          softmax_cross_entropy(rows, V, z.data(), y.data(), kNoIgnore, dz.data(), row_loss.data());
      CHECK(total.count == rows);
      double sum = 0;
      for (int r = 0; r < rows; ++r) {
        const double expect = direct_loss(z.data() + size_t(r) * V, V, y[r]);
        CHECK_THAT(row_loss[r], WithinAbs(expect, 1e-13));
        sum += expect;
      }
      CHECK_THAT(total.loss, WithinAbs(sum, 1e-12));
      CHECK_THAT(total.mean(), WithinAbs(sum / rows, 1e-12));

      SECTION("in float") {
        const std::vector<float> zf(z.begin(), z.end());
        std::vector<float> dzf(zf.size()), lf(rows);
        const CrossEntropyTotal tf =
            softmax_cross_entropy(rows, V, zf.data(), y.data(), kNoIgnore, dzf.data(), lf.data());
        CHECK_THAT(tf.mean(), WithinAbs(sum / rows, 1e-5));
        for (size_t i = 0; i < dz.size(); ++i) CHECK_THAT(double(dzf[i]), WithinAbs(dz[i], 1e-6));
      }
      SECTION("without gradient or row buffers the loss is the same") {
        const CrossEntropyTotal bare =
            softmax_cross_entropy(rows, V, z.data(), y.data(), kNoIgnore, (double*)nullptr, (double*)nullptr);
        CHECK(bare.count == rows);
        CHECK(bare.loss == total.loss);
      }
    }
  }
}

TEST_CASE("Cross-entropy gradient matches centred differences, and ignored rows count nothing",
          "[layers][cross_entropy][gradcheck]") {
  for (int V : {1, 3, 17}) {
    DYNAMIC_SECTION("V = " << V) {
      const int rows = 6;
      const TokenId ignore = V > 1 ? 0 : 7;  // with V = 1 the ignored id is outside the vocabulary (PAD-like)
      Rng rng(20 + V);
      std::vector<double> z(size_t(rows) * V);
      test::fill_uniform(rng, z.data(), z.size(), -3.0, 3.0);
      std::vector<TokenId> y(rows);
      for (auto& id : y) id = V > 1 ? TokenId(1 + rng.next_u64() % uint64_t(V - 1)) : 0;
      y[1] = y[4] = ignore;
      std::vector<double> dz(z.size(), kNaN), row_loss(rows, kNaN);  // both fully overwritten
      const CrossEntropyTotal total = softmax_cross_entropy(rows, V, z.data(), y.data(), ignore, dz.data(), row_loss.data());
      CHECK(total.count == rows - 2);
      double sum = 0;
      for (int r = 0; r < rows; ++r) {
        if (y[r] == ignore) {
          CHECK(row_loss[r] == 0.0);
          for (int v = 0; v < V; ++v) CHECK(dz[size_t(r) * V + v] == 0.0);
          continue;
        }
        sum += direct_loss(z.data() + size_t(r) * V, V, y[r]);
        double row_sum = 0;  // softmax - onehot sums to zero
        for (int v = 0; v < V; ++v) row_sum += dz[size_t(r) * V + v];
        CHECK_THAT(row_sum, WithinAbs(0.0, 1e-15));
      }
      CHECK_THAT(total.mean(), WithinAbs(sum / (rows - 2), 1e-12));
      auto mean = [&] {
        return softmax_cross_entropy(rows, V, z.data(), y.data(), ignore, (double*)nullptr, (double*)nullptr).mean();
      };
      for (size_t i = 0; i < z.size(); ++i) check_close(dz[i], centred(&z[i], mean), "dlogits[" + std::to_string(i) + "]");
    }
  }
}

TEST_CASE("Cross-entropy is stable for large logits and safe when every row is ignored", "[layers][cross_entropy]") {
  const int rows = 3, V = 17;
  Rng rng(30);
  std::vector<double> z(size_t(rows) * V);
  test::fill_uniform(rng, z.data(), z.size(), -3.0, 3.0);
  const std::vector<TokenId> y = test::random_ids(rng, rows, V);
  std::vector<double> dz(z.size()), dz_shifted(z.size());
  const double base = softmax_cross_entropy(rows, V, z.data(), y.data(), kNoIgnore, dz.data(), (double*)nullptr).mean();
  for (double shift : {1000.0, -1000.0}) {
    std::vector<double> zs = z;
    for (auto& v : zs) v += shift;  // exp(1000) overflows, exp(-1000) underflows without the max shift
    const double m = softmax_cross_entropy(rows, V, zs.data(), y.data(), kNoIgnore, dz_shifted.data(), (double*)nullptr).mean();
    CHECK_THAT(m, WithinAbs(base, 1e-10));
    for (size_t i = 0; i < dz.size(); ++i) CHECK_THAT(dz_shifted[i], WithinAbs(dz[i], 1e-12));
  }
  // Float, where exp overflows already at 89.
  std::vector<float> zf(z.begin(), z.end()), dzf(z.size());
  for (auto& v : zf) v += 200.0f;
  const double mf = softmax_cross_entropy(rows, V, zf.data(), y.data(), kNoIgnore, dzf.data(), (float*)nullptr).mean();
  CHECK(std::isfinite(mf));
  CHECK_THAT(mf, WithinRel(base, 1e-3));

  const std::vector<TokenId> pads(rows, TokenId(0));  // every target the ignored id
  std::vector<double> dz_pad(z.size(), kNaN);
  const CrossEntropyTotal none = softmax_cross_entropy(rows, V, z.data(), pads.data(), pads[0], dz_pad.data(), (double*)nullptr);
  CHECK(none.count == 0);
  CHECK(none.mean() == 0.0);
  for (double d : dz_pad) CHECK(d == 0.0);
}
