// The seq2seq experiment as JSON: round trip and errors that name the field.
#include <catch2/catch.hpp>

#include "engine/seq2seq/experiment.hpp"

using namespace rp;

TEST_CASE("Seq2seq experiments round-trip through JSON", "[seq2seq][config]") {
  Seq2SeqExperiment e;
  e.task.kind = seq2seq::TaskKind::Dates;
  e.train_size = 1234;
  e.train.model.attention = AttentionKind::Concat;
  e.train.model.bidirectional = true;
  e.train.model.decoder_cell = find_cell("gru");
  e.train.sampling_rate = 0.25;
  e.train.seed = 99;
  Seq2SeqExperiment back;
  REQUIRE(parse_seq2seq_experiment(to_json(e), back).is_ok());
  CHECK(to_json(back) == to_json(e));
}

TEST_CASE("Seq2seq experiment errors name the field", "[seq2seq][config]") {
  Seq2SeqExperiment e;
  CHECK(parse_seq2seq_experiment("{}", e).is_ok());
  CHECK_THAT(parse_seq2seq_experiment(R"({"attention":"x"})", e).message(), Catch::Matchers::Contains("'attention'"));
  CHECK_THAT(parse_seq2seq_experiment(R"({"bidirectional":1})", e).message(), Catch::Matchers::Contains("'bidirectional'"));
  CHECK_THAT(parse_seq2seq_experiment(R"({"sampling_rate":2})", e).message(), Catch::Matchers::Contains("sampling"));
  CHECK_THAT(parse_seq2seq_experiment(R"({"wat":2})", e).message(), Catch::Matchers::Contains("unknown field 'wat'"));
  CHECK_FALSE(parse_seq2seq_experiment(R"({"train_size":0})", e).is_ok());
}
