// --help generated from the field tables (engine/cli/help.cpp): every flag with its default and range.
#include <catch2/catch.hpp>

#include "engine/cli/help.hpp"
#include "engine/lm/experiment.hpp"
#include "engine/seq2seq/experiment.hpp"

using namespace rp;
using namespace rp::cli;

namespace {

template <class C> std::string help_of(const FieldTable<C>& table) {
  const C defaults{};
  std::vector<HelpEntry> entries;
  for (const auto& row : table.rows()) entries.push_back({&row.spec, row.get(defaults), ""});
  return verb_help("rnn x train [flags]", "a summary", entries, "a note");
}

}  // namespace

TEST_CASE("Help lists every field with its default and range", "[cli]") {
  SECTION("lm") {
    const std::string h = help_of(lm_fields());
    for (const auto& row : lm_fields().rows()) CHECK_THAT(h, Catch::Matchers::Contains("  " + row.spec.flag()));
    CHECK_THAT(h, Catch::Matchers::Contains("--hidden N                default 128; 1 to 2048"));
    CHECK_THAT(h, Catch::Matchers::Contains("--lr X                    default 0.002; above 0, at most 10"));
    CHECK_THAT(h, Catch::Matchers::Contains("--seed N                  default 1; 0 or more"));
    CHECK_THAT(h, Catch::Matchers::Contains("(also --clip)"));
    CHECK_THAT(h, Catch::Matchers::EndsWith("a note\n"));
  }
  SECTION("seq2seq") {
    const std::string h = help_of(seq2seq_fields());
    for (const auto& row : seq2seq_fields().rows()) CHECK_THAT(h, Catch::Matchers::Contains("  " + row.spec.flag()));
    CHECK_THAT(h, Catch::Matchers::Contains("--bidirectional           default off; a switch"));
    CHECK_THAT(h, Catch::Matchers::Contains("one of none, bahdanau, dot, general, concat"));
  }
}

TEST_CASE("Ranges read as people write them", "[cli]") {
  FieldSpec s("x", "x", "train");
  s.type = FieldType::Number;
  CHECK(range_text(s.range(0, 0.5)) == "0 to 0.5");
  CHECK(range_text(s.above(0, 10)) == "above 0, at most 10");
  s = FieldSpec("n", "n", "train");
  s.type = FieldType::Int;
  CHECK(range_text(s.range(1, 1e6)) == "1 to 1000000");
}
