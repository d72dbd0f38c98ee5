// The tagger's data: generated tasks are deterministic, distinct, well-formed BIO and hold the cases their
// captions promise; the user's sentences are parsed, split and refused with messages that name the line;
// the word vocabulary and the span score.
#include <catch2/catch.hpp>
#include <set>

#include "engine/core/word_vocab.hpp"
#include "engine/tag/score.hpp"
#include "engine/tag/tasks.hpp"

using namespace rp;
using namespace rp::tag;

namespace {

bool well_formed_bio(const Sentence& s) {
  for (size_t i = 0; i < s.tags.size(); ++i)
    if (s.tags[i].rfind("I-", 0) == 0 && (i == 0 || s.tags[i - 1].substr(2) != s.tags[i].substr(2))) return false;
  return true;
}

}  // namespace

TEST_CASE("Generated tagging tasks are deterministic, distinct and use only their own tags", "[tag]") {
  for (TaskKind kind : {TaskKind::Booking, TaskKind::Grammar}) {
    DYNAMIC_SECTION(task_name(kind)) {
      std::vector<Sentence> train, held, train2, held2;
      REQUIRE(generate(kind, 7, 500, 100, train, held).is_ok());
      REQUIRE(generate(kind, 7, 500, 100, train2, held2).is_ok());
      CHECK(train.size() == 500);
      CHECK(held.size() == 100);
      std::set<std::string> seen;
      for (size_t i = 0; i < train.size(); ++i) {
        CHECK(train[i].tokens == train2[i].tokens);
        CHECK(train[i].tags == train2[i].tags);
      }
      const TaskInfo* task = find_task(kind);
      const std::set<std::string> own(task->tags.begin(), task->tags.end());
      for (const auto* split : {&train, &held})
        for (const Sentence& s : *split) {
          CHECK(s.tokens.size() == s.tags.size());
          CHECK(seen.insert(joined(s.tokens)).second);
          for (const auto& t : s.tags) CHECK(own.count(t));
          if (kind == TaskKind::Booking) CHECK(well_formed_bio(s));
        }
      std::vector<std::string> tags;
      REQUIRE(tag_set(kind, train, held, tags).is_ok());
      CHECK(tags.size() == task->tags.size());
      std::vector<Sentence> other;
      REQUIRE(generate(kind, 8, 500, 0, other, held2).is_ok());
      CHECK(joined(other[0].tokens) + joined(other[1].tokens) != joined(train[0].tokens) + joined(train[1].tokens));
    }
  }
}

TEST_CASE("The booking task tags the same city by its verb, some of them told only after the city", "[tag]") {
  std::vector<Sentence> all, none;
  REQUIRE(generate(TaskKind::Booking, 3, 2000, 0, all, none).is_ok());
  int to = 0, from = 0, told_after = 0;
  for (const Sentence& s : all) {
    for (const auto& t : s.tags) {
      to += t == "B-to";
      from += t == "B-from";
    }
    // The city starts the sentence and its slot's verb comes later.
    if (s.tags[0] == "B-to" || s.tags[0] == "B-from") ++told_after;
  }
  CHECK(to > 600);
  CHECK(from > 600);
  CHECK(told_after > 150);
}

TEST_CASE("The grammar task gives one word different tags by its context", "[tag]") {
  std::vector<Sentence> all, none;
  REQUIRE(generate(TaskKind::Grammar, 3, 1000, 0, all, none).is_ok());
  std::set<std::string> tags_of_book, tags_of_can;
  for (const Sentence& s : all)
    for (size_t i = 0; i < s.tokens.size(); ++i) {
      if (s.tokens[i] == "book") tags_of_book.insert(s.tags[i]);
      if (s.tokens[i] == "can") tags_of_can.insert(s.tags[i]);
    }
  CHECK(tags_of_book == std::set<std::string>{"NOUN", "VERB"});
  CHECK(tags_of_can == std::set<std::string>{"AUX", "NOUN"});
}

TEST_CASE("The user's tagged sentences are parsed, split by seed and refused with the line named", "[tag]") {
  std::vector<Sentence> all;
  REQUIRE(parse_tagged("arrive  oulu\tO B-to\r\nleave paris on monday\tO B-from O B-date\n", all).is_ok());
  REQUIRE(all.size() == 2);
  CHECK(all[0].tokens == std::vector<std::string>{"arrive", "oulu"});
  CHECK(all[1].tags == std::vector<std::string>{"O", "B-from", "O", "B-date"});

  const Status mismatch = parse_tagged("a b\tX Y\na b c\tX Y\n", all);
  REQUIRE(!mismatch);
  CHECK_THAT(mismatch.message(), Catch::Contains("sentence 2 has 3 tokens but 2 tags"));
  CHECK(all.empty());
  CHECK_THAT(parse_tagged("no tab\n", all).message(), Catch::Contains("line 1"));
  CHECK(!parse_tagged("", all));

  std::string tsv;
  for (int i = 0; i < 40; ++i) tsv += "w" + std::to_string(i) + " x\tA B\n";
  REQUIRE(parse_tagged(tsv, all).is_ok());
  std::vector<Sentence> train, held, train2, held2;
  split_tagged(all, 0.25, 9, train, held);
  split_tagged(all, 0.25, 9, train2, held2);
  CHECK(train.size() + held.size() == 40);
  CHECK(held.size() >= 5);
  CHECK(held.size() <= 15);
  CHECK(joined(held[0].tokens) == joined(held2[0].tokens));

  std::vector<std::string> tags;
  REQUIRE(tag_set(TaskKind::Pairs, train, held, tags).is_ok());
  CHECK(tags == std::vector<std::string>{"A", "B"});
  const std::vector<Sentence> unseen = {{{"x"}, {"C"}}};
  CHECK_THAT(tag_set(TaskKind::Pairs, train, unseen, tags).message(), Catch::Contains("the tag 'C'"));
  const std::vector<Sentence> one_tag = {{{"x", "y"}, {"A", "A"}}};
  CHECK_THAT(tag_set(TaskKind::Pairs, one_tag, {}, tags).message(), Catch::Contains("at least 2 tags"));
}

TEST_CASE("The word vocabulary reads unseen words as <unk> and round-trips through JSON", "[tag]") {
  WordVocab v;
  REQUIRE(WordVocab::from_sentences({{"the", "café"}, {"the", "dog", "<unk>"}}, v).is_ok());
  CHECK(v.size() == 4);
  CHECK(v.word(0) == "<unk>");
  CHECK(v.encode("dog") != WordVocab::kUnknownId);
  CHECK(v.encode("cat") == WordVocab::kUnknownId);
  WordVocab back;
  REQUIRE(WordVocab::from_json(v.to_json(), back).is_ok());
  CHECK(back.to_json() == v.to_json());
  CHECK(back.encode("café") == v.encode("café"));
  CHECK(!WordVocab::from_json("[\"a\",\"b\"]", back));           // no <unk> first
  CHECK(!WordVocab::from_json("[\"<unk>\",\"a\",\"a\"]", back));  // twice
  CHECK(!WordVocab::from_json("[\"<unk>\",\"a b\"]", back));      // a space
  CHECK(split_tokens("  a\t b  c ") == std::vector<std::string>{"a", "b", "c"});
}

TEST_CASE("Span F1 counts a slot only when its type and both ends match", "[tag]") {
  CHECK(spans({"O", "B-to", "I-to", "O", "B-date"}) ==
        std::vector<Span>{{"to", 1, 2}, {"date", 4, 4}});
  CHECK(spans({"I-to", "I-to", "B-to", "I-from"}) ==
        std::vector<Span>{{"to", 0, 1}, {"to", 2, 2}, {"from", 3, 3}});
  CHECK(spans({"NOUN", "NOUN", "O", "VERB"}) ==
        std::vector<Span>{{"NOUN", 0, 0}, {"NOUN", 1, 1}, {"VERB", 3, 3}});

  TagScore score;
  // "fly from new york to oulu": the first slot cut short, the second right.
  score.add({"O", "O", "B-from", "I-from", "O", "B-to"}, {"O", "O", "B-from", "O", "O", "B-to"});
  CHECK(score.tokens == 6);
  CHECK(score.correct == 5);
  CHECK(score.true_spans == 2);
  CHECK(score.predicted_spans == 2);
  CHECK(score.matched_spans == 1);
  CHECK(score.f1() == Approx(0.5));
  score.add({"O"}, {"B-to"});  // a slot claimed where there is none
  CHECK(score.precision() == Approx(1.0 / 3));
  CHECK(score.recall() == Approx(0.5));
  CHECK(score.f1() == Approx(0.4));
  CHECK(TagScore{}.f1() == 1.0);
}
