// The session the page drives through WebAssembly, tested natively: every call validates its input and
// answers with a Status; nothing aborts.
#include <catch2/catch.hpp>

#include "test_util.hpp"
#include "engine/lm/session.hpp"

using namespace rp;

namespace {
const char* kConfig = R"({"cell":"lstm","hidden":24,"layers":2,"embed":0,"seq":16,"batch":4,"seed":3})";
}

TEST_CASE("A session configures, trains, samples and probes", "[session]") {
  CharLMSession s;
  SessionInfo info;
  const std::string text = test::repeat_text("It was the best of times, it was the worst of times. ", 4000);
  REQUIRE(s.configure(kConfig, text, 0.1, info).is_ok());
  CHECK(info.vocab_size > 10);
  CHECK(info.held_chars == int64_t(text.size() / 10));
  ChunkResult r;
  REQUIRE(s.train(20, r).is_ok());
  CHECK(r.losses.size() == 20);
  CHECK(r.last.step == 20);
  double held = 0;
  REQUIRE(s.held_out_loss(held).is_ok());
  CHECK(std::isfinite(held));
  std::string sample;
  REQUIRE(s.sample("It ", 50, {0.8, 0, false}, sample).is_ok());
  CHECK(sample.size() >= 50);
  std::vector<float> probs;
  REQUIRE(s.predict("it was the", {1.0, 0, false}, probs).is_ok());
  CHECK(probs.size() == size_t(info.vocab_size));
  Probe p;
  REQUIRE(s.probe("it was", p).is_ok());
  CHECK(p.hidden_states.size() == size_t(2 * 6 * 24));
  CHECK(p.cell_states.size() == size_t(2 * 6 * 24));
  CHECK(p.gate_values.size() == size_t(2 * 6 * 4 * 24));
  CHECK(p.char_loss.size() == 5);
  std::vector<float> sens, flow;
  REQUIRE(s.sensitivity("it was the best", sens).is_ok());
  CHECK(sens.size() == 2 * 15);
  REQUIRE(s.gradient_flow(flow).is_ok());
  CHECK(flow.size() == 2 * 16);
}

TEST_CASE("A session's checkpoint reopens and training continues identically", "[session]") {
  const std::string text = test::repeat_text("abc def ghi ", 3000);
  CharLMSession a;
  SessionInfo info;
  REQUIRE(a.configure(kConfig, text, 0.05, info).is_ok());
  ChunkResult r;
  REQUIRE(a.train(10, r).is_ok());
  std::vector<uint8_t> bytes;
  REQUIRE(a.export_checkpoint(true, bytes).is_ok());
  REQUIRE(a.train(5, r).is_ok());
  CharLMSession b;
  SessionInfo info_b;
  REQUIRE(b.import_checkpoint(bytes.data(), bytes.size(), text, 0.05, "{}", info_b).is_ok());
  CHECK(info_b.step == 10);
  ChunkResult rb;
  REQUIRE(b.train(5, rb).is_ok());
  CHECK(rb.losses == r.losses);
}

TEST_CASE("A session refuses bad input with messages", "[session]") {
  CharLMSession s;
  SessionInfo info;
  ChunkResult r;
  CHECK_THAT(s.train(1, r).message(), Catch::Matchers::Contains("no model yet"));
  CHECK_THAT(s.configure("{\"cell\":\"x\"}", "abcabc", 0, info).message(), Catch::Matchers::Contains("'cell'"));
  CHECK_THAT(s.configure(kConfig, "", 0, info).message(), Catch::Matchers::Contains("empty"));
  CHECK_THAT(s.configure(kConfig, "aaaa", 0, info).message(), Catch::Matchers::Contains("one distinct character"));
  CHECK_THAT(s.configure(kConfig, "ab\xc3", 0, info).message(), Catch::Matchers::Contains("UTF-8"));
  CHECK_THAT(s.configure(kConfig, "abcab", 0, info).message(), Catch::Matchers::Contains("too short"));
  CHECK_THAT(s.configure(R"({"hidden":100000})", "abcab", 0, info).message(), Catch::Matchers::Contains("hidden"));
  // Valid for the engine, but beyond what WebAssembly memory can hold: refused before anything is allocated.
  CHECK_THAT(s.configure(R"({"hidden":2048,"layers":2,"seq":16,"batch":4})", test::repeat_text("abcd ", 500), 0, info).message(),
             Catch::Matchers::Contains("GB of memory"));
  REQUIRE(s.configure(kConfig, test::repeat_text("abcd ", 500), 0.1, info).is_ok());
  CHECK_FALSE(s.train(0, r).is_ok());
  std::string out;
  CHECK_THAT(s.sample("xyz", 5, {1, 0, false}, out).message(), Catch::Matchers::Contains("not in the model's vocabulary"));
  CHECK_FALSE(s.sample("a", 5, {0, 0, false}, out).is_ok());
  std::vector<uint8_t> junk = {1, 2, 3};
  CHECK_FALSE(s.import_checkpoint(junk.data(), junk.size(), "abcd", 0, "{}", info).is_ok());
  CHECK(s.ready());  // a failed import leaves the running session alone
  REQUIRE(s.train(1, r).is_ok());
}
