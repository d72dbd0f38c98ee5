// The classifier's data: generated tasks are deterministic, balanced enough, distinct across the split and
// labelled by their own rule; the sentiment grammar defeats a bag of words; the user's labelled lines are
// read and refused with the line named; the split is deterministic; labels only in held-out data are refused.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <sstream>

#include "engine/classify/experiment.hpp"

using namespace rp;
using Catch::Matchers::Contains;

namespace {

std::vector<classify::Example> generated(classify::TaskKind kind, uint64_t seed, int n_train = 400, int n_held = 100,
                                         std::vector<classify::Example>* held_out = nullptr) {
  classify::TaskSpec spec;
  spec.kind = kind;
  std::vector<classify::Example> train, held;
  const Status s = classify::generate(spec, seed, n_train, n_held, train, held);
  INFO(s.message());
  REQUIRE(s.is_ok());
  if (held_out) *held_out = held;
  return train;
}

std::string error_of(const std::string& tsv) {
  std::vector<classify::Example> out;
  const Status s = classify::parse_labelled(tsv, out);
  CHECK(out.empty());
  return s.is_ok() ? "" : s.message();
}

// The words of a text as a sorted multiset (punctuation dropped).
std::string bag(const std::string& text) {
  std::string clean;
  for (char c : text) clean += (c == ',' || c == ';') ? ' ' : c;
  std::istringstream in(clean);
  std::vector<std::string> words;
  for (std::string w; in >> w;) words.push_back(w);
  std::sort(words.begin(), words.end());
  std::string out;
  for (const auto& w : words) out += w + " ";
  return out;
}

}  // namespace

TEST_CASE("Generated tasks are deterministic, distinct across the split and use both classes", "[classify][tasks]") {
  for (const auto& task : classify::tasks()) {
    if (!task.draw) continue;
    DYNAMIC_SECTION(task.name) {
      std::vector<classify::Example> held_a, held_b;
      const auto a = generated(task.kind, 7, 400, 100, &held_a);
      const auto b = generated(task.kind, 7, 400, 100, &held_b);
      CHECK(a.size() == 400);
      CHECK(held_a.size() == 100);
      bool same = true;
      for (size_t i = 0; i < a.size(); ++i) same = same && a[i].text == b[i].text && a[i].label == b[i].label;
      CHECK(same);
      std::set<std::string> train_texts;
      std::map<std::string, int> counts;
      for (const auto& e : a) train_texts.insert(e.text), ++counts[e.label];
      CHECK(train_texts.size() == a.size());
      for (const auto& e : held_a) CHECK(train_texts.count(e.text) == 0);
      REQUIRE(counts.size() == task.labels.size());
      for (const auto& [label, n] : counts) CHECK(n > 150);
      const auto other = generated(task.kind, 8);
      CHECK(other[0].text + other[1].text != a[0].text + a[1].text);
    }
  }
}

TEST_CASE("Counting labels name the more frequent letter", "[classify][tasks]") {
  for (const auto& e : generated(classify::TaskKind::Counting, 3)) {
    const auto a = std::count(e.text.begin(), e.text.end(), 'a'), b = std::count(e.text.begin(), e.text.end(), 'b');
    CHECK(a + b == int(e.text.size()));
    CHECK(e.label == (a > b ? "a" : "b"));
    CHECK(e.text.size() % 2 == 1);
    CHECK(e.text.size() >= 3);
    CHECK(e.text.size() <= 15);
  }
}

TEST_CASE("The sentiment grammar: negation flips the first adjective, and a bag of words cannot learn it",
          "[classify][tasks]") {
  std::vector<classify::Example> held;
  const auto train = generated(classify::TaskKind::Sentiment, 11, 4000, 1000, &held);
  // Naive Bayes over the words (add-one smoothing): the best a bag of words does without order.
  std::map<std::string, std::map<std::string, double>> counts;  // label -> word -> count
  std::map<std::string, double> totals, priors;
  for (const auto& e : train) {
    priors[e.label] += 1;
    std::istringstream in(bag(e.text));
    for (std::string w; in >> w;) counts[e.label][w] += 1, totals[e.label] += 1;
  }
  int right = 0;
  for (const auto& e : held) {
    std::string best;
    double best_score = -1e300;
    for (const auto& [label, prior] : priors) {
      double score = std::log(prior);
      std::istringstream in(bag(e.text));
      for (std::string w; in >> w;) score += std::log((counts[label][w] + 1) / (totals[label] + 1000));
      if (score > best_score) best_score = score, best = label;
    }
    right += best == e.label;
  }
  const double accuracy = double(right) / double(held.size());
  INFO("naive Bayes over words: held-out accuracy " << accuracy);
  CHECK(accuracy < 0.75);
  int two_clauses = 0;
  for (const auto& e : train) {
    const bool both = e.text.find_first_of(",;") != std::string::npos;
    two_clauses += both;
    if (both) continue;
    // One clause: "<subject> <verb> [not] [intensifier] <adjective>": the adjective's label, flipped by "not".
    const bool negated = e.text.find(" not ") != std::string::npos;
    const std::string last = e.text.substr(e.text.rfind(' ') + 1);
    for (const char* good : {"good", "great", "fun", "lovely"})
      if (last == good) CHECK(e.label == (negated ? "negative" : "positive"));
    for (const char* bad : {"bad", "dull", "awful", "boring"})
      if (last == bad) CHECK(e.label == (negated ? "positive" : "negative"));
  }
  CHECK(two_clauses > 2400);
}

TEST_CASE("Own labelled lines are read, and bad lines are refused with their line number", "[classify][tasks]") {
  std::vector<classify::Example> out;
  REQUIRE(classify::parse_labelled("\xEF\xBB\xBFpos\tgood film\r\n\nneg\tbad film\n", out).is_ok());
  REQUIRE(out.size() == 2);
  CHECK(out[0].label == "pos");
  CHECK(out[0].text == "good film");
  CHECK(out[1].label == "neg");
  CHECK_THAT(error_of("pos\tgood\nno tab here\n"), Contains("line 2: expected exactly one tab between label and text, found 0"));
  CHECK_THAT(error_of("\tgood\n"), Contains("line 1: empty label"));
  CHECK_THAT(error_of("pos\t\n"), Contains("line 1: empty text"));
  CHECK_THAT(error_of(""), Contains("no label<TAB>text examples"));
  CHECK_THAT(error_of("pos\tgo\xff" "od\n"), Contains("line 1: invalid UTF-8"));
}

TEST_CASE("Own examples split by seed, and a label only in held-out data is refused", "[classify][tasks]") {
  ClassifyExperiment e;
  e.task.kind = classify::TaskKind::Pairs;
  e.held_fraction = 0.25;
  std::string tsv;
  for (int i = 0; i < 40; ++i) tsv += std::string(i % 2 ? "odd" : "even") + "\ttext " + std::to_string(i) + "\n";
  std::vector<classify::Example> train, held, train2, held2;
  std::vector<std::string> labels;
  REQUIRE(make_examples(e, tsv, train, held, labels).is_ok());
  CHECK(held.size() == 10);
  CHECK(labels == std::vector<std::string>{"even", "odd"});
  REQUIRE(make_examples(e, tsv, train2, held2, labels).is_ok());
  CHECK(held2.size() == held.size());
  for (size_t i = 0; i < held.size(); ++i) CHECK(held[i].text == held2[i].text);

  // One line of a third label: wherever the split puts it, it is either trained on or refused by name.
  std::vector<classify::Example> rare_train, rare_held;
  const std::vector<classify::Example> all = {{"a", "x"}, {"b", "x"}, {"c", "y"}, {"d", "y"}, {"e", "z"}};
  std::vector<classify::Example> tr = {all[0], all[2]}, he = {all[4]};
  const Status s = classify::label_set(classify::TaskKind::Pairs, tr, he, labels);
  REQUIRE_FALSE(s.is_ok());
  CHECK_THAT(s.message(), Contains("the label 'z'") && Contains("no training example"));
  const Status one = classify::label_set(classify::TaskKind::Pairs, {all[0], all[1]}, {}, labels);
  CHECK_THAT(one.message(), Contains("at least 2 labels"));
}

TEST_CASE("A task with too few distinct texts says so", "[classify][tasks]") {
  classify::TaskSpec spec;
  spec.kind = classify::TaskKind::Counting;
  spec.min_len = 3;
  spec.max_len = 3;
  std::vector<classify::Example> train, held;
  const Status s = classify::generate(spec, 1, 100, 10, train, held);
  CHECK_THAT(s.message(), Contains("only about 8 distinct texts"));
}
