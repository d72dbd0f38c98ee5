// The user's own pairs (engine/seq2seq/tasks/pairs.cpp): parse_pairs and split_pairs.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "engine/seq2seq/tasks.hpp"
#include "seq2seq/task_helpers.hpp"

using namespace rp;
using namespace rp::seq2seq;
using namespace rp::test;

TEST_CASE("parse_pairs: LF, CRLF, blank lines, BOM and unusual Unicode", "[seq2seq][pairs]") {
  std::vector<Example> out;
  REQUIRE(parse_pairs("a\tb\r\n\r\n  \ncat\tKatze\n\nlast\tline", out).is_ok());
  REQUIRE(out.size() == 3);
  CHECK(out[0].source == "a");
  CHECK(out[0].target == "b");
  CHECK(out[1].source == "cat");
  CHECK(out[1].target == "Katze");
  CHECK(out[2].source == "last");
  CHECK(out[2].target == "line");

  // Emoji (incl. a ZWJ sequence and a skin tone), combining marks, right-to-left text: kept byte for byte.
  const std::string family = "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7";
  const std::string wave = "\xF0\x9F\x91\x8B\xF0\x9F\x8F\xBD";
  const std::string e_acute = "e\xCC\x81";      // e + COMBINING ACUTE ACCENT
  const std::string zalgo = "a\xCC\x8A\xCC\xB0";  // a + two combining marks
  const std::string hebrew = "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D";
  const std::string text = "\xEF\xBB\xBF" + family + "\t" + wave + "\n" + e_acute + "\t" + zalgo + "\r\n" + hebrew +
                           "\t  spaced  \n";
  REQUIRE(parse_pairs(text, out).is_ok());
  REQUIRE(out.size() == 3);
  CHECK(out[0].source == family);  // the byte order mark is not part of the first source
  CHECK(out[0].target == wave);
  CHECK(out[1].source == e_acute);
  CHECK(out[1].target == zalgo);
  CHECK(out[2].source == hebrew);
  CHECK(out[2].target == "  spaced  ");

  // Exactly 1000 bytes is allowed, with or without CRLF.
  const std::string long_ok = std::string(500, 'x') + "\t" + std::string(499, 'y');
  REQUIRE(parse_pairs(long_ok + "\r\n" + long_ok, out).is_ok());
  CHECK(out.size() == 2);
}

TEST_CASE("parse_pairs: every error names its line", "[seq2seq][pairs]") {
  std::vector<Example> out;
  auto error_of = [&](const std::string& text) {
    out = {{"stale", "stale"}};
    const Status st = parse_pairs(text, out);
    CHECK(out.empty());
    return st.is_ok() ? std::string("ok") : st.message();
  };
  using Catch::Matchers::Contains;
  CHECK_THAT(error_of("a\tb\n\nno tab here\n"), Contains("line 3") && Contains("found 0"));
  CHECK_THAT(error_of("a\tb\r\nx\ty\tz\r\n"), Contains("line 2") && Contains("found 2"));
  CHECK_THAT(error_of("a\tb\n\tb\n"), Contains("line 2: empty source"));
  CHECK_THAT(error_of("a\tb\nc\td\na\t\r\n"), Contains("line 3: empty target"));
  CHECK_THAT(error_of("\t\n"), Contains("line 1: empty source"));
  CHECK_THAT(error_of("ok\tfine\nbad\xC3(\tx\n"), Contains("line 2: invalid UTF-8 at byte 3"));
  CHECK_THAT(error_of("ok\tfine\n\xED\xA0\x80\tsurrogate\n"), Contains("line 2: invalid UTF-8 at byte 0"));
  CHECK_THAT(error_of("x\ty\n\n\n" + std::string(600, 'a') + "\t" + std::string(400, 'b') + "\n"),
             Contains("line 4: longer than 1000 bytes (1001)"));
  CHECK_THAT(error_of(""), Contains("no source<TAB>target pairs"));
  CHECK_THAT(error_of("\n \r\n\n"), Contains("no source<TAB>target pairs"));

  std::string many;
  for (int i = 0; i < 200000; ++i) many += "s\tt\n";
  REQUIRE(parse_pairs(many, out).is_ok());
  CHECK(out.size() == 200000);
  CHECK_THAT(error_of("\n" + many + "s\tt\n"), Contains("line 200002: more than 200000 pairs"));
}

TEST_CASE("split_pairs: deterministic, sized by the fraction, sources kept on one side", "[seq2seq][pairs]") {
  std::vector<Example> all;
  for (int i = 0; i < 100; ++i) all.push_back({"s" + std::to_string(i), "t" + std::to_string(i)});
  std::vector<Example> t1, h1, t2, h2, t3, h3;
  split_pairs(all, 0.2, 5, t1, h1);
  split_pairs(all, 0.2, 5, t2, h2);
  split_pairs(all, 0.2, 6, t3, h3);
  CHECK(h1.size() == 20);
  CHECK(t1.size() == 80);
  CHECK(same(t1, t2));
  CHECK(same(h1, h2));
  CHECK_FALSE(same(h1, h3));
  // Together they are the input, each side in input order.
  std::set<std::string> seen;
  for (const auto* side : {&t1, &h1}) {
    for (size_t i = 1; i < side->size(); ++i)
      CHECK(to_int((*side)[i - 1].source.substr(1)) < to_int((*side)[i].source.substr(1)));
    for (const Example& e : *side) seen.insert(e.source);
  }
  CHECK(seen.size() == 100);

  split_pairs(all, 0.0, 5, t1, h1);
  CHECK(h1.size() == 1);  // at least one held out
  split_pairs(all, 1.0, 5, t1, h1);
  CHECK(t1.size() == 1);  // and at least one left to train on
  split_pairs(all, std::nan(""), 5, t1, h1);
  CHECK(h1.size() == 1);
  split_pairs(all, -3, 5, t1, h1);
  CHECK(h1.size() == 1);
  split_pairs({all[0], all[1]}, 0.1, 5, t1, h1);
  CHECK(t1.size() == 1);
  CHECK(h1.size() == 1);
  split_pairs({all[0]}, 0.9, 5, t1, h1);
  CHECK(t1.size() == 1);
  CHECK(h1.empty());
  split_pairs({}, 0.5, 5, t1, h1);
  CHECK(t1.empty());
  CHECK(h1.empty());

  // Repeated sources (several references for one input) never straddle the split.
  std::vector<Example> repeated;
  for (int i = 0; i < 30; ++i)
    for (int r = 0; r <= i % 3; ++r) repeated.push_back({"s" + std::to_string(i), "ref" + std::to_string(r)});
  for (uint64_t seed = 0; seed < 20; ++seed) {
    split_pairs(repeated, 0.25, seed, t1, h1);
    CHECK(t1.size() + h1.size() == repeated.size());
    CHECK(h1.size() >= 1);
    CHECK(h1.size() <= size_t(0.25 * repeated.size() + 0.5));
    std::set<std::string> train_sources;
    for (const Example& e : t1) train_sources.insert(e.source);
    for (const Example& e : h1) CHECK(train_sources.count(e.source) == 0);
  }
  // Every source group bigger than the target: the smallest group is held out, training keeps the rest.
  std::vector<Example> lumpy = {{"a", "1"}, {"a", "2"}, {"a", "3"}, {"b", "1"}, {"b", "2"}};
  split_pairs(lumpy, 0.2, 3, t1, h1);
  REQUIRE(h1.size() == 2);
  CHECK(h1[0].source == "b");
  // A single source repeated can only be split pair by pair.
  std::vector<Example> single = {{"a", "1"}, {"a", "2"}, {"a", "3"}, {"a", "4"}};
  split_pairs(single, 0.5, 3, t1, h1);
  CHECK(h1.size() == 2);
  CHECK(t1.size() == 2);
}
