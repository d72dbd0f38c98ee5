// Finite-difference gradient checks in double precision: every cell (and the lab's linear and sigmoid RNNs,
// engine/lab/network.cpp), 1/2/4 layers, one-hot and embedding input, every parameter element and the initial
// state (h0 and c0) of every layer; every dropout kind with its masks held fixed, and layers without biases.
#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>

#include "engine/lab/network.hpp"
#include "test_util.hpp"

using namespace rp;

namespace {

struct Problem {
  CharLM<double> model;
  CharLMWorkspace<double> ws;
  RecurrentState<double> h0;
  std::vector<TokenId> inputs, targets;
  int T = 4, B = 2;

  explicit Problem(const CharLMConfig& c) : model(c) {
    Rng rng(7);
    model.init(rng);
    // Larger-than-default weights push the gates away from their linear region, which makes the check stricter.
    auto& v = model.params().values();
    for (auto& x : v) x *= 2.0;
    model.weights_changed();
    model.resize(ws, T, B);
    model.resize(h0, B);
    test::fill_uniform(rng, h0.h.data(), h0.h.size(), -0.8, 0.8);
    test::fill_uniform(rng, h0.c.data(), h0.c.size(), -0.8, 0.8);
    inputs = test::random_ids(rng, size_t(T * B), c.vocab);
    targets = test::random_ids(rng, size_t(T * B), c.vocab);
  }

  double loss(const RecurrentState<double>& start) {
    RecurrentState<double> s = start;
    return model.forward(inputs.data(), targets.data(), T, ws, s);
  }
};

void check_close(double analytic, double numeric, const std::string& what) {
  INFO(what << ": analytic " << analytic << " numeric " << numeric);
  CHECK(std::abs(analytic - numeric) <= 1e-7 + 1e-5 * std::abs(numeric));
}

// One forward and backward, then every parameter element against centred differences (the workspace's
// dropout masks, if any, stay as they are for every pass).
void check_parameters(Problem& p, double eps) {
  auto& params = p.model.params();
  params.zero_grad();
  RecurrentState<double> s = p.h0;
  p.model.forward(p.inputs.data(), p.targets.data(), p.T, p.ws, s);
  p.model.backward(p.inputs.data(), p.T, p.ws);
  for (size_t i = 0; i < params.specs().size(); ++i) {
    const ParamSpec& spec = params.specs()[i];
    double* v = params.value(int(i));
    const double* g = params.grad(int(i));
    for (int64_t k = 0; k < spec.size; ++k) {
      const double saved = v[k];
      v[k] = saved + eps;
      p.model.weights_changed();
      const double up = p.loss(p.h0);
      v[k] = saved - eps;
      p.model.weights_changed();
      const double down = p.loss(p.h0);
      v[k] = saved;
      p.model.weights_changed();
      check_close(g[k], (up - down) / (2 * eps), spec.name + "[" + std::to_string(k) + "]");
    }
  }
}

}  // namespace

TEST_CASE("Gradients of every cell, depth and input kind match centred differences", "[gradcheck]") {
  const double eps = 1e-6;
  std::vector<const CellType*> cells = test::every_cell();
  for (const LabActivation& a : lab_activations())
    if (std::find(cells.begin(), cells.end(), a.cell) == cells.end()) cells.push_back(a.cell);
  for (const CellType* cell : cells) {
    for (int layers : {1, 2, 4}) {
      for (int embed : {0, 3}) {
        CharLMConfig c{cell, 5, 3, layers, embed};
        DYNAMIC_SECTION(cell->name << " layers=" << layers << " embed=" << embed) {
          Problem p(c);
          check_parameters(p, eps);
          // Initial state: the gradient backward leaves in dh_carry / dc_carry.
          for (int l = 0; l < layers; ++l) {
            for (bool cell_state : {false, true}) {
              if (cell_state && !p.model.has_cell_state()) continue;
              const auto& carry = cell_state ? p.ws.layers[l].dc_carry : p.ws.layers[l].dh_carry;
              for (int k = 0; k < p.B * c.hidden; ++k) {
                RecurrentState<double> s2 = p.h0;
                double* x = (cell_state ? s2.c.data() : s2.h.data()) + l * p.B * c.hidden + k;
                const double saved = *x;
                *x = saved + eps;
                const double up = p.loss(s2);
                *x = saved - eps;
                const double down = p.loss(s2);
                check_close(carry.data()[k], (up - down) / (2 * eps),
                            std::string(cell_state ? "c0" : "h0") + " layer " + std::to_string(l));
              }
            }
          }
        }
      }
    }
  }
}

TEST_CASE("Gradients with every dropout kind match centred differences with the masks held fixed", "[gradcheck][dropout]") {
  const double eps = 1e-6;
  for (const CellType* cell : test::every_cell()) {
    for (const DropoutKindInfo& kind : dropout_kinds()) {
      for (int embed : {0, 3}) {
        DYNAMIC_SECTION(cell->name << " " << kind.name << " embed=" << embed) {
          CharLMConfig c{cell, 5, 3, 2, embed};
          const DropoutConfig d{0.4, kind.kind};
          Problem p(c);
          Rng rng(99);
          p.model.draw_dropout(d, rng, p.T, p.ws);
          // The masks are there and drop something: the loss differs from the loss without them.
          const double with_masks = p.loss(p.h0);
          CharLMWorkspace<double> plain;
          p.model.resize(plain, p.T, p.B);
          RecurrentState<double> s = p.h0;
          CHECK(p.model.forward(p.inputs.data(), p.targets.data(), p.T, plain, s) != with_masks);
          check_parameters(p, eps);
        }
      }
    }
  }
}

TEST_CASE("Gradients of layer-normalised layers match centred differences", "[gradcheck][norm]") {
  const double eps = 1e-6;
  for (const CellType* cell : test::every_cell()) {
    for (bool bias : {true, false}) {
      for (bool dropout : {false, true}) {
        DYNAMIC_SECTION(cell->name << " bias=" << bias << " dropout=" << dropout) {
          CharLMConfig c{cell, 5, 4, 2, 3};
          c.options.norm = Norm::Layer;
          c.options.bias = bias;
          Problem p(c);
          // Gains and shifts away from their start (1 and 0), so that every term of the check is exercised.
          Rng rng(17);
          auto& params = p.model.params();
          for (size_t i = 0; i < params.specs().size(); ++i)
            if (params.specs()[i].name.find(".ln_") != std::string::npos)
              test::fill_uniform(rng, params.value(int(i)), size_t(params.specs()[i].size), 0.5, 1.5);
          p.model.weights_changed();
          if (dropout) p.model.draw_dropout({0.3, DropoutKind::Variational}, rng, p.T, p.ws);
          check_parameters(p, eps);
        }
      }
    }
  }
}

TEST_CASE("Gradients of layers without biases match centred differences", "[gradcheck][bias]") {
  const double eps = 1e-6;
  for (const CellType* cell : test::every_cell()) {
    DYNAMIC_SECTION(cell->name) {
      CharLMConfig c{cell, 5, 3, 2, 3};
      c.options.bias = false;
      Problem p(c);
      for (const ParamSpec& spec : p.model.params().specs()) CHECK(spec.name.find("rnn.bias") == std::string::npos);
      check_parameters(p, eps);
    }
  }
}
