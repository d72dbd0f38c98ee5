// The seq2seq session the page drives through WebAssembly, tested natively.
#include <catch2/catch.hpp>

#include "engine/io/safetensors.hpp"
#include "engine/seq2seq/session.hpp"

using namespace rp;

namespace {
const char* kExperiment =
    R"({"task":"reverse","max_len":6,"train_size":800,"held_size":40,"hidden":32,"embed":16,"bidirectional":true,"batch":16,"seed":2})";
}

TEST_CASE("A seq2seq session configures, trains, evaluates and translates", "[seq2seq][session]") {
  Seq2SeqSession s;
  Seq2SeqInfo info;
  REQUIRE(s.configure(kExperiment, "", info).is_ok());
  CHECK(info.train_examples == 800);
  CHECK(info.held_examples == 40);
  CHECK(info.samples.size() == 5);
  ChunkResult chunk;
  REQUIRE(s.train(30, chunk).is_ok());
  const std::vector<float>& losses = chunk.losses;
  CHECK(losses.size() == 30);
  CHECK(losses.back() < losses.front());
  seq2seq::Accuracy acc;
  std::vector<ExampleResult> details;
  std::vector<seq2seq::Example> examples;
  REQUIRE(s.evaluate(10, acc, details, examples).is_ok());
  CHECK(acc.count == 10);
  CHECK(details.size() == 10);
  Translation t;
  REQUIRE(s.translate("abcdefghij", 4, 1.0, t).is_ok());  // longer than any training input: allowed
  CHECK(t.source_len == 11);
  CHECK(t.beams.size() == 4);
  CHECK(t.greedy.attention.size() % 11 == 0);

  std::vector<uint8_t> bytes;
  REQUIRE(s.export_checkpoint(false, bytes).is_ok());
  Seq2SeqSession r;
  Seq2SeqInfo info_r;
  REQUIRE(r.import_checkpoint(bytes.data(), bytes.size(), "{}", "", info_r).is_ok());
  CHECK(info_r.config_json == info.config_json);
  Translation t2;
  REQUIRE(r.translate("abcdefghij", 0, 1.0, t2).is_ok());
  CHECK(t2.greedy_text == t.greedy_text);
}

TEST_CASE("A seq2seq session refuses bad input with messages", "[seq2seq][session]") {
  Seq2SeqSession s;
  Seq2SeqInfo info;
  Translation t;
  CHECK_THAT(s.translate("abc", 0, 1, t).message(), Catch::Matchers::Contains("no model yet"));
  CHECK_THAT(s.configure("{\"task\":\"juggle\"}", "", info).message(), Catch::Matchers::Contains("'task'"));
  CHECK_THAT(s.configure("{\"task\":\"pairs\"}", "", info).message(), Catch::Matchers::Contains("no source<TAB>target pairs"));
  CHECK_THAT(s.configure("{\"task\":\"pairs\"}", "a\tb\n", info).message(), Catch::Matchers::Contains("at least 2 pairs"));
  CHECK_THAT(s.configure("{\"task\":\"pairs\"}", "a\tb\nc d\n", info).message(), Catch::Matchers::Contains("line 2"));
  CHECK_THAT(s.configure(R"({"attention":"dot","bidirectional":true})", "", info).message(), Catch::Matchers::Contains("dot"));
  // Valid for the engine, beyond what WebAssembly memory can hold: refused before anything is allocated.
  CHECK_THAT(s.configure(R"({"task":"reverse","min_len":150,"max_len":200,"train_size":100,"held_size":10,"batch":512,"hidden":1024,"attn_size":1024})", "", info).message(),
             Catch::Matchers::Contains("GB of memory"));
  REQUIRE(s.configure(kExperiment, "", info).is_ok());
  CHECK_THAT(s.translate("xyz", 0, 1, t).message(), Catch::Matchers::Contains("vocabulary"));
  CHECK_FALSE(s.translate("", 0, 1, t).is_ok());
  CHECK_FALSE(s.translate("abc", 17, 1, t).is_ok());
  std::vector<uint8_t> junk(40, 7);
  CHECK_FALSE(s.import_checkpoint(junk.data(), junk.size(), "{}", "", info).is_ok());
  CHECK(s.ready());
}

TEST_CASE("A seq2seq file with its training state resumes exactly where the run stopped", "[seq2seq][session]") {
  // scheduled sampling on, so the sampling generator's state matters too
  const char* experiment =
      R"({"task":"reverse","max_len":6,"train_size":100,"held_size":10,"hidden":16,"embed":8,"batch":8,"seed":5,"sampling_rate":0.3})";
  Seq2SeqSession s;
  Seq2SeqInfo info;
  REQUIRE(s.configure(experiment, "", info).is_ok());
  ChunkResult before;
  REQUIRE(s.train(17, before).is_ok());  // mid-epoch: 100 examples are 12.5 batches of 8
  std::vector<uint8_t> resumable, weights_only;
  REQUIRE(s.export_checkpoint(true, resumable).is_ok());
  REQUIRE(s.export_checkpoint(false, weights_only).is_ok());
  ChunkResult expected;
  REQUIRE(s.train(20, expected).is_ok());

  Seq2SeqSession r;
  Seq2SeqInfo info_r;
  REQUIRE(r.import_checkpoint(resumable.data(), resumable.size(), "{}", "", info_r).is_ok());
  CHECK(info_r.step == 17);
  CHECK(info_r.notice.empty());
  ChunkResult resumed;
  REQUIRE(r.train(20, resumed).is_ok());
  CHECK(resumed.losses == expected.losses);  // bit for bit: the same batches, moments and sampling draws

  // weights only: the optimizer starts again, so the run is another one
  Seq2SeqSession w;
  REQUIRE(w.import_checkpoint(weights_only.data(), weights_only.size(), "{}", "", info_r).is_ok());
  CHECK(info_r.step == 0);
  ChunkResult other;
  REQUIRE(w.train(20, other).is_ok());
  CHECK(other.losses != expected.losses);

  // a training state for other data keeps the model and says why the optimizer restarts
  const std::string other_data =
      R"({"task":"reverse","max_len":6,"train_size":120,"held_size":10,"hidden":16,"embed":8,"batch":8,"seed":5})";
  safetensors::File f;
  REQUIRE(safetensors::parse(resumable.data(), resumable.size(), f).is_ok());
  f.set_meta("experiment", other_data);
  const std::vector<uint8_t> moved = safetensors::serialize(f);
  Seq2SeqSession m;
  REQUIRE(m.import_checkpoint(moved.data(), moved.size(), "{}", "", info_r).is_ok());
  CHECK_THAT(info_r.notice, Catch::Matchers::Contains("training restarts the optimizer"));
}
