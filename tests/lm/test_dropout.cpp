// Dropout in char-LM training: on only in the trainer's steps, reproducible from the seed, absent from
// evaluation; and a model without biases trains and round-trips through a checkpoint.
#include <catch2/catch.hpp>
#include <algorithm>

#include "engine/lm/checkpoint.hpp"
#include "engine/lm/experiment.hpp"
#include "lm/lm_trainer.hpp"
#include "test_util.hpp"

using namespace rp;

namespace {

const std::string kText = test::repeat_text("the quick brown fox jumps over the lazy dog. ", 60);

TrainConfig config(double p, DropoutKind kind, uint64_t seed = 7) {
  TrainConfig c;
  c.model = {&default_cell(), 0, 24, 2, 8};
  c.model.options.dropout = {p, kind};
  c.seq = 12;
  c.batch = 4;
  c.seed = seed;
  return c;
}

std::vector<double> run(const TrainConfig& c, int steps) {
  auto t = test::lm_trainer(kText, c);
  std::vector<double> out;
  for (int i = 0; i < steps; ++i) out.push_back(t->step().loss);
  return out;
}

}  // namespace

TEST_CASE("Dropout runs are reproducible from the seed", "[dropout][determinism]") {
  for (const DropoutKindInfo& kind : dropout_kinds()) {
    DYNAMIC_SECTION(kind.name) {
      const auto a = run(config(0.3, kind.kind), 8), b = run(config(0.3, kind.kind), 8);
      CHECK(a == b);  // the same masks: bitwise the same losses
      CHECK(a != run(config(0.3, kind.kind, 8), 8));
      // The masks do something: the same seed without dropout trains otherwise from the first step on
      // (the same initial weights, so the first loss differs only through the masks).
      const auto none = run(config(0.0, kind.kind), 8);
      CHECK(a[0] != none[0]);
    }
  }
}

TEST_CASE("Evaluation does not depend on P at the same weights", "[dropout]") {
  std::vector<TokenId> held;
  Vocab vocab;
  REQUIRE(Vocab::from_text(kText, vocab).is_ok());
  REQUIRE(vocab.encode(kText.substr(0, 300), held).is_ok());
  double reference = 0;
  {
    auto t = test::lm_trainer(kText, config(0.0, DropoutKind::Between));
    REQUIRE(t->evaluate(held, reference).is_ok());
  }
  for (const DropoutKindInfo& kind : dropout_kinds()) {
    for (double p : {0.2, 0.7}) {
      DYNAMIC_SECTION(kind.name << " P=" << p) {
        auto t = test::lm_trainer(kText, config(p, kind.kind));
        double loss = 0, again = 0;
        REQUIRE(t->evaluate(held, loss).is_ok());
        CHECK(loss == reference);  // the same initial weights: exactly the same held-out loss
        // After training with dropout, the trained weights evaluate the same in a model that has none.
        for (int i = 0; i < 3; ++i) t->step();
        REQUIRE(t->evaluate(held, loss).is_ok());
        REQUIRE(t->evaluate(held, again).is_ok());
        CHECK(loss == again);
        CharLMConfig plain = t->model().config();
        plain.options.dropout = {};
        CharLM<float> copy(plain);
        copy.params().values() = t->model().params().values();
        copy.weights_changed();
        double copied = 0;
        REQUIRE(evaluate_stream(copy, held, 12, copied).is_ok());
        CHECK(copied == loss);
      }
    }
  }
}

TEST_CASE("A model without biases has none in its checkpoint and reads back as such", "[bias][checkpoint]") {
  TrainConfig c = config(0.0, DropoutKind::Between);
  c.model.options.bias = false;
  auto t = test::lm_trainer(kText, c);
  for (int i = 0; i < 3; ++i) t->step();
  safetensors::File f;
  export_char_lm(t->model(), t->vocab(), f);
  CHECK(f.find("rnn.bias_ih_l0") == nullptr);
  CHECK(f.find("rnn.weight_hh_l1") != nullptr);
  REQUIRE(f.meta("bias"));
  CHECK(*f.meta("bias") == "false");
  std::unique_ptr<CharLM<float>> loaded;
  Vocab vocab;
  const Status s = import_char_lm(f, loaded, vocab);
  INFO(s.message());
  REQUIRE(s.is_ok());
  CHECK_FALSE(loaded->config().options.bias);
  CHECK((loaded->params().values() == t->model().params().values()));
  SECTION("a file written before the bias field reads as having biases") {
    TrainConfig with = config(0.0, DropoutKind::Between);
    auto tb = test::lm_trainer(kText, with);
    safetensors::File old;
    export_char_lm(tb->model(), tb->vocab(), old);
    auto& meta = old.metadata;
    meta.erase(std::remove_if(meta.begin(), meta.end(), [](const auto& kv) { return kv.first == "bias"; }), meta.end());
    REQUIRE(import_char_lm(old, loaded, vocab).is_ok());
    CHECK(loaded->config().options.bias);
  }
}

TEST_CASE("The dropout and bias fields read from JSON and refuse what is out of bounds", "[dropout][experiment]") {
  LmExperiment e;
  REQUIRE(parse_lm_experiment(R"({"dropout":0.25,"dropout_kind":"variational","bias":false})", e).is_ok());
  CHECK(e.train.model.options.dropout.p == 0.25);
  CHECK(e.train.model.options.dropout.kind == DropoutKind::Variational);
  CHECK_FALSE(e.train.model.options.bias);
  CHECK_FALSE(parse_lm_experiment(R"({"dropout":0.95})", e).is_ok());
  const Status s = parse_lm_experiment(R"({"dropout_kind":"zoneout"})", e);
  CHECK_FALSE(s.is_ok());
  CHECK_THAT(s.message(), Catch::Matchers::Contains("variational"));
}
