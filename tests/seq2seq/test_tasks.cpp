// Sequence-to-sequence task generators, user pairs, splitting and scoring.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "engine/seq2seq/tasks.hpp"
#include "engine/core/utf8.hpp"

using namespace rp;
using namespace rp::seq2seq;

namespace {

const TaskKind kGenerated[] = {TaskKind::Reverse,  TaskKind::Sort,  TaskKind::CopyDelay,
                               TaskKind::Addition, TaskKind::Dates, TaskKind::Translation};

TaskSpec spec_for(TaskKind kind) {
  TaskSpec spec;
  spec.kind = kind;
  return spec;
}

std::vector<Example> joined(const std::vector<Example>& a, const std::vector<Example>& b) {
  std::vector<Example> all = a;
  all.insert(all.end(), b.begin(), b.end());
  return all;
}

bool same(const std::vector<Example>& a, const std::vector<Example>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i].source != b[i].source || a[i].target != b[i].target) return false;
  return true;
}

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

bool all_digits(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

// Digits to a number without std::stoi, which could throw (and abort under WebAssembly); callers check
// all_digits first.
uint64_t to_u64(const std::string& s) {
  uint64_t v = 0;
  for (char c : s) v = v * 10 + uint64_t(c - '0');
  return v;
}
int to_int(const std::string& s) { return int(to_u64(s)); }

// A decimal string modulo m, by Horner's rule; with m = 0 it is taken modulo 2^64 by wrap-around.
uint64_t residue(const std::string& s, uint64_t m) {
  uint64_t r = 0;
  for (char c : s) r = m ? (r * 10 + uint64_t(c - '0')) % m : r * 10 + uint64_t(c - '0');
  return r;
}

// Day of week by Zeller's congruence (a different method from the generator's day count); 0 = Monday.
int weekday_of(int y, int m, int d) {
  if (m < 3) {
    m += 12;
    y -= 1;
  }
  const int k = y % 100, j = y / 100;
  const int h = (d + 13 * (m + 1) / 5 + k + k / 4 + j / 4 + 5 * j) % 7;  // 0 = Saturday
  return (h + 5) % 7;
}

int month_length(int y, int m) {
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  const int lengths[] = {31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return lengths[m - 1];
}

std::string lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  return s;
}

// Reads back any of the generator's date spellings from its tokens alone: month names (full or three
// letters, any case), weekday names, ordinals, "the"/"of", and numbers that are day-month-year unless the
// first has four digits (year-month-day) or they are slash-separated with a two-digit year (month-day-year,
// the lectures' "05/03/99"). Returns false on anything it does not understand.
bool read_date(const std::string& source, int& year, int& month, int& day, int& weekday) {
  static const char* const months[] = {"january", "february", "march",     "april",   "may",      "june",
                                       "july",    "august",   "september", "october", "november", "december"};
  static const char* const weekdays[] = {"monday", "tuesday", "wednesday", "thursday",
                                         "friday", "saturday", "sunday"};
  std::vector<std::string> tokens;
  std::string token;
  for (char c : source + " ") {
    const bool alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (alnum) {
      token += c;
    } else if (!token.empty()) {
      tokens.push_back(token);
      token.clear();
    }
  }
  std::vector<std::string> numbers;
  month = 0;
  weekday = -1;
  for (const std::string& t : tokens) {
    const std::string w = lower(t);
    if (all_digits(w)) {
      numbers.push_back(w);
      continue;
    }
    if (w == "the" || w == "of") continue;
    bool known = false;
    for (int m = 0; m < 12; ++m)
      if (w == months[m] || w == std::string(months[m]).substr(0, 3)) month = m + 1, known = true;
    for (int d = 0; d < 7; ++d)
      if (w == weekdays[d] || w == std::string(weekdays[d]).substr(0, 3)) weekday = d, known = true;
    if (known) continue;
    // An ordinal: digits then the right suffix.
    const size_t digits = w.find_first_not_of("0123456789");
    if (digits == 0 || digits == std::string::npos) return false;
    const std::string n = w.substr(0, digits), suffix = w.substr(digits);
    const int v = to_int(n);
    std::string expected = "th";
    if (v % 100 < 11 || v % 100 > 13) {
      if (v % 10 == 1) expected = "st";
      if (v % 10 == 2) expected = "nd";
      if (v % 10 == 3) expected = "rd";
    }
    if (suffix != expected) return false;
    numbers.push_back(n);
  }
  auto year_of = [](const std::string& y) {
    const int v = to_int(y);
    if (y.size() == 4) return v;
    return y.size() == 2 ? (v >= 50 ? 1900 + v : 2000 + v) : -1;
  };
  if (month != 0) {
    if (numbers.size() != 2) return false;
    day = to_int(numbers[0]);
    year = year_of(numbers[1]);
  } else {
    if (numbers.size() != 3) return false;
    if (numbers[0].size() == 4) {
      year = year_of(numbers[0]);
      month = to_int(numbers[1]);
      day = to_int(numbers[2]);
    } else if (source.find('/') != std::string::npos && numbers[2].size() == 2) {
      month = to_int(numbers[0]);
      day = to_int(numbers[1]);
      year = year_of(numbers[2]);
    } else {
      day = to_int(numbers[0]);
      month = to_int(numbers[1]);
      year = year_of(numbers[2]);
    }
  }
  return year > 0;
}

// The translation grammar as documented in seq2seq_tasks.cpp, applied word by word to a source sentence.
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

TEST_CASE("add: operands in digit range, no leading zeros, correct sums", "[seq2seq]") {
  TaskSpec spec = spec_for(TaskKind::Addition);
  spec.min_len = 1;
  spec.max_len = 18;  // sums fit in 64 bits
  std::vector<Example> train, held;
  REQUIRE(generate(spec, 21, 3000, 100, train, held).is_ok());
  std::set<size_t> digit_counts;
  for (const Example& e : joined(train, held)) {
    const size_t plus = e.source.find('+');
    REQUIRE(plus != std::string::npos);
    const std::string a = e.source.substr(0, plus), b = e.source.substr(plus + 1);
    REQUIRE(all_digits(a));
    REQUIRE(all_digits(b));
    REQUIRE(all_digits(e.target));
    REQUIRE((a.size() == 1 || a[0] != '0'));
    REQUIRE((b.size() == 1 || b[0] != '0'));
    REQUIRE((e.target.size() == 1 || e.target[0] != '0'));
    REQUIRE(a.size() <= 18);
    REQUIRE(b.size() <= 18);
    digit_counts.insert(a.size());
    REQUIRE(std::to_string(to_u64(a) + to_u64(b)) == e.target);
  }
  CHECK(digit_counts.size() == 18);

  spec.min_len = 30;
  spec.max_len = 50;
  REQUIRE(generate(spec, 22, 500, 10, train, held).is_ok());
  for (const Example& e : train) {
    const size_t plus = e.source.find('+');
    const std::string a = e.source.substr(0, plus), b = e.source.substr(plus + 1);
    REQUIRE(a.size() >= 30);
    REQUIRE(b.size() <= 50);
    REQUIRE(a[0] != '0');
    REQUIRE(e.target[0] != '0');
    // Big sums checked by residues: modulo a prime and modulo 2^64.
    const uint64_t p = 1000000007;
    REQUIRE((residue(a, p) + residue(b, p)) % p == residue(e.target, p));
    REQUIRE(residue(a, 0) + residue(b, 0) == residue(e.target, 0));
    const size_t longest = std::max(a.size(), b.size());
    REQUIRE((e.target.size() == longest || e.target.size() == longest + 1));
  }
}

TEST_CASE("dates: every spelling reads back to the ISO target, weekdays are right", "[seq2seq]") {
  std::vector<Example> train, held;
  REQUIRE(generate(spec_for(TaskKind::Dates), 5, 20000, 2000, train, held).is_ok());
  std::set<std::string> shapes;
  int weekdays_seen = 0, leap_days = 0, two_digit_2000s = 0, two_digit_1900s = 0;
  bool saw_1950 = false, saw_2049 = false;
  for (const Example& e : joined(train, held)) {
    INFO(e.source << " -> " << e.target);
    // ISO target: YYYY-MM-DD of a real day in range.
    REQUIRE(e.target.size() == 10);
    REQUIRE(e.target[4] == '-');
    REQUIRE(e.target[7] == '-');
    REQUIRE(all_digits(e.target.substr(0, 4) + e.target.substr(5, 2) + e.target.substr(8, 2)));
    const int y = to_int(e.target.substr(0, 4)), m = to_int(e.target.substr(5, 2)),
              d = to_int(e.target.substr(8, 2));
    REQUIRE(y >= 1950);
    REQUIRE(y <= 2049);
    REQUIRE(m >= 1);
    REQUIRE(m <= 12);
    REQUIRE(d >= 1);
    REQUIRE(d <= month_length(y, m));
    saw_1950 = saw_1950 || y == 1950;
    saw_2049 = saw_2049 || y == 2049;
    if (m == 2 && d == 29) ++leap_days;

    int ry = 0, rm = 0, rd = 0, wd = -1;
    REQUIRE(read_date(e.source, ry, rm, rd, wd));
    CHECK(ry == y);
    CHECK(rm == m);
    CHECK(rd == d);
    if (wd >= 0) {
      ++weekdays_seen;
      REQUIRE(wd == weekday_of(y, m, d));
    }
    if (e.source.find('/') != std::string::npos && e.source.size() == 8) (y >= 2000 ? two_digit_2000s : two_digit_1900s)++;

    // The spelling's shape: digit runs as 9, letter runs as a (A when all capitals).
    std::string shape;
    for (size_t i = 0; i < e.source.size();) {
      const char c = e.source[i];
      size_t j = i;
      if (c >= '0' && c <= '9') {
        while (j < e.source.size() && e.source[j] >= '0' && e.source[j] <= '9') ++j;
        shape += '9';
      } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
        bool capitals = true;
        while (j < e.source.size() && ((e.source[j] >= 'a' && e.source[j] <= 'z') ||
                                       (e.source[j] >= 'A' && e.source[j] <= 'Z'))) {
          capitals = capitals && e.source[j] <= 'Z';
          ++j;
        }
        shape += capitals && j - i > 1 ? 'A' : 'a';
      } else {
        shape += c;
        ++j;
      }
      i = j;
    }
    shapes.insert(shape);
  }
  CHECK(shapes.size() >= 12);  // 16 formats, some alike once digits and letters are blurred
  CHECK(weekdays_seen > 1000);
  CHECK(leap_days > 0);
  CHECK(two_digit_1900s > 0);
  CHECK(two_digit_2000s > 0);
  CHECK(saw_1950);
  CHECK(saw_2049);
  // Known anchors for the independent weekday check itself.
  CHECK(weekday_of(1999, 5, 3) == 0);   // Monday
  CHECK(weekday_of(1950, 1, 1) == 6);   // Sunday
  CHECK(weekday_of(2000, 2, 29) == 1);  // Tuesday
}

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
