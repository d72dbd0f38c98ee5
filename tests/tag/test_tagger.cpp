// The tagger model: finite-difference gradient checks in double for every registered cell and shape on a
// ragged batch, golden values against PyTorch (tests/golden/tag_golden.py), and padding that changes nothing.
#include <catch2/catch.hpp>
#include <cmath>

#include "engine/io/safetensors.hpp"
#include "engine/tag/tagger.hpp"
#include "gradcheck.hpp"
#include "test_util.hpp"

using namespace rp;

namespace {



// Lengths 5, 3, 1: the longest fills the batch, the others leave padding that must not matter.
TaggerBatch ragged_batch(Rng& rng, int V, int C) {
  TaggerBatch b;
  b.S = 5;
  b.B = 3;
  b.len = {5, 3, 1};
  b.ids = test::random_ids(rng, size_t(b.S) * b.B, V);
  b.tags = test::random_ids(rng, size_t(b.S) * b.B, C);
  for (int s = 0; s < b.S; ++s)
    for (int i = 0; i < b.B; ++i)
      if (s >= b.len[size_t(i)]) b.tags[size_t(s) * b.B + i] = kPadTag;
  return b;
}

const safetensors::Tensor& need(const safetensors::File& f, const std::string& name) {
  const safetensors::Tensor* t = f.find(name);
  INFO(name);
  REQUIRE(t != nullptr);
  return *t;
}

double worst_error(const float* ours, const safetensors::Tensor& golden) {
  double worst = 0;
  for (size_t i = 0; i < golden.data.size(); ++i)
    worst = std::max(worst, std::abs(double(ours[i]) - golden.data[i]) / (1e-4 + std::abs(double(golden.data[i]))));
  return worst;
}

}  // namespace

TEST_CASE("Tagger gradients match centred differences for every cell and shape", "[tag][gradcheck]") {
  struct Case {
    const CellType* cell;
    int layers, embed;
    bool bi;
  };
  std::vector<Case> cases;
  for (const CellType* cell : test::every_cell()) cases.push_back({cell, 1, 3, true});
  for (bool bi : {false, true})
    for (int layers : {1, 2}) cases.push_back({find_cell(layers == 1 ? "gru" : "lstm"), layers, bi ? 0 : 3, bi});
  for (const Case& k : cases) {
    DYNAMIC_SECTION(k.cell->name << " L=" << k.layers << " E=" << k.embed << (k.bi ? " bi" : " uni")) {
      TaggerConfig c;
      c.vocab = 6;
      c.tags = 3;
      c.embed = k.embed;
      c.hidden = 3;
      c.layers = k.layers;
      c.cell = k.cell;
      c.bidirectional = k.bi;
      REQUIRE(validate(c).is_ok());
      Tagger<double> model(c);
      Rng rng(23);
      model.init(rng);
      const TaggerBatch batch = ragged_batch(rng, c.vocab, c.tags);
      TaggerWorkspace<double> ws;
      model.resize(ws, batch.S, batch.B);
      auto& params = model.params();
      params.zero_grad();
      model.forward(batch, ws);
      model.backward(batch, ws);
      test::check_param_gradients(model, [&] { return model.forward(batch, ws); });
    }
  }
}

TEST_CASE("A position's tag scores depend on its sentence only, and bidirectional ones on the words after it",
          "[tag]") {
  for (bool bi : {false, true}) {
    DYNAMIC_SECTION((bi ? "bidirectional" : "left to right")) {
      TaggerConfig c;
      c.vocab = 6;
      c.tags = 3;
      c.hidden = 4;
      c.embed = 3;
      c.bidirectional = bi;
      Tagger<float> model(c);
      Rng rng(5);
      model.init(rng);
      TaggerWorkspace<float> ws;
      model.resize(ws, 4, 2);
      // Sentence 0 = [1 2 3 4]; sentence 1 = [2 5] and padding, then the same with another last word / padding.
      std::vector<TokenId> ids = {1, 2, 2, 5, 3, 0, 4, 0};
      const std::vector<int> len = {4, 2};
      model.logits(ids.data(), len.data(), 4, ws);
      const std::vector<float> before(ws.logits.begin(), ws.logits.end());
      ids[5] = 4;  // padding of sentence 1
      ids[7] = 3;
      ids[6] = 5;  // sentence 0's last word
      model.logits(ids.data(), len.data(), 4, ws);
      const int C = c.tags;
      auto row = [&](const std::vector<float>& l, int s, int b) {
        return std::vector<float>(l.begin() + (s * 2 + b) * C, l.begin() + (s * 2 + b + 1) * C);
      };
      const std::vector<float> after(ws.logits.begin(), ws.logits.end());
      for (int s = 0; s < 2; ++s) CHECK(row(before, s, 1) == row(after, s, 1));  // padding changed nothing
      CHECK(row(before, 3, 0) != row(after, 3, 0));                                // the changed word itself
      // Position 0 of sentence 0 sees the last word only when reading backwards too.
      CHECK((row(before, 0, 0) != row(after, 0, 0)) == bi);
    }
  }
}

TEST_CASE("Tagger logits, loss and gradients match PyTorch", "[tag][golden]") {
  struct Case {
    const char* name;
    const char* cell;
    bool bi;
    int embed;
  };
  for (const Case& k : {Case{"lstm_bi", "lstm", true, 3}, Case{"gru_uni_onehot", "gru", false, 0},
                        Case{"rnn_tanh_bi_onehot", "rnn_tanh", true, 0}}) {
    DYNAMIC_SECTION(k.name) {
      safetensors::File f;
      REQUIRE(safetensors::read_file(test::golden_path(std::string("tagger_") + k.name + ".safetensors"), f).is_ok());
      TaggerConfig c;
      c.vocab = 7;
      c.tags = 4;
      c.hidden = 4;
      c.layers = 2;
      c.embed = k.embed;
      c.cell = find_cell(k.cell);
      c.bidirectional = k.bi;
      REQUIRE(validate(c).is_ok());
      Tagger<float> model(c);
      auto& params = model.params();
      for (size_t i = 0; i < params.specs().size(); ++i) {
        const auto& t = need(f, params.specs()[i].name);
        REQUIRE(int64_t(t.data.size()) == params.specs()[i].size);
        std::copy(t.data.begin(), t.data.end(), params.value(int(i)));
      }
      model.weights_changed();
      const auto& in = need(f, "golden.inputs");
      TaggerBatch batch;
      batch.S = int(in.shape[0]);
      batch.B = int(in.shape[1]);
      for (float x : in.data) batch.ids.push_back(TokenId(x));
      for (float x : need(f, "golden.lengths").data) batch.len.push_back(int(x));
      for (float x : need(f, "golden.tags").data) batch.tags.push_back(TokenId(x));
      TaggerWorkspace<float> ws;
      model.resize(ws, batch.S, batch.B);
      params.zero_grad();
      const double loss = model.forward(batch, ws);
      model.backward(batch, ws);
      CHECK_THAT(loss, Catch::Matchers::WithinRel(double(need(f, "golden.loss").data[0]), 1e-5));
      // PyTorch leaves zeros at padded positions; ours holds the head's bias there: compare real positions.
      const auto& golden = need(f, "golden.logits");
      double worst = 0;
      for (int s = 0; s < batch.S; ++s)
        for (int b = 0; b < batch.B; ++b)
          if (s < batch.len[size_t(b)])
            for (int j = 0; j < c.tags; ++j) {
              const size_t i = (size_t(s) * batch.B + b) * c.tags + j;
              worst = std::max(worst, std::abs(double(ws.logits.data()[i]) - golden.data[i]) /
                                          (1e-4 + std::abs(double(golden.data[i]))));
            }
      INFO("logits: worst relative error " << worst);
      CHECK(worst < 2e-4);
      for (size_t i = 0; i < params.specs().size(); ++i) {
        const std::string& p = params.specs()[i].name;
        const double err = worst_error(params.grad(int(i)), need(f, "grad." + p));
        INFO("grad " << p << ": worst relative error " << err);
        CHECK(err < 2e-4);
      }
    }
  }
}
