// The estimators count exactly the parameters the models declare, for every cell and shape, so the page's
// size readout and the sessions' memory guard never drift from the models.
#include <catch2/catch.hpp>

#include "engine/families.hpp"
#include "engine/lm/estimate.hpp"
#include "engine/seq2seq/estimate.hpp"
#include "engine/seq2seq/seq2seq.hpp"
#include "test_util.hpp"

using namespace rp;

TEST_CASE("The char-LM estimate counts the model's parameters exactly", "[estimate]") {
  for (const CellType* cell : test::every_cell())
    for (int layers : {1, 3})
      for (int embed : {0, 5}) {
        DYNAMIC_SECTION(cell->name << " layers=" << layers << " embed=" << embed) {
          TrainConfig c;
          c.model = {cell, 11, 7, layers, embed};
          CharLM<float> model(c.model);
          const Estimate e = estimate_lm(c, 11);
          CHECK(e.params == model.params().count());
          CHECK(e.bytes > 4.0 * e.params);
          CHECK(e.flops_per_step > 0);
          CHECK(e.units_per_step == c.seq * c.batch);
        }
      }
}

TEST_CASE("The seq2seq estimate counts the model's parameters exactly", "[estimate]") {
  PairShape shape;
  shape.vocab = 9;
  shape.longest_source = shape.longest_target = 12;
  shape.mean_source = shape.mean_target = 7;
  for (const auto& attention : attention_kinds())
    for (bool bi : {false, true})
      for (int layers : {1, 2}) {
        Seq2SeqTrainConfig c;
        c.model.vocab = shape.vocab + kFirstChar;
        c.model.embed = 6;
        c.model.hidden = 8;
        c.model.attn_size = 5;
        c.model.layers = layers;
        c.model.bidirectional = bi;
        c.model.attention = attention.kind;
        c.model.encoder_cell = find_cell(bi ? "gru" : "lstm_peephole");
        c.model.decoder_cell = find_cell(layers == 1 ? "lstm" : "rnn_tanh");
        if (!validate(c.model)) continue;  // dot attention needs equal state sizes
        DYNAMIC_SECTION(attention.name << " bidirectional=" << bi << " layers=" << layers) {
          Seq2Seq<float> model(c.model);
          CHECK(estimate_seq2seq(c, shape).params == model.params().count());
        }
      }
}

TEST_CASE("Sessions refuse what the budget cannot hold, before allocating", "[estimate]") {
  TrainConfig c;
  c.model = {find_cell("lstm"), 65, 2048, 4, 0};
  c.seq = 1024;
  c.batch = 256;
  const Status s = check_budget(estimate_lm(c, 65), "make it smaller");
  CHECK_THAT(s.message(), Catch::Matchers::Contains("GB of memory"));
  CHECK_THAT(s.message(), Catch::Matchers::Contains("make it smaller"));
  TrainConfig small;
  CHECK(check_budget(estimate_lm(small, 65), "").is_ok());
}

TEST_CASE("Each family estimates from its experiment JSON and data", "[estimate]") {
  Estimate e;
  REQUIRE(find_family("lm")->estimate(R"({"hidden":32})", R"({"vocab":40})", e).is_ok());
  CHECK(e.params > 0);
  CHECK_FALSE(find_family("lm")->estimate(R"({"hidden":32})", R"({})", e).is_ok());
  CHECK_FALSE(find_family("lm")->estimate(R"({"hidden":0})", R"({"vocab":40})", e).is_ok());
  REQUIRE(find_family("seq2seq")->estimate(R"({"task":"reverse","max_len":12})", "{}", e).is_ok());
  CHECK(e.units_per_step > 0);
  REQUIRE(find_family("seq2seq")->estimate(R"({"task":"pairs"})", R"({"pairs":"ab\tba\ncd\tdc\n"})", e).is_ok());
}

TEST_CASE("The catalogue lists every registered cell, optimizer, attention kind and family", "[catalogue]") {
  const json::Value c = catalogue();
  REQUIRE(c.find("cells"));
  CHECK(c.find("cells")->array.size() == cell_types().size());
  CHECK(c.find("attention")->array.size() == attention_kinds().size());
  CHECK(c.find("optimizers")->array.size() == 5);
  REQUIRE(c.find("families")->array.size() == families().size());
  for (const json::Value& f : c.find("families")->array) {
    CHECK(f.find("name"));
    CHECK(f.find("fields"));
  }
  json::Value back;
  REQUIRE(json::parse(json::dump(c), back).is_ok());  // valid JSON, as the page reads it
}
