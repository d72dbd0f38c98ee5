// Toy translation (engine/seq2seq/tasks/translation.cpp): checked against the documented grammar.
#include <catch2/catch.hpp>

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "engine/seq2seq/tasks.hpp"
#include "seq2seq/task_helpers.hpp"

using namespace rp;
using namespace rp::seq2seq;
using namespace rp::test;

namespace {

std::vector<std::string> words_of(const std::string& s) {
  std::vector<std::string> words;
  std::string word;
  for (char c : s) {
    if (c == ' ') {
      if (!word.empty()) words.push_back(word);
      word.clear();
    } else {
      word += c;
    }
  }
  if (!word.empty()) words.push_back(word);
  return words;
}

// The translation grammar as documented in engine/seq2seq/tasks/translation.cpp, applied word by word to a
// source sentence.
struct NounEntry {
  const char* singular;
  const char* plural;
  const char* target;
};
const NounEntry kTestNouns[] = {
    {"dog", "dogs", "vuma"},       {"cat", "cats", "miso"},          {"bird", "birds", "tiri"},
    {"fox", "foxes", "rako"},      {"horse", "horses", "halun"},     {"mouse", "mice", "pimi"},
    {"child", "children", "nelo"}, {"man", "men", "doran"},          {"woman", "women", "seli"},
    {"farmer", "farmers", "grotu"}, {"teacher", "teachers", "amaki"}, {"owl", "owls", "huhu"},
    {"king", "kings", "basar"},    {"queen", "queens", "belis"},     {"wolf", "wolves", "garu"},
    {"goose", "geese", "konki"},   {"baby", "babies", "lulu"},       {"frog", "frogs", "kwapi"},
    {"rabbit", "rabbits", "simsi"}, {"tree", "trees", "nolu"},
};
const std::map<std::string, std::pair<std::string, std::string>> kTestVerbs = {
    // singular form -> (plural form, target stem)
    {"sees", {"see", "nami"}},       {"likes", {"like", "sula"}},     {"chases", {"chase", "dopa"}},
    {"follows", {"follow", "teki"}}, {"finds", {"find", "ruka"}},     {"hears", {"hear", "obu"}},
    {"watches", {"watch", "wesa"}},  {"carries", {"carry", "hoka"}},  {"helps", {"help", "ibri"}},
    {"pushes", {"push", "zuno"}},
};
const std::map<std::string, std::string> kTestAdjectives = {
    {"big", "grom"},   {"small", "lit"}, {"old", "ebo"},     {"red", "rua"},
    {"happy", "fenu"}, {"lazy", "molo"}, {"clever", "kiza"}, {"angry", "ushi"},
};
const std::map<std::string, std::string> kTestPrepositions = {
    {"near", "lo"}, {"under", "pem"}, {"behind", "zat"}, {"beside", "ven"}, {"above", "kur"},
};

// Parses "DET [ADJ] NOUN" at words[pos]; returns its target words (suffix and optional "-o" applied).
bool translate_phrase(const std::vector<std::string>& words, size_t& pos, bool object, std::string& out,
                      bool& plural) {
  if (pos + 2 > words.size()) return false;
  const std::string det = words[pos++];
  std::string adj_target;
  const auto adj = kTestAdjectives.find(words[pos]);
  if (adj != kTestAdjectives.end()) {
    adj_target = adj->second;
    if (++pos >= words.size()) return false;
  }
  const std::string& head = adj_target.empty() ? words[pos] : words[pos - 1];
  const NounEntry* noun = nullptr;
  for (const NounEntry& n : kTestNouns)
    if (words[pos] == n.singular || words[pos] == n.plural) noun = &n;
  if (!noun) return false;
  plural = words[pos] == noun->plural;
  ++pos;
  std::string suffix;
  if (det == "the") suffix = plural ? "-kar" : "-ka";
  else if (det == "some" && plural) suffix = "-nir";
  else if ((det == "a" || det == "an") && !plural) {
    if ((det == "an") != (std::string("aeiou").find(head[0]) != std::string::npos)) return false;  // a/an rule
    suffix = "-ne";
  } else {
    return false;
  }
  std::string phrase = std::string(noun->target) + suffix;
  if (!adj_target.empty()) phrase += " " + adj_target;
  if (object) phrase += "-o";
  out = phrase;
  return true;
}

bool translate(const std::string& source, std::string& target) {
  const std::vector<std::string> w = words_of(source);
  size_t pos = 0;
  bool subject_plural = false, ignored = false;
  std::string subject, object, place;
  if (!translate_phrase(w, pos, false, subject, subject_plural)) return false;
  if (pos >= w.size()) return false;
  std::string verb;
  for (const auto& v : kTestVerbs)
    if (w[pos] == (subject_plural ? v.second.first : v.first)) verb = v.second.second + (subject_plural ? "-tu" : "-ta");
  if (verb.empty()) return false;
  ++pos;
  if (!translate_phrase(w, pos, true, object, ignored)) return false;
  if (pos < w.size()) {
    const auto prep = kTestPrepositions.find(w[pos++]);
    if (prep == kTestPrepositions.end()) return false;
    if (!translate_phrase(w, pos, false, place, ignored)) return false;
    place += " " + prep->second;
  }
  if (pos != w.size()) return false;
  target = subject + (place.empty() ? "" : " " + place) + " " + object + " " + verb;
  return true;
}

}  // namespace

TEST_CASE("translate: follows the documented grammar, word counts in range, all vocabulary used", "[seq2seq]") {
  CHECK(sizeof(kTestNouns) / sizeof(kTestNouns[0]) == 20);
  CHECK(kTestVerbs.size() == 10);
  CHECK(kTestAdjectives.size() == 8);
  std::string t;
  REQUIRE(translate("the big dog sees some cats under an old tree", t));
  CHECK(t == "vuma-ka grom nolu-ne ebo pem miso-nir-o nami-ta");  // the example in the grammar comment

  std::vector<Example> train, held;
  REQUIRE(generate(spec_for(TaskKind::Translation), 13, 5000, 500, train, held).is_ok());
  std::set<size_t> counts;
  std::set<std::string> source_words;
  for (const Example& e : joined(train, held)) {
    INFO(e.source << " -> " << e.target);
    const size_t n = words_of(e.source).size();
    REQUIRE(n >= 5);
    REQUIRE(n <= 10);  // default max_len
    counts.insert(n);
    bool has_place = false;
    for (const std::string& w : words_of(e.source)) has_place = has_place || kTestPrepositions.count(w) == 1;
    REQUIRE(words_of(e.target).size() == n - (has_place ? 3 : 2));  // determiners vanish
    std::string expected;
    REQUIRE(translate(e.source, expected));
    REQUIRE(e.target == expected);
    for (const std::string& w : words_of(e.source)) source_words.insert(w);
  }
  CHECK(counts.size() == 6);  // 5..10
  for (const NounEntry& n : kTestNouns) CHECK((source_words.count(n.singular) + source_words.count(n.plural)) == 2);
  for (const auto& v : kTestVerbs) CHECK((source_words.count(v.first) + source_words.count(v.second.first)) == 2);
  for (const auto& a : kTestAdjectives) CHECK(source_words.count(a.first) == 1);
  for (const auto& p : kTestPrepositions) CHECK(source_words.count(p.first) == 1);
  for (const char* det : {"the", "a", "an", "some"}) CHECK(source_words.count(det) == 1);

  TaskSpec spec = spec_for(TaskKind::Translation);
  spec.min_len = spec.max_len = 11;
  REQUIRE(generate(spec, 13, 300, 30, train, held).is_ok());
  for (const Example& e : joined(train, held)) {
    REQUIRE(words_of(e.source).size() == 11);
    REQUIRE(words_of(e.target).size() == 8);
  }
  spec.min_len = 1;
  spec.max_len = 5;  // only the bare "DET NOUN VERB DET NOUN" shape
  REQUIRE(generate(spec, 13, 300, 30, train, held).is_ok());
  for (const Example& e : train) REQUIRE(words_of(e.source).size() == 5);
}
