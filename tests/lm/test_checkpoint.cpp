// Char-LM checkpoints: round trips for every cell, exact training resume, and every refusal.
#include <catch2/catch.hpp>

#include "engine/lm/checkpoint.hpp"
#include "engine/lm/pytorch_file.hpp"
#include "lm/lm_trainer.hpp"
#include "test_util.hpp"

using namespace rp;

namespace {

std::unique_ptr<Trainer> make_trainer(const CellType* cell, int embed) {
  TrainConfig c;
  c.model = {cell, 0, 24, 2, embed};
  c.seq = 16;
  c.batch = 4;
  return test::lm_trainer(test::repeat_text("To be, or not to be: that is the question. ", 3000), c);
}

safetensors::File reparse(const safetensors::File& f) {
  const auto bytes = safetensors::serialize(f);
  safetensors::File out;
  REQUIRE(safetensors::parse(bytes.data(), bytes.size(), out).is_ok());
  return out;
}

Status import(const safetensors::File& f) {
  std::unique_ptr<CharLM<float>> m;
  Vocab v;
  return import_char_lm(f, m, v);
}

}  // namespace

TEST_CASE("A saved char LM loads back with identical weights and predictions", "[checkpoint]") {
  for (const CellType* cell : test::every_cell()) {
    for (int embed : {0, 6}) {
      DYNAMIC_SECTION(cell->name << " embed=" << embed) {
        auto t = make_trainer(cell, embed);
        for (int i = 0; i < 3; ++i) t->step();
        safetensors::File f;
        export_char_lm(t->model(), t->vocab(), f);
        CHECK(*f.meta("model") == "char_lm");
        CHECK(*f.meta("cell") == cell->name);
        CHECK(*f.meta("embedding_dim") == std::to_string(embed));
        std::unique_ptr<CharLM<float>> m;
        Vocab v;
        REQUIRE(import_char_lm(reparse(f), m, v).is_ok());
        CHECK(v.chars() == t->vocab().chars());
        const auto& a = t->model().params().values();
        const auto& b = m->params().values();
        CHECK(std::equal(a.begin(), a.end(), b.begin(), b.end()));
      }
    }
  }
}

TEST_CASE("Training resumes exactly from a checkpoint with optimizer state", "[checkpoint]") {
  for (const CellType* cell : {find_cell("lstm"), find_cell("gru")}) {
    DYNAMIC_SECTION(cell->name) {
      auto t = make_trainer(cell, 0);
      for (int i = 0; i < 12; ++i) t->step();
      safetensors::File f;
      export_training(*t, f);
      f = reparse(f);
      std::vector<double> expected;
      for (int i = 0; i < 10; ++i) expected.push_back(t->step().loss);

      std::unique_ptr<CharLM<float>> m;
      Vocab v;
      REQUIRE(import_char_lm(f, m, v).is_ok());
      TrainConfig c;
      REQUIRE(read_train_config(f, c).is_ok());
      std::vector<TokenId> ids = t->streams().ids();
      std::unique_ptr<Trainer> resumed;
      REQUIRE(Trainer::create(c, v, std::move(m), ids, resumed).is_ok());
      const Status s = import_training(f, *resumed);
      INFO(s.message());
      REQUIRE(s.is_ok());
      std::vector<double> got;
      for (int i = 0; i < 10; ++i) got.push_back(resumed->step().loss);
      CHECK(got == expected);
      CHECK(resumed->optimizer().steps() == 22);
    }
  }
}

TEST_CASE("Bad checkpoints are refused with a message naming the problem", "[checkpoint]") {
  auto t = make_trainer(find_cell("lstm"), 4);
  safetensors::File good;
  export_char_lm(t->model(), t->vocab(), good);
  REQUIRE(import(good).is_ok());
  auto expect = [&](safetensors::File f, const std::string& words) {
    const Status s = import(f);
    REQUIRE_FALSE(s.is_ok());
    CHECK_THAT(s.message(), Catch::Matchers::Contains(words));
  };
  SECTION("missing tensor") {
    auto f = good;
    f.tensors.erase(f.tensors.begin() + 2);
    expect(f, "missing tensor 'rnn.weight_hh_l0'");
  }
  SECTION("metadata claiming a model bigger than any file this engine opens, refused before allocating it") {
    auto f = good;
    f.set_meta("hidden_size", "2048");
    f.set_meta("num_layers", "4");
    expect(f, "model too large: more than 134M parameters");
    f.set_meta("num_layers", "1");
    expect(f, "parameter values, but a lstm model with 1 layer(s) and an embedding (as its metadata says) has");
  }
  SECTION("wrong shape") {
    auto f = good;
    f.find("head.bias")->shape = {1, f.find("head.bias")->shape[0]};
    expect(f, "tensor 'head.bias' has shape");
  }
  SECTION("non-finite weight") {
    auto f = good;
    f.find("rnn.bias_ih_l1")->data[5] = std::nanf("");
    expect(f, "non-finite");
  }
  SECTION("unexpected tensor") {
    auto f = good;
    f.add("rnn.weight_ih_l7", {1}, {0.f});
    expect(f, "unexpected tensor 'rnn.weight_ih_l7'");
  }
  SECTION("not a char LM") {
    auto f = good;
    f.set_meta("model", "seq2seq");
    expect(f, "not a char_lm checkpoint");
    f.metadata.clear();
    expect(f, "metadata 'model' is missing");
  }
  SECTION("unknown cell") {
    auto f = good;
    f.set_meta("cell", "transformer");
    expect(f, "unknown cell 'transformer'");
  }
  SECTION("bad vocab") {
    auto f = good;
    f.set_meta("vocab", "[\"a\",");
    expect(f, "vocab");
  }
  SECTION("absurd sizes in metadata") {
    auto f = good;
    f.set_meta("hidden_size", "99999999");
    expect(f, "hidden_size");
    f = good;
    f.set_meta("num_layers", "-1");
    expect(f, "num_layers");
    f = good;
    f.set_meta("embedding_dim", "");
    expect(f, "embedding_dim");
  }
  SECTION("metadata that disagrees with the tensors") {
    auto f = good;
    f.set_meta("hidden_size", "25");
    expect(f, "has shape");
  }
}

TEST_CASE("A model written by PyTorch loads and evaluates", "[checkpoint][golden]") {
  safetensors::File f;
  REQUIRE(safetensors::read_file(test::golden_path("char_lm_gru_embed.safetensors"), f).is_ok());
  const Status s = import(f);
  REQUIRE_FALSE(s.is_ok());  // golden.* tensors are not part of the contract: refused like strict loading
  CHECK_THAT(s.message(), Catch::Matchers::Contains("unexpected tensor 'golden."));
}

TEST_CASE("A PyTorch state_dict without metadata: the shapes give the model, the text its characters", "[checkpoint]") {
  const std::string text = test::repeat_text("To be, or not to be: that is the question. ", 3000);
  for (const CellType* cell : test::every_cell()) {
    if (!cell->pytorch) continue;  // only cells PyTorch has are saved by PyTorch
    for (int embed : {0, 6}) {
      DYNAMIC_SECTION(cell->name << " embed=" << embed) {
        auto t = make_trainer(cell, embed);
        safetensors::File ours;
        export_char_lm(t->model(), t->vocab(), ours);
        safetensors::File plain = ours;
        plain.metadata.clear();
        std::string notice;
        REQUIRE(complete_char_lm_metadata(plain, text, notice).is_ok());
        std::unique_ptr<CharLM<float>> m;
        Vocab v;
        REQUIRE(import_char_lm(plain, m, v).is_ok());
        CHECK(m->config().hidden == 24);
        CHECK(m->config().layers == 2);
        CHECK(m->config().embed == embed);
        CHECK(v.to_json() == t->vocab().to_json());
        // nn.RNN does not record its nonlinearity: one block reads as tanh, and the note says so
        CHECK(m->config().cell->name == std::string(cell->blocks == 1 ? "rnn_tanh" : cell->name));
        CHECK((notice.find("tanh assumed") != std::string::npos) == (cell->blocks == 1));
        const auto& a = t->model().params().values();
        const auto& b = m->params().values();
        CHECK(std::equal(a.begin(), a.end(), b.begin(), b.end()));
      }
    }
  }
  SECTION("without a text of as many characters, the message gives the Python that adds the metadata") {
    auto t = make_trainer(find_cell("gru"), 6);
    safetensors::File plain;
    export_char_lm(t->model(), t->vocab(), plain);
    plain.metadata.clear();
    std::string notice;
    const Status none = complete_char_lm_metadata(plain, "", notice);
    REQUIRE_FALSE(none.is_ok());
    CHECK(none.message().find("GRU, 2 layer(s) of 24 units, 6-dimensional embedding") != std::string::npos);
    CHECK(none.message().find("save_file(load_file(PATH), PATH, metadata={'model': 'char_lm', 'cell': 'gru'") != std::string::npos);
    const Status other = complete_char_lm_metadata(plain, "abc", notice);
    CHECK(other.message().find("the text given has 3 distinct characters") != std::string::npos);
    safetensors::File headless = plain;
    headless.tensors.erase(headless.tensors.end() - 2, headless.tensors.end());  // no head
    CHECK(complete_char_lm_metadata(headless, text, notice).message().find("no 'head.weight'") != std::string::npos);
  }
  SECTION("a file with metadata is left as it is") {
    auto t = make_trainer(find_cell("lstm"), 0);
    safetensors::File ours;
    export_char_lm(t->model(), t->vocab(), ours);
    const auto before = ours.metadata;
    std::string notice;
    REQUIRE(complete_char_lm_metadata(ours, "xyz", notice).is_ok());
    CHECK(ours.metadata == before);
    CHECK(notice.empty());
  }
}
