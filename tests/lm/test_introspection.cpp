// The measurements behind the views: dh(t)/dx(1) sensitivity against finite differences (layer-normalised too), the vanishing
// gradient of a vanilla RNN against an LSTM, and the per-step gradient norms of the last window.
#include <catch2/catch.hpp>
#include <cmath>

#include "engine/lm/trainer.hpp"
#include "lm/lm_trainer.hpp"
#include "test_util.hpp"

using namespace rp;

TEST_CASE("Input sensitivity equals the finite-difference Jacobian norm", "[introspection]") {
  for (const CellType* cell : test::every_cell()) {
    for (Norm norm : {Norm::None, Norm::Layer}) {
      DYNAMIC_SECTION(cell->name << " norm=" << norm_name(norm)) {
        const int V = 6, E = 3, H = 4, L = 2, T = 7;
        CharLMConfig c{cell, V, H, L, E};
        c.options.norm = norm;
        CharLM<double> model(c);
        Rng rng(5);
        model.init(rng);
        // Token 0 appears only at step 0, so perturbing its embedding row perturbs exactly x(1).
        std::vector<TokenId> ids = {0, 1, 2, 3, 4, 5, 1};
        CharLMWorkspace<double> ws;
        model.resize(ws, T, 1);
        std::vector<double> sens(L * T);
        model.input_sensitivity(ids.data(), T, ws, sens.data());

        const double eps = 1e-6;
        std::vector<double> fd(L * T, 0.0);  // sums of squares of Jacobian entries
        double* row = model.params().value(model.params().find("embed.weight"));
        for (int k = 0; k < E; ++k) {
          std::vector<double> plus(L * T * H), minus(L * T * H);
          for (int sign : {+1, -1}) {
            const double saved = row[k];
            row[k] = saved + sign * eps;
            model.weights_changed();
            RecurrentState<double> s;
            model.resize(s, 1);
            model.forward(ids.data(), nullptr, T, ws, s);
            auto& out = sign > 0 ? plus : minus;
            for (int l = 0; l < L; ++l)
              for (int t = 0; t < T; ++t)
                for (int j = 0; j < H; ++j) out[(l * T + t) * H + j] = ws.layers[l].h(t + 1, 0, j);
            row[k] = saved;
            model.weights_changed();
          }
          for (int i = 0; i < L * T; ++i)
            for (int j = 0; j < H; ++j) {
              const double d = (plus[i * H + j] - minus[i * H + j]) / (2 * eps);
              fd[i] += d * d;
            }
        }
        for (int i = 0; i < L * T; ++i) {
          INFO("layer " << i / T << " step " << i % T);
          CHECK_THAT(sens[i], Catch::Matchers::WithinAbs(std::sqrt(fd[i]), 1e-7 + 1e-5 * std::sqrt(fd[i])));
        }
      }
    }
  }
}

TEST_CASE("A vanilla RNN forgets its first input faster than an LSTM", "[introspection]") {
  // Untrained models with PyTorch's initialisation on the same 60-character probe: the tanh RNN's
  // sensitivity to x(1) decays geometrically; the LSTM's forget gate keeps it orders of magnitude larger.
  auto sensitivity_at_end = [](const CellType* cell) {
    const int V = 20, H = 64, T = 60;
    CharLM<float> model({cell, V, H, 1, 0});
    Rng rng(9);
    model.init(rng);
    // A forget-gate bias of 1 is the standard LSTM initialisation advice (Gers et al.); it is what keeps c.
    if (cell == find_cell("lstm")) {
      float* b = model.params().value(model.params().find("rnn.bias_ih_l0"));
      for (int j = H; j < 2 * H; ++j) b[j] = 1.0f;
      model.weights_changed();
    }
    Rng text_rng(3);
    auto ids = test::random_ids(text_rng, T, V);
    CharLMWorkspace<float> ws;
    model.resize(ws, T, 1);
    std::vector<float> sens(T);
    model.input_sensitivity(ids.data(), T, ws, sens.data());
    return std::make_pair(sens[0], sens[T - 1]);
  };
  const auto rnn = sensitivity_at_end(find_cell("rnn_tanh"));
  const auto lstm = sensitivity_at_end(find_cell("lstm"));
  INFO("RNN " << rnn.first << " -> " << rnn.second << "; LSTM " << lstm.first << " -> " << lstm.second);
  CHECK(rnn.second / rnn.first < 1e-3);
  CHECK(lstm.second / lstm.first > 100 * (rnn.second / rnn.first));
}

TEST_CASE("The last window's dL/dh(t) norms are recorded for every layer and step", "[introspection]") {
  TrainConfig c;
  c.model = {find_cell("rnn_tanh"), 0, 16, 2, 0};
  c.seq = 20;
  c.batch = 4;
  auto t = test::lm_trainer(test::repeat_text("gradient flow ", 2000), c);
  t->step();
  for (int l = 0; l < 2; ++l) {
    const auto& norms = t->workspace().layers[l].dh_norm;
    REQUIRE(norms.size() == 20);
    for (float x : norms) {
      CHECK(std::isfinite(x));
      CHECK(x > 0);
    }
  }
}
