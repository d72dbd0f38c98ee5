// Decoding: greedy, temperature, top-k; priming and streaming; determinism for a seed.
#include <catch2/catch.hpp>
#include <cmath>

#include "engine/lm/sampler.hpp"
#include "test_util.hpp"

using namespace rp;

namespace {

struct Fixture {
  CharLM<float> model{{find_cell("gru"), 8, 16, 1, 0}};
  Fixture() {
    Rng rng(4);
    model.init(rng);
    // Spread the head so the prediction is far from uniform.
    float* w = model.params().value(model.params().find("head.weight"));
    for (int i = 0; i < 8 * 16; ++i) w[i] *= 8.f;
    model.weights_changed();
  }
};

double entropy(const std::vector<float>& p) {
  double h = 0;
  for (float x : p)
    if (x > 0) h -= x * std::log(double(x));
  return h;
}

}  // namespace

TEST_CASE("Sampling options shape the next-character distribution", "[sampler]") {
  Fixture f;
  Sampler s(f.model);
  CHECK_FALSE(s.has_prediction());
  s.feed(3);
  s.feed(1);
  REQUIRE(s.has_prediction());
  std::vector<float> p(8);

  SECTION("temperature 1 is the softmax of the logits") {
    s.distribution({1.0, 0, false}, p.data());
    double z = 0;
    for (int v = 0; v < 8; ++v) z += std::exp(double(s.logits()[v]));
    for (int v = 0; v < 8; ++v) CHECK_THAT(p[v], Catch::Matchers::WithinAbs(std::exp(double(s.logits()[v])) / z, 1e-6));
  }
  SECTION("lower temperature sharpens, higher flattens") {
    std::vector<float> cold(8), hot(8);
    s.distribution({0.5, 0, false}, cold.data());
    s.distribution({1.0, 0, false}, p.data());
    s.distribution({2.0, 0, false}, hot.data());
    CHECK(entropy(cold) < entropy(p));
    CHECK(entropy(p) < entropy(hot));
  }
  SECTION("top-k keeps exactly the k most likely characters") {
    s.distribution({1.0, 3, false}, p.data());
    int nonzero = 0;
    for (float x : p) nonzero += x > 0;
    CHECK(nonzero == 3);
    std::vector<float> full(8);
    s.distribution({1.0, 0, false}, full.data());
    for (int v = 0; v < 8; ++v)
      if (p[v] > 0)
        for (int u = 0; u < 8; ++u)
          if (p[u] == 0) CHECK(full[v] >= full[u]);
  }
  SECTION("greedy and top-1 both choose the argmax") {
    Rng rng(1);
    const int best = int(std::max_element(s.logits(), s.logits() + 8) - s.logits());
    CHECK(s.choose({1.0, 0, true}, rng) == best);
    CHECK(s.choose({1.0, 1, false}, rng) == best);
  }
  SECTION("draws follow the distribution") {
    s.distribution({1.0, 0, false}, p.data());
    Rng rng(2);
    std::vector<int> counts(8, 0);
    const int n = 40000;
    for (int i = 0; i < n; ++i) ++counts[s.choose({1.0, 0, false}, rng)];
    for (int v = 0; v < 8; ++v) CHECK_THAT(counts[v] / double(n), Catch::Matchers::WithinAbs(p[v], 0.01));
  }
}

TEST_CASE("Streaming generation is stateful and reproducible", "[sampler]") {
  Fixture f;
  auto generate = [&](uint64_t seed) {
    Sampler s(f.model);
    for (TokenId id : {1, 2, 3}) s.feed(id);
    Rng rng(seed);
    std::vector<TokenId> out;
    for (int i = 0; i < 50; ++i) out.push_back(s.next({0.8, 0, false}, rng));
    return out;
  };
  CHECK(generate(7) == generate(7));
  CHECK(generate(7) != generate(8));

  SECTION("feeding a text step by step equals running it as one window") {
    Sampler s(f.model);
    const std::vector<TokenId> ids = {5, 1, 4, 1, 5, 2};
    for (TokenId id : ids) s.feed(id);
    CharLMWorkspace<float> ws;
    RecurrentState<float> st;
    f.model.resize(ws, 6, 1);
    f.model.resize(st, 1);
    f.model.forward(ids.data(), nullptr, 6, ws, st);
    for (int v = 0; v < 8; ++v) CHECK_THAT(s.logits()[v], Catch::Matchers::WithinAbs(f.model.logits(ws, 5, 0)[v], 1e-5));
  }
}

TEST_CASE("Sampling options are validated", "[sampler]") {
  CHECK(validate(SampleOptions{1.0, 0, false}).is_ok());
  CHECK_FALSE(validate(SampleOptions{0.0, 0, false}).is_ok());
  CHECK_FALSE(validate(SampleOptions{std::nan(""), 0, false}).is_ok());
  CHECK_FALSE(validate(SampleOptions{1.0, -2, false}).is_ok());
}
