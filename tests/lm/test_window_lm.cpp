// The window (delay-tap) baseline (engine/lm/window_lm.hpp, window_trainer.hpp): gradients against centred
// differences in double, windows that reach before the text, and convergence on a text whose next character
// depends only on the previous k.
#include <catch2/catch.hpp>
#include <cmath>

#include "engine/lm/window_trainer.hpp"
#include "test_util.hpp"

using namespace rp;

TEST_CASE("The window model's gradients match centred differences", "[window][gradcheck]") {
  for (int K : {1, 3}) {
    DYNAMIC_SECTION("window " << K) {
      const WindowConfig c{5, K, 3, 4};
      WindowLM<double> m(c);
      Rng rng(11);
      m.init(rng);
      const int rows = 6;
      std::vector<TokenId> windows = test::random_ids(rng, size_t(rows * K), 5), targets = test::random_ids(rng, rows, 5);
      windows[0] = kBeforeText;  // the first row's window starts before the text
      m.resize(rows);
      auto& p = m.params();
      p.zero_grad();
      m.forward(rows, windows.data(), targets.data());
      m.backward(rows, windows.data());
      const double eps = 1e-6;
      double worst = 0;
      for (size_t i = 0; i < p.specs().size(); ++i) {
        double* v = p.value(int(i));
        const double* g = p.grad(int(i));
        for (int64_t k = 0; k < p.specs()[i].size; ++k) {
          const double saved = v[k];
          v[k] = saved + eps;
          m.weights_changed();
          const double up = m.forward(rows, windows.data(), targets.data());
          v[k] = saved - eps;
          m.weights_changed();
          const double down = m.forward(rows, windows.data(), targets.data());
          v[k] = saved;
          m.weights_changed();
          const double numeric = (up - down) / (2 * eps);
          INFO(p.specs()[i].name << "[" << k << "]: analytic " << g[k] << " numeric " << numeric);
          CHECK(std::abs(g[k] - numeric) <= 1e-7 + 1e-5 * std::abs(numeric));
          worst = std::max(worst, std::abs(g[k] - numeric));
        }
      }
      WARN("window " << K << ": worst gradient error " << worst);
      // the embedding row of an id used only before the text's start gets no gradient from it
    }
  }
}

TEST_CASE("The window model learns a text whose next character depends only on the previous k", "[window]") {
  // x(t) = (x(t-1) + x(t-3)) mod 4 from a random start, restarted now and then: predictable from 3 back.
  Rng rng(3);
  std::vector<TokenId> ids;
  while (ids.size() < 6000) {
    for (int i = 0; i < 3; ++i) ids.push_back(TokenId(rng.next_u64() % 4));
    for (int i = 0; i < 60; ++i) ids.push_back(TokenId((ids[ids.size() - 1] + ids[ids.size() - 3]) % 4));
  }
  const std::vector<TokenId> train(ids.begin(), ids.begin() + 5000), held(ids.begin() + 5000, ids.end());
  TrainConfig c;
  c.model.hidden = 32;
  c.seq = 16;
  c.batch = 16;
  c.optim.lr = 0.01;
  double loss3 = 0, loss1 = 0;
  for (int K : {3, 1}) {
    std::unique_ptr<WindowTrainer> t;
    REQUIRE(WindowTrainer::create(K, c, 4, train, t).is_ok());
    for (int s = 0; s < 400; ++s) REQUIRE_FALSE(t->step().nonfinite);
    REQUIRE(t->evaluate(held, K == 3 ? loss3 : loss1).is_ok());
  }
  WARN("held-out loss after 400 steps: window 3 " << loss3 << ", window 1 " << loss1 << " (uniform: " << std::log(4.0) << ")");
  // The restarts (3 random characters every 63) are unpredictable: about 3/63 * ln 4 = 0.066 nats is the floor.
  CHECK(loss3 < 0.25);
  CHECK(loss1 > 0.8);  // one character back is not enough
}
