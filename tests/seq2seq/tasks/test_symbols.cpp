// reverse, sort and copy (engine/seq2seq/tasks/symbols.cpp).
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "engine/seq2seq/tasks.hpp"
#include "seq2seq/task_helpers.hpp"

using namespace rp;
using namespace rp::seq2seq;
using namespace rp::test;

TEST_CASE("reverse, sort and copy targets are right and lengths stay in range", "[seq2seq]") {
  for (TaskKind kind : {TaskKind::Reverse, TaskKind::Sort, TaskKind::CopyDelay}) {
    INFO(task_name(kind));
    TaskSpec spec = spec_for(kind);
    spec.min_len = 2;
    spec.max_len = 7;
    spec.alphabet = 5;
    spec.delay = 4;
    std::vector<Example> train, held;
    REQUIRE(generate(spec, 3, 3000, 300, train, held).is_ok());
    std::set<size_t> lengths;
    for (const Example& e : joined(train, held)) {
      REQUIRE(e.source.size() >= 2);
      REQUIRE(e.source.size() <= 7);
      lengths.insert(e.source.size());
      for (char c : e.source) REQUIRE((c >= 'a' && c <= 'e'));
      std::string expected = e.source;
      if (kind == TaskKind::Reverse) expected.assign(e.source.rbegin(), e.source.rend());
      if (kind == TaskKind::Sort) std::sort(expected.begin(), expected.end());
      if (kind == TaskKind::CopyDelay) expected = "____" + e.source;
      REQUIRE(e.target == expected);
    }
    CHECK(lengths.size() == 6);  // every length in 2..7 occurs
  }
  TaskSpec spec = spec_for(TaskKind::Reverse);
  spec.alphabet = 26;
  spec.min_len = spec.max_len = 200;
  std::vector<Example> train, held;
  REQUIRE(generate(spec, 3, 20, 5, train, held).is_ok());
  std::set<char> letters;
  for (const Example& e : train) {
    CHECK(e.source.size() == 200);
    letters.insert(e.source.begin(), e.source.end());
  }
  CHECK(letters.size() == 26);
}
