// Finite-difference gradient checks in double precision for time pooling (last, max, mean; one and two
// directions; ragged lengths) and for the whole classifier: every registered cell, 1 and 2 layers, one and
// two directions, every pooling, embedding and one-hot input, on a ragged batch so padding is exercised; every
// dropout kind (masks held fixed), layer norm and layers without biases.
#include <catch2/catch.hpp>
#include <cmath>

#include "engine/classify/classifier.hpp"
#include "gradcheck.hpp"
#include "test_util.hpp"

using namespace rp;

namespace {

constexpr double kEps = 1e-6;

bool close(double analytic, double numeric) { return std::abs(analytic - numeric) <= 1e-7 + 1e-5 * std::abs(numeric); }

// Lengths 5, 3, 1: the longest fills the batch, the others leave padding that must not matter.
ClassifierBatch ragged_batch(Rng& rng, int V, int C) {
  ClassifierBatch b;
  b.S = 5;
  b.B = 3;
  b.len = {5, 3, 1};
  b.ids = test::random_ids(rng, size_t(b.S) * b.B, V);
  b.labels = {TokenId(0), TokenId(C - 1), TokenId(1 % C)};
  return b;
}

}  // namespace

TEST_CASE("Time pooling gradients match centred differences and ignore padding", "[classify][gradcheck]") {
  const int S = 4, B = 3, H = 2;
  const std::vector<int> len = {4, 2, 1};
  for (const auto& kind : pool_kinds())
    for (int dirs : {1, 2}) {
      DYNAMIC_SECTION(kind.name << " directions " << dirs) {
        const int D = dirs * H;
        Rng rng(3);
        std::vector<double> x(size_t(S) * B * D), w(size_t(B) * D), y(size_t(B) * D), dx(x.size(), 0.0);
        std::vector<int> argmax(size_t(B) * D);
        test::fill_uniform(rng, x.data(), x.size(), -1, 1);
        test::fill_uniform(rng, w.data(), w.size(), -1, 1);
        // The loss sum(w * pool(x)): its gradient with respect to the pooled vector is w.
        auto loss = [&] {
          pool_forward(kind.kind, S, B, D, dirs, x.data(), len.data(), y.data(), argmax.data());
          double sum = 0;
          for (size_t i = 0; i < y.size(); ++i) sum += w[i] * y[i];
          return sum;
        };
        loss();
        pool_backward(kind.kind, S, B, D, dirs, len.data(), argmax.data(), w.data(), dx.data());
        for (size_t i = 0; i < x.size(); ++i) {
          const double saved = x[i];
          x[i] = saved + kEps;
          const double up = loss();
          x[i] = saved - kEps;
          const double down = loss();
          x[i] = saved;
          const double numeric = (up - down) / (2 * kEps);
          const int s = int(i / (size_t(B) * D)), b = int(i / D % B);
          INFO("x[" << s << ", " << b << ", " << i % D << "]: analytic " << dx[i] << " numeric " << numeric);
          CHECK(close(dx[i], numeric));
          if (s >= len[size_t(b)]) CHECK(dx[i] == 0.0);  // padding never reaches the pooled vector
        }
      }
    }
}

TEST_CASE("Bidirectional last pooling reads the forward half at the end and the backward half at the start",
          "[classify]") {
  const int S = 3, B = 1, D = 4;
  const std::vector<int> len = {2};
  // x[s, 0, j] = 10 s + j
  std::vector<float> x(size_t(S) * D), y(D);
  for (int s = 0; s < S; ++s)
    for (int j = 0; j < D; ++j) x[size_t(s) * D + j] = float(10 * s + j);
  pool_forward(PoolKind::Last, S, B, D, 2, x.data(), len.data(), y.data(), nullptr);
  CHECK(y == std::vector<float>{10, 11, 2, 3});
}

TEST_CASE("Classifier gradients match centred differences for every cell and shape", "[classify][gradcheck]") {
  struct Case {
    const CellType* cell;
    int layers, embed;
    bool bi;
    PoolKind pool;
    RecurrentOptions options = {};
  };
  std::vector<Case> cases;
  for (const CellType* cell : test::every_cell()) cases.push_back({cell, 1, 3, true, PoolKind::Last});
  for (const auto& p : pool_kinds())
    for (bool bi : {false, true})
      for (int layers : {1, 2}) cases.push_back({find_cell(layers == 1 ? "lstm" : "gru"), layers, bi ? 0 : 3, bi, p.kind});
  for (const DropoutKindInfo& d : dropout_kinds()) {
    RecurrentOptions o;
    o.dropout = {0.4, d.kind};
    cases.push_back({find_cell("gru"), 2, 3, true, PoolKind::Mean, o});
  }
  for (const char* cell : {"lstm", "gru"}) {
    RecurrentOptions o;
    o.norm = Norm::Layer;
    o.bias = std::string(cell) == "gru";
    cases.push_back({find_cell(cell), 2, 3, true, PoolKind::Last, o});
  }
  for (const Case& k : cases) {
    DYNAMIC_SECTION(k.cell->name << " L=" << k.layers << " E=" << k.embed << (k.bi ? " bi " : " uni ") << pool_name(k.pool)
                                 << " dropout=" << k.options.dropout.p << " " << dropout_kind_name(k.options.dropout.kind)
                                 << " norm=" << norm_name(k.options.norm) << " bias=" << k.options.bias) {
      ClassifierConfig c;
      c.vocab = 5;
      c.classes = 3;
      c.embed = k.embed;
      c.hidden = 3;
      c.layers = k.layers;
      c.cell = k.cell;
      c.bidirectional = k.bi;
      c.pooling = k.pool;
      c.options = k.options;
      REQUIRE(validate(c).is_ok());
      Classifier<double> model(c);
      Rng rng(17);
      model.init(rng);
      const ClassifierBatch batch = ragged_batch(rng, c.vocab, c.classes);
      ClassifierWorkspace<double> ws;
      model.resize(ws, batch.S, batch.B);
      model.draw_dropout(k.options.dropout, rng, batch.S, ws);  // held fixed for every pass below
      auto& params = model.params();
      params.zero_grad();
      model.forward(batch, ws);
      model.backward(batch, ws);
      test::check_param_gradients(model, [&] { return model.forward(batch, ws); });
    }
  }
}

TEST_CASE("A sequence's logits do not depend on the padding after it or on its batch mates", "[classify]") {
  ClassifierConfig c;
  c.vocab = 6;
  c.classes = 2;
  c.hidden = 4;
  c.layers = 2;
  c.bidirectional = true;
  for (const auto& p : pool_kinds()) {
    c.pooling = p.kind;
    Classifier<double> model(c);
    Rng rng(5);
    model.init(rng);
    ClassifierWorkspace<double> ws;
    model.resize(ws, 6, 2);
    const std::vector<TokenId> alone = {1, 1, 2, 0, 0, 0, 3, 5, 0, 4, 0, 4};  // [S=6, B=2]; row 0 has length 3
    std::vector<TokenId> other = alone;
    for (int s = 3; s < 6; ++s) other[size_t(s) * 2] = TokenId(5);  // different padding in row 0
    other[1] = 0;                                                     // and a different batch mate
    const std::vector<int> len = {3, 6};
    model.logits(alone.data(), len.data(), 6, ws);
    const std::vector<double> a(ws.logits.data(), ws.logits.data() + 2);
    model.logits(other.data(), len.data(), 6, ws);
    CHECK(std::vector<double>(ws.logits.data(), ws.logits.data() + 2) == a);
  }
}
