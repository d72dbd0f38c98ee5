// The seq2seq task registry, validate, generate and score (engine/seq2seq/tasks.cpp); each generator's own
// checks are in tasks/, the user's pairs in tasks/test_pairs.cpp.
#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <vector>

#include "engine/seq2seq/tasks.hpp"
#include "seq2seq/task_helpers.hpp"

using namespace rp;
using namespace rp::seq2seq;
using namespace rp::test;

namespace {

const TaskKind kGenerated[] = {TaskKind::Reverse,  TaskKind::Sort,  TaskKind::CopyDelay,
                               TaskKind::Addition, TaskKind::Dates, TaskKind::Translation};

}  // namespace

TEST_CASE("Task names round trip and unknown names are refused", "[seq2seq]") {
  const TaskKind all[] = {TaskKind::Reverse, TaskKind::Sort,        TaskKind::CopyDelay, TaskKind::Addition,
                          TaskKind::Dates,   TaskKind::Translation, TaskKind::Pairs};
  const char* names[] = {"reverse", "sort", "copy", "add", "dates", "translate", "pairs"};
  for (int i = 0; i < 7; ++i) {
    CHECK(std::string(task_name(all[i])) == names[i]);
    TaskKind k = TaskKind::Pairs;
    REQUIRE(parse_task(names[i], k));
    CHECK(k == all[i]);
    CHECK_THAT(task_names(), Catch::Matchers::Contains(names[i]));
  }
  TaskKind k = TaskKind::Sort;
  CHECK_FALSE(parse_task("Reverse", k));
  CHECK_FALSE(parse_task("", k));
  CHECK_FALSE(parse_task("reverse ", k));
  CHECK(k == TaskKind::Sort);  // untouched on failure
}

TEST_CASE("validate accepts the defaults and names the bad field", "[seq2seq]") {
  for (TaskKind kind : kGenerated) CHECK(validate(spec_for(kind)).is_ok());
  CHECK(validate(spec_for(TaskKind::Pairs)).is_ok());

  TaskSpec s = spec_for(TaskKind::Reverse);
  s.alphabet = 1;
  CHECK_THAT(validate(s).message(), Catch::Matchers::Contains("alphabet"));
  s.alphabet = 27;
  CHECK_FALSE(validate(s).is_ok());
  s = spec_for(TaskKind::Sort);
  s.min_len = 0;
  CHECK_THAT(validate(s).message(), Catch::Matchers::Contains("min_len"));
  s = spec_for(TaskKind::Sort);
  s.min_len = 7;
  s.max_len = 6;
  CHECK_THAT(validate(s).message(), Catch::Matchers::Contains("must not exceed max_len"));
  s = spec_for(TaskKind::CopyDelay);
  s.delay = -1;
  CHECK_THAT(validate(s).message(), Catch::Matchers::Contains("delay"));
  s.delay = 0;
  CHECK(validate(s).is_ok());
  s = spec_for(TaskKind::Addition);
  s.max_len = 51;
  CHECK_THAT(validate(s).message(), Catch::Matchers::Contains("max_len"));
  s.alphabet = 0;  // not used by add
  s.max_len = 50;
  CHECK(validate(s).is_ok());
  s = spec_for(TaskKind::Translation);
  s.min_len = 1;
  s.max_len = 4;
  CHECK_THAT(validate(s).message(), Catch::Matchers::Contains("5 to 11 words"));
  s.min_len = 12;
  s.max_len = 20;
  CHECK_FALSE(validate(s).is_ok());
  s = spec_for(TaskKind::Dates);
  s.min_len = -5;  // dates ignore the length fields
  CHECK(validate(s).is_ok());
  s.kind = static_cast<TaskKind>(99);
  CHECK_THAT(validate(s).message(), Catch::Matchers::Contains("unknown task"));
}

TEST_CASE("generate is deterministic per seed and different seeds differ", "[seq2seq]") {
  for (TaskKind kind : kGenerated) {
    INFO(task_name(kind));
    const TaskSpec spec = spec_for(kind);
    std::vector<Example> t1, h1, t2, h2, t3, h3;
    REQUIRE(generate(spec, 7, 200, 50, t1, h1).is_ok());
    REQUIRE(generate(spec, 7, 200, 50, t2, h2).is_ok());
    REQUIRE(generate(spec, 8, 200, 50, t3, h3).is_ok());
    CHECK(t1.size() == 200);
    CHECK(h1.size() == 50);
    CHECK(same(t1, t2));
    CHECK(same(h1, h2));
    CHECK_FALSE(same(t1, t3));
    CHECK_FALSE(same(h1, h3));
  }
}

TEST_CASE("Fixed seeds give fixed examples (the same natively and in WebAssembly)", "[seq2seq]") {
  struct Golden {
    TaskKind kind;
    const char* source;
    const char* target;
  };
  const Golden golden[] = {
      {TaskKind::Reverse, "cjdgeehif", "fiheegdjc"},
      {TaskKind::Sort, "cjdgeehif", "cdeefghij"},
      {TaskKind::CopyDelay, "cjdgeehif", "___cjdgeehif"},
      {TaskKind::Addition, "193644785+5023", "193649808"},
      {TaskKind::Dates, "the 3rd of August, 1983", "1983-08-03"},
      {TaskKind::Translation, "the queen watches a man", "belis-ka doran-ne-o wesa-ta"},
  };
  for (const Golden& g : golden) {
    INFO(task_name(g.kind));
    std::vector<Example> train, held;
    REQUIRE(generate(spec_for(g.kind), 42, 3, 1, train, held).is_ok());
    CHECK(train[0].source == g.source);
    CHECK(train[0].target == g.target);
  }
  TaskSpec longest = spec_for(TaskKind::Translation);
  longest.min_len = longest.max_len = 11;
  std::vector<Example> train, held;
  REQUIRE(generate(longest, 3, 5, 0, train, held).is_ok());
  CHECK(train[0].source == "the old bird carries a happy mouse behind the happy women");
  CHECK(train[0].target == "tiri-ka ebo seli-kar fenu zat pimi-ne fenu-o hoka-ta");
}

TEST_CASE("Sources are distinct, so no held-out source is a training source", "[seq2seq]") {
  for (TaskKind kind : kGenerated) {
    INFO(task_name(kind));
    std::vector<Example> train, held;
    REQUIRE(generate(spec_for(kind), 11, 2000, 500, train, held).is_ok());
    std::set<std::string> train_sources;
    for (const Example& e : train) train_sources.insert(e.source);
    CHECK(train_sources.size() == train.size());
    std::set<std::string> held_sources;
    for (const Example& e : held) {
      CHECK(train_sources.count(e.source) == 0);
      held_sources.insert(e.source);
    }
    CHECK(held_sources.size() == held.size());
  }
}

TEST_CASE("Zero examples and bad counts", "[seq2seq]") {
  std::vector<Example> train = {{"x", "y"}}, held = {{"x", "y"}};
  REQUIRE(generate(spec_for(TaskKind::Reverse), 1, 0, 0, train, held).is_ok());
  CHECK(train.empty());
  CHECK(held.empty());
  CHECK_THAT(generate(spec_for(TaskKind::Reverse), 1, -1, 5, train, held).message(),
             Catch::Matchers::Contains("negative"));
  CHECK_THAT(generate(spec_for(TaskKind::Reverse), 1, 1000000, 1, train, held).message(),
             Catch::Matchers::Contains("at most 1000000"));
  CHECK_THAT(generate(spec_for(TaskKind::Pairs), 1, 10, 1, train, held).message(),
             Catch::Matchers::Contains("parse_pairs"));
  TaskSpec bad = spec_for(TaskKind::Sort);
  bad.alphabet = 40;
  CHECK_FALSE(generate(bad, 1, 10, 1, train, held).is_ok());
  CHECK(train.empty());
}

TEST_CASE("Tiny spaces: all of them can be had, one more is an error that says how many exist", "[seq2seq]") {
  TaskSpec spec = spec_for(TaskKind::Reverse);
  spec.alphabet = 2;
  spec.min_len = spec.max_len = 3;
  std::vector<Example> train, held;
  REQUIRE(generate(spec, 5, 6, 2, train, held).is_ok());
  std::set<std::string> sources;
  for (const Example& e : joined(train, held)) sources.insert(e.source);
  CHECK(sources.size() == 8);
  Status st = generate(spec, 5, 6, 3, train, held);
  REQUIRE_FALSE(st.is_ok());
  CHECK_THAT(st.message(), Catch::Matchers::Contains("only 8 distinct"));
  CHECK(train.empty());

  spec.kind = TaskKind::Sort;
  spec.min_len = 1;
  spec.max_len = 2;
  CHECK_THAT(generate(spec, 5, 7, 0, train, held).message(), Catch::Matchers::Contains("only 6 distinct"));

  spec = spec_for(TaskKind::Addition);
  spec.min_len = spec.max_len = 1;
  REQUIRE(generate(spec, 5, 90, 10, train, held).is_ok());
  CHECK_THAT(generate(spec, 5, 90, 11, train, held).message(), Catch::Matchers::Contains("only 100 distinct"));

  // A space where sampling meets exhausted short lengths: still distinct, correct, and deterministic.
  spec = spec_for(TaskKind::CopyDelay);
  spec.alphabet = 2;
  spec.min_len = 1;
  spec.max_len = 12;
  std::vector<Example> again_train, again_held;
  REQUIRE(generate(spec, 9, 3500, 500, train, held).is_ok());
  REQUIRE(generate(spec, 9, 3500, 500, again_train, again_held).is_ok());
  CHECK(same(train, again_train));
  CHECK(same(held, again_held));
  sources.clear();
  for (const Example& e : joined(train, held)) {
    sources.insert(e.source);
    REQUIRE(e.target == "___" + e.source);
  }
  CHECK(sources.size() == 4000);

  spec = spec_for(TaskKind::Dates);
  CHECK_THAT(generate(spec, 5, 1000000, 0, train, held).message(), Catch::Matchers::Contains("only 549075 distinct"));
}

TEST_CASE("score: exact match and per-character accuracy over code points", "[seq2seq]") {
  const std::vector<Example> ex = {{"s", "abc"}, {"s", "abcd"}};
  Accuracy a = score({"abc", "abcd"}, ex);
  CHECK(a.count == 2);
  CHECK(a.exact == 1.0);
  CHECK(a.per_char == 1.0);

  a = score({"abd", "ab"}, ex);  // 2 of 3, then 2 of max(2, 4)
  CHECK(a.exact == 0.0);
  CHECK(a.per_char == Approx(4.0 / 7.0));

  a = score({"abc", "abcdxyz"}, ex);  // longer prediction: 4 of max(7, 4)
  CHECK(a.exact == 0.5);
  CHECK(a.per_char == Approx(7.0 / 10.0));

  a = score({"xbc"}, ex);  // missing prediction scores as ""
  CHECK(a.count == 2);
  CHECK(a.exact == 0.0);
  CHECK(a.per_char == Approx(2.0 / 7.0));

  a = score({"abc", "abcd", "extra"}, ex);  // extra predictions are ignored
  CHECK(a.count == 2);
  CHECK(a.exact == 1.0);

  // Code points, not bytes: the emoji is one position and a combining mark is its own position.
  const std::string grin = "\xF0\x9F\x98\x80", cry = "\xF0\x9F\x98\xA2";
  a = score({grin + "y"}, {{"s", grin + "x"}});
  CHECK(a.per_char == Approx(0.5));
  a = score({cry + "x"}, {{"s", grin + "x"}});  // same first three bytes, still one wrong character
  CHECK(a.per_char == Approx(0.5));
  a = score({"e"}, {{"s", "e\xCC\x81"}});  // e vs e + combining acute: 1 of 2
  CHECK(a.exact == 0.0);
  CHECK(a.per_char == Approx(0.5));

  // Broken bytes in a prediction are wrong characters, never matches.
  a = score({"a\xFF" "c"}, {{"s", "abc"}});
  CHECK(a.per_char == Approx(2.0 / 3.0));
  a = score({"\xFF"}, {{"s", "\xFF"}});
  CHECK(a.exact == 1.0);  // byte-identical
  CHECK(a.per_char == 0.0);

  a = score({}, {});
  CHECK(a.count == 0);
  CHECK(a.exact == 0.0);
  CHECK(a.per_char == 0.0);
  a = score({""}, {{"s", ""}});
  CHECK(a.exact == 1.0);
  CHECK(a.per_char == 1.0);
}
