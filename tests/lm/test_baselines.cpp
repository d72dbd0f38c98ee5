// The memoryless baselines in the char LM's session (engine/lm/session.hpp): on the same text and split as
// the model, the window network trained in lockstep (and catching up when turned on later), the n-gram's
// loss fixed once counted, the settings checked, and on a text with a long-range dependency the RNN ahead.
#include <catch2/catch.hpp>
#include <cmath>

#include "engine/lm/experiment.hpp"
#include "engine/lm/session.hpp"
#include "test_util.hpp"

using namespace rp;

namespace {

// Lines "x ... x" where each line repeats its first letter at its end, 12 characters later: a window of 8
// and an n-gram of 5 cannot see it; a recurrent state can carry it.
std::string matched_lines(int lines) {
  Rng rng(9);
  std::string s;
  for (int i = 0; i < lines; ++i) {
    const char first = char('a' + rng.next_u64() % 6);
    s += first;
    for (int j = 0; j < 11; ++j) s += char('p' + rng.next_u64() % 4);
    s += first;
    s += '\n';
  }
  return s;
}

}  // namespace

TEST_CASE("The session trains the window baseline on the model's steps and reports both losses", "[baselines]") {
  CharLMSession s;
  SessionInfo info;
  REQUIRE(s.configure(R"({"cell":"gru","hidden":32,"seq":16,"batch":8,"lr":0.01})", test::repeat_text("abcab cabba ", 3000), 0.1, info).is_ok());
  BaselineLosses b;
  REQUIRE(s.baseline_losses(b).is_ok());
  CHECK(std::isnan(b.ngram));
  CHECK(std::isnan(b.window));
  REQUIRE(s.set_baselines(3, 4).is_ok());
  ChunkResult r;
  REQUIRE(s.train(20, r).is_ok());
  REQUIRE(s.baseline_losses(b).is_ok());
  CHECK(b.window_steps == 20);
  CHECK(std::isfinite(b.ngram));
  CHECK(std::isfinite(b.window));
  const double ngram_before = b.ngram;
  SECTION("the n-gram's loss does not change with training; turning a baseline off drops it") {
    REQUIRE(s.train(10, r).is_ok());
    REQUIRE(s.baseline_losses(b).is_ok());
    CHECK(b.ngram == ngram_before);
    REQUIRE(s.set_baselines(0, 4).is_ok());
    REQUIRE(s.baseline_losses(b).is_ok());
    CHECK(std::isnan(b.ngram));
    CHECK(b.window_steps == 30);  // unchanged settings keep the network as it is
  }
  SECTION("a window network turned on later catches up, two steps per step of the model") {
    REQUIRE(s.set_baselines(3, 6).is_ok());
    REQUIRE(s.train(5, r).is_ok());
    REQUIRE(s.baseline_losses(b).is_ok());
    CHECK(b.window_steps == 10);
    for (int i = 0; i < 4; ++i) REQUIRE(s.train(5, r).is_ok());
    REQUIRE(s.baseline_losses(b).is_ok());
    CHECK(b.window_steps == 45);  // level with the model's 45
  }
  SECTION("settings out of range are refused") {
    CHECK_FALSE(s.set_baselines(9, 0).is_ok());
    CHECK_FALSE(s.set_baselines(0, 17).is_ok());
    CHECK_FALSE(s.set_baselines(-1, 0).is_ok());
  }
}

TEST_CASE("The baseline settings are fields of the char LM's experiment", "[baselines]") {
  LmExperiment e;
  REQUIRE(parse_lm_experiment(R"({"ngram":5,"window":8})", e).is_ok());
  CHECK(e.ngram == 5);
  CHECK(e.window == 8);
  CHECK_FALSE(parse_lm_experiment(R"({"ngram":9})", e).is_ok());
  CHECK_FALSE(parse_lm_experiment(R"({"window":17})", e).is_ok());
}

TEST_CASE("On a text with a long-range dependency the RNN's held-out loss goes below the baselines'", "[baselines][convergence]") {
  CharLMSession s;
  SessionInfo info;
  REQUIRE(s.configure(R"({"cell":"gru","hidden":48,"seq":32,"batch":16,"lr":0.01,"seed":1})", matched_lines(1500), 0.1, info).is_ok());
  REQUIRE(s.set_baselines(5, 8).is_ok());
  ChunkResult r;
  REQUIRE(s.train(500, r).is_ok());
  double rnn = 0;
  REQUIRE(s.held_out_loss(rnn).is_ok());
  BaselineLosses b;
  REQUIRE(s.baseline_losses(b).is_ok());
  WARN("held-out nats/char after 500 steps: RNN " << rnn << ", 5-gram " << b.ngram << ", window 8 " << b.window);
  CHECK(rnn < b.ngram);
  CHECK(rnn < b.window);
}
