// Dropout masks (engine/layers/dropout.hpp): inverted scaling, drawn from the generator, and where each kind
// puts them in a char LM's window.
#include <catch2/catch.hpp>
#include <vector>

#include "engine/layers/dropout.hpp"
#include "test_util.hpp"

using namespace rp;

TEST_CASE("A dropout mask drops about P of the entries and scales the rest by 1/(1-P)", "[dropout]") {
  for (double p : {0.1, 0.5, 0.8}) {
    std::vector<float> mask(200000);
    Rng rng(3);
    draw_mask(rng, p, mask.data(), mask.size());
    size_t dropped = 0;
    for (float m : mask) {
      if (m == 0.f) ++dropped;
      else CHECK(m == float(1.0 / (1.0 - p)));
    }
    CHECK(double(dropped) / mask.size() == Approx(p).margin(0.005));
    // Same generator state, same mask; another seed, another.
    std::vector<float> again(mask.size()), other(mask.size());
    Rng same(3), different(4);
    draw_mask(same, p, again.data(), again.size());
    draw_mask(different, p, other.data(), other.size());
    CHECK(again == mask);
    CHECK(other != mask);
  }
}

TEST_CASE("Each dropout kind masks what it says, per step or once per window", "[dropout]") {
  const int T = 6, B = 3;
  CharLMConfig c{&default_cell(), 5, 4, 2, 3};
  CharLM<float> model(c);
  CharLMWorkspace<float> ws;
  model.resize(ws, T, B);
  auto step_differs = [](const Tensor3<float>& m) {
    const size_t n = m.shape(1) * m.shape(2);
    for (size_t t = 1; t < m.shape(0); ++t)
      if (!std::equal(m.data(), m.data() + n, m.data() + t * n)) return true;
    return false;
  };
  for (const DropoutKindInfo& kind : dropout_kinds()) {
    DYNAMIC_SECTION(kind.name) {
      Rng rng(5);
      model.draw_dropout({0.5, kind.kind}, rng, T, ws);
      const bool variational = kind.kind == DropoutKind::Variational;
      const bool recurrent = kind.kind == DropoutKind::Naive || variational;
      for (int l = 0; l < 2; ++l) {
        const LayerDropout<float>& d = ws.layers[l].drop;
        REQUIRE(d.x_mask.size() > 0);  // the embedding, and the layer below
        CHECK(d.x_mask.shape(0) == size_t(variational ? 1 : T));
        CHECK((d.h_mask.size() > 0) == recurrent);
        CHECK((d.w_mask.size() > 0) == (kind.kind == DropoutKind::Weight));
        if (!variational) CHECK(step_differs(d.x_mask));
        if (kind.kind == DropoutKind::Naive) CHECK(step_differs(d.h_mask));
      }
      CHECK(ws.out_mask.shape(0) == size_t(variational ? 1 : T));
      model.clear_dropout(ws);
      CHECK_FALSE(ws.layers[0].drop.any());
      CHECK(ws.out_mask.size() == 0);
    }
  }
  SECTION("one-hot input is never dropped (it would drop the whole character)") {
    CharLMConfig onehot{&default_cell(), 5, 4, 1, 0};
    CharLM<float> m1(onehot);
    CharLMWorkspace<float> w1;
    m1.resize(w1, T, B);
    Rng rng(5);
    m1.draw_dropout({0.5, DropoutKind::Between}, rng, T, w1);
    CHECK(w1.layers[0].drop.x_mask.size() == 0);
    CHECK(w1.out_mask.size() > 0);
  }
  SECTION("P = 0 draws nothing") {
    Rng rng(5);
    model.draw_dropout({0.0, DropoutKind::Naive}, rng, T, ws);
    CHECK_FALSE(ws.layers[0].drop.any());
    CHECK(ws.out_mask.size() == 0);
  }
}
