// The n-gram baseline (engine/lm/ngram.hpp): a distribution after every context, hand-computed
// Witten-Bell values on a tiny text, the held-out loss as the mean of -log P, and refusals.
#include <catch2/catch.hpp>
#include <cmath>

#include "engine/core/rng.hpp"
#include "engine/lm/ngram.hpp"
#include "test_util.hpp"

using namespace rp;
using Catch::Matchers::WithinAbs;

TEST_CASE("n-gram probabilities sum to 1 over the vocabulary after every context", "[ngram]") {
  Rng rng(5);
  const int V = 6;
  // A text with structure (repeats) and noise, so contexts of every kind occur: seen often, once, never.
  std::vector<TokenId> ids;
  for (int i = 0; i < 400; ++i) ids.push_back(i % 7 < 5 ? TokenId(i % 4) : TokenId(rng.next_u64() % 5));
  for (int order = 1; order <= kMaxNgramOrder; ++order) {
    NgramModel m;
    REQUIRE(NgramModel::build(ids, V, order, m).is_ok());
    std::vector<double> p(V);
    // every context of the training text, and random ones (most never seen, some with the unseen id 5)
    for (int trial = 0; trial < 300; ++trial) {
      std::vector<TokenId> context(size_t(order + 2));
      if (trial < 150) {
        const size_t at = size_t(trial) % (ids.size() - context.size());
        std::copy_n(ids.begin() + at, context.size(), context.begin());
      } else {
        for (auto& c : context) c = TokenId(rng.next_u64() % V);
      }
      for (int len = 0; len <= int(context.size()); ++len) {
        m.distribution(context.data() + context.size() - len, len, p.data());
        double sum = 0;
        for (double x : p) {
          CHECK(x > 0);
          sum += x;
        }
        INFO("order " << order << " context length " << len);
        CHECK_THAT(sum, WithinAbs(1.0, 1e-12));
      }
    }
  }
}

TEST_CASE("n-gram probabilities on a tiny text match the hand-computed Witten-Bell values", "[ngram]") {
  // "abab" with vocabulary {a, b, c}: N = 4, c(a) = c(b) = 2, u() = 2 (c never seen).
  const std::vector<TokenId> ids = {0, 1, 0, 1};
  NgramModel uni, bi;
  REQUIRE(NgramModel::build(ids, 3, 1, uni).is_ok());
  REQUIRE(NgramModel::build(ids, 3, 2, bi).is_ok());
  // P0(w) = (c(w) + u/V) / (N + u): a and b (2 + 2/3) / 6 = 4/9, c (2/3) / 6 = 1/9
  CHECK_THAT(uni.probability(nullptr, 0, 0), WithinAbs(4.0 / 9, 1e-15));
  CHECK_THAT(uni.probability(nullptr, 0, 2), WithinAbs(1.0 / 9, 1e-15));
  // after 'a' (seen twice, always followed by b: c(a) = 2, u(a) = 1): (c(a w) + 1 * P0(w)) / 3
  const TokenId a = 0, b = 1, c = 2;
  CHECK_THAT(bi.probability(&a, 1, b), WithinAbs((2 + 4.0 / 9) / 3, 1e-15));  // 22/27
  CHECK_THAT(bi.probability(&a, 1, a), WithinAbs((4.0 / 9) / 3, 1e-15));      // 4/27
  CHECK_THAT(bi.probability(&a, 1, c), WithinAbs((1.0 / 9) / 3, 1e-15));      // 1/27
  // after 'b' (followed once, by a): (c(b w) + 1 * P0(w)) / 2
  CHECK_THAT(bi.probability(&b, 1, a), WithinAbs((1 + 4.0 / 9) / 2, 1e-15));  // 13/18
  // after 'c' (never seen): the unigram's
  CHECK_THAT(bi.probability(&c, 1, b), WithinAbs(4.0 / 9, 1e-15));
  SECTION("the held-out loss is the mean of -log P over the stream's predictions") {
    const std::vector<TokenId> held = {0, 1, 2, 1};  // b after a, c after b, b after c
    double loss = 0;
    REQUIRE(bi.evaluate(held, loss).is_ok());
    const double want = -(std::log(22.0 / 27) + std::log((0 + 1.0 / 9) / 2) + std::log(4.0 / 9)) / 3;
    CHECK_THAT(loss, WithinAbs(want, 1e-12));
  }
}

TEST_CASE("A longer context lowers the n-gram's loss on a text that repeats", "[ngram]") {
  const std::string unit = "the cat sat on the mat. ";
  const std::string text = test::repeat_text(unit, 3000);
  std::vector<TokenId> ids;
  for (char ch : text) ids.push_back(TokenId(ch == ' ' ? 0 : ch == '.' ? 1 : ch - 'a' + 2));
  const std::vector<TokenId> train(ids.begin(), ids.begin() + 2400), held(ids.begin() + 2400, ids.end());
  double previous = 1e9;
  for (int order : {1, 2, 4}) {
    NgramModel m;
    REQUIRE(NgramModel::build(train, 28, order, m).is_ok());
    double loss = 0;
    REQUIRE(m.evaluate(held, loss).is_ok());
    CHECK(loss < previous);
    previous = loss;
  }
  CHECK(previous < 0.3);
}

TEST_CASE("The n-gram model refuses what it cannot count", "[ngram]") {
  NgramModel m;
  CHECK_FALSE(NgramModel::build({0, 1}, 2, 0, m).is_ok());
  CHECK_FALSE(NgramModel::build({0, 1}, 2, 9, m).is_ok());
  CHECK_FALSE(NgramModel::build({}, 2, 2, m).is_ok());
  CHECK_FALSE(NgramModel::build({0, 5}, 2, 2, m).is_ok());
  SECTION("a text and order that need too many counts are refused while counting, with a message") {
    Rng rng(1);
    const std::vector<TokenId> noise = test::random_ids(rng, size_t(kMaxNgramEntries / 6 + 1000), 1000);
    const Status s = NgramModel::build(noise, 1000, 8, m);
    CHECK_FALSE(s.is_ok());
    CHECK_THAT(s.message(), Catch::Matchers::Contains("use a lower order or a shorter text"));
  }
  REQUIRE(NgramModel::build({0, 1, 0}, 2, 2, m).is_ok());
  double loss = 0;
  CHECK_FALSE(m.evaluate({0}, loss).is_ok());
  CHECK_FALSE(m.evaluate({0, 2}, loss).is_ok());
}
