// The finite-difference gradient check every model's test makes, in double: each parameter nudged by +-eps,
// the loss recomputed, and the centred difference compared with the analytic gradient already in
// model.params().grads() (from the caller's forward and backward on the same batch).
#pragma once
#include <catch2/catch.hpp>
#include <cmath>

namespace rp::test {

template <class Model, class Loss> void check_param_gradients(Model& model, Loss loss, double eps = 1e-6) {
  auto& params = model.params();
  for (size_t i = 0; i < params.specs().size(); ++i) {
    const auto& spec = params.specs()[i];
    double* v = params.value(int(i));
    const double* g = params.grad(int(i));
    for (int64_t e = 0; e < spec.size; ++e) {
      const double saved = v[e];
      v[e] = saved + eps;
      model.weights_changed();
      const double up = loss();
      v[e] = saved - eps;
      model.weights_changed();
      const double down = loss();
      v[e] = saved;
      model.weights_changed();
      const double numeric = (up - down) / (2 * eps);
      INFO(spec.name << "[" << e << "]: analytic " << g[e] << " numeric " << numeric);
      CHECK(std::abs(g[e] - numeric) <= 1e-7 + 1e-5 * std::abs(numeric));
    }
  }
}

}  // namespace rp::test
