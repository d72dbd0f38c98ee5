#include "engine/seq2seq/tasks.hpp"

#include <algorithm>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "engine/core/rng.hpp"
#include "engine/core/utf8.hpp"

namespace rp::seq2seq {

namespace {

constexpr int64_t kMaxExamples = 1000000;
// A task whose whole space is at most this many sources can be listed: then "not enough distinct examples"
// is an exact count rather than a guess from failed draws.
constexpr uint64_t kListLimit = uint64_t(1) << 21;
// Space sizes saturate here; every size we compare against is far smaller.
constexpr uint64_t kHuge = uint64_t(1) << 62;
constexpr size_t kMaxLineBytes = 1000;
constexpr size_t kMaxPairs = 200000;
constexpr int kMaxSymbols = 200;  // reverse/sort/copy source length and copy delay
constexpr int kMaxDigits = 50;    // add: digits per operand

uint64_t sat_add(uint64_t a, uint64_t b) { return a >= kHuge - std::min(b, kHuge) ? kHuge : a + b; }
uint64_t sat_mul(uint64_t a, uint64_t b) {
  if (a == 0 || b == 0) return 0;
  return a >= kHuge / b ? kHuge : a * b;
}

// ---------------------------------------------------------------------------------------------------------
// Randomness helpers on rp::Rng only, so native and WASM agree.

// Uniform in [0, n), n >= 1. Rejects the lowest 2^64 mod n values so small results are not favoured.
uint64_t below(Rng& rng, uint64_t n) {
  const uint64_t threshold = (0 - n) % n;
  for (;;) {
    const uint64_t x = rng.next_u64();
    if (x >= threshold) return x % n;
  }
}

int between(Rng& rng, int lo, int hi) { return lo + static_cast<int>(below(rng, uint64_t(hi - lo) + 1)); }

template <class T> void fisher_yates(std::vector<T>& v, Rng& rng) {
  for (size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[below(rng, i)]);
}

// ---------------------------------------------------------------------------------------------------------
// Names.


// ---------------------------------------------------------------------------------------------------------
// reverse / sort / copy: strings over the first `alphabet` letters.

constexpr char kLetters[] = "abcdefghijklmnopqrstuvwxyz";

std::string symbol_target(const TaskSpec& spec, const std::string& source) {
  switch (spec.kind) {
    case TaskKind::Reverse: return std::string(source.rbegin(), source.rend());  // ASCII, so bytes are characters
    case TaskKind::Sort: {
      std::string t = source;
      std::sort(t.begin(), t.end());
      return t;
    }
    default: return std::string(size_t(spec.delay), '_') + source;
  }
}

uint64_t strings_of_length(int alphabet, int len) {
  uint64_t n = 1;
  for (int i = 0; i < len && n < kHuge; ++i) n = sat_mul(n, uint64_t(alphabet));
  return n;
}

uint64_t symbol_space(const TaskSpec& spec) {
  uint64_t n = 0;
  for (int len = spec.min_len; len <= spec.max_len; ++len) n = sat_add(n, strings_of_length(spec.alphabet, len));
  return n;
}

Example symbol_sample(const TaskSpec& spec, Rng& rng) {
  const int len = between(rng, spec.min_len, spec.max_len);  // length first: every length equally common
  Example e;
  for (int i = 0; i < len; ++i) e.source += kLetters[below(rng, uint64_t(spec.alphabet))];
  e.target = symbol_target(spec, e.source);
  return e;
}

// Only called for spaces below kListLimit, so the per-length counts are exact.
Example symbol_at(const TaskSpec& spec, uint64_t index) {
  int len = spec.min_len;
  for (; len < spec.max_len; ++len) {
    const uint64_t count = strings_of_length(spec.alphabet, len);
    if (index < count) break;
    index -= count;
  }
  Example e;
  e.source.assign(size_t(len), 'a');
  for (int i = len - 1; i >= 0; --i) {
    e.source[size_t(i)] = kLetters[index % uint64_t(spec.alphabet)];
    index /= uint64_t(spec.alphabet);
  }
  e.target = symbol_target(spec, e.source);
  return e;
}

// ---------------------------------------------------------------------------------------------------------
// add: "a+b" -> a + b in decimal. Operands have min_len..max_len digits (digit count drawn uniformly, so
// short and long operands are equally common) and no leading zeros apart from "0" itself.

std::string add_decimal(const std::string& a, const std::string& b) {
  std::string sum;
  size_t i = a.size(), j = b.size();
  int carry = 0;
  while (i > 0 || j > 0 || carry > 0) {
    int d = carry;
    if (i > 0) d += a[--i] - '0';
    if (j > 0) d += b[--j] - '0';
    sum += char('0' + d % 10);
    carry = d / 10;
  }
  std::reverse(sum.begin(), sum.end());
  return sum;
}

uint64_t operands_with_digits(int digits) {
  if (digits == 1) return 10;  // 0..9
  return sat_mul(9, strings_of_length(10, digits - 1));
}

uint64_t operand_space(const TaskSpec& spec) {
  uint64_t n = 0;
  for (int d = spec.min_len; d <= spec.max_len; ++d) n = sat_add(n, operands_with_digits(d));
  return n;
}

std::string operand_sample(const TaskSpec& spec, Rng& rng) {
  const int digits = between(rng, spec.min_len, spec.max_len);
  std::string s(1, char('0' + (digits == 1 ? below(rng, 10) : 1 + below(rng, 9))));
  for (int i = 1; i < digits; ++i) s += char('0' + below(rng, 10));
  return s;
}

// Only for listable spaces, where every operand fits easily in 64 bits.
std::string operand_at(const TaskSpec& spec, uint64_t index) {
  for (int d = spec.min_len; d <= spec.max_len; ++d) {
    const uint64_t count = operands_with_digits(d);
    if (index < count) return std::to_string(d == 1 ? index : strings_of_length(10, d - 1) + index);
    index -= count;
  }
  return "0";
}

Example addition(std::string a, std::string b) {
  Example e;
  e.target = add_decimal(a, b);
  e.source = std::move(a) + "+" + b;
  return e;
}

// ---------------------------------------------------------------------------------------------------------
// dates: a day from 1950-01-01 to 2049-12-31 in one of kDateFormats spellings -> ISO "YYYY-MM-DD".
// The two-digit slash form is month first, as in the lectures' example ("05/03/99" is 3 May 1999); the
// dotted and dashed numeric forms are day first (D.M.YYYY, DD-MM-YYYY) and "YYYY/MM/DD" is year first. Each
// separator and field width has one reading, so no source can be read two ways. Two-digit years are 50-99 -> 19xx and 00-49 -> 20xx, which is exactly
// the range generated.

constexpr int kFirstYear = 1950;  // through 2049
constexpr int kDayCount = 36525;  // 100 years, 25 of them leap (2000 is one)
constexpr int kDateFormats = 16;

constexpr const char* kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                   "July",    "August",   "September", "October", "November", "December"};
constexpr const char* kMonthsShort[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr const char* kWeekdays[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
constexpr const char* kWeekdaysShort[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static constexpr int kLengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kLengths[m - 1];
}

struct Date {
  int year = kFirstYear, month = 1, day = 1;
  int weekday = 0;  // 0 = Monday
};

// `index` counts days from 1950-01-01, which was a Sunday.
Date date_at(int index) {
  Date t;
  t.weekday = (index + 6) % 7;
  for (int len = 365 + is_leap(t.year); index >= len; len = 365 + is_leap(t.year)) {
    index -= len;
    ++t.year;
  }
  for (int len = days_in_month(t.year, t.month); index >= len; len = days_in_month(t.year, t.month)) {
    index -= len;
    ++t.month;
  }
  t.day = index + 1;
  return t;
}

std::string two_digits(int v) { return std::string(1, char('0' + v / 10 % 10)) + char('0' + v % 10); }

std::string ordinal(int d) {
  const char* suffix = "th";
  if (d < 11 || d > 13) {  // 11th, 12th, 13th are the exceptions to 1st, 2nd, 3rd
    if (d % 10 == 1) suffix = "st";
    if (d % 10 == 2) suffix = "nd";
    if (d % 10 == 3) suffix = "rd";
  }
  return std::to_string(d) + suffix;
}

std::string upper(std::string s) {
  for (char& c : s)
    if (c >= 'a' && c <= 'z') c = char(c - 'a' + 'A');
  return s;
}

std::string format_date(const Date& t, int format) {
  const std::string D = std::to_string(t.day), DD = two_digits(t.day);
  const std::string M = std::to_string(t.month), MM = two_digits(t.month);
  const std::string Y = std::to_string(t.year), YY = two_digits(t.year % 100);
  const std::string month = kMonths[t.month - 1], mon = kMonthsShort[t.month - 1];
  switch (format) {
    case 0: return D + " " + month + " " + Y;                                       // 3 May 1999
    case 1: return DD + " " + month + " " + Y;                                      // 03 May 1999
    case 2: return month + " " + D + ", " + Y;                                      // May 3, 1999
    case 3: return month + " " + ordinal(t.day) + ", " + Y;                         // May 3rd, 1999
    case 4: return ordinal(t.day) + " of " + month + " " + Y;                       // 3rd of May 1999
    case 5: return MM + "/" + DD + "/" + YY;                                        // 05/03/99 (MM/DD/YY)
    case 6: return Y + "/" + MM + "/" + DD;                                         // 1999/05/03
    case 7: return D + "." + M + "." + Y;                                           // 3.5.1999
    case 8: return std::string(kWeekdays[t.weekday]) + ", " + D + " " + month + " " + Y;  // Monday, 3 May 1999
    case 9: return upper(month) + " " + D + " " + Y;                                // MAY 3 1999
    case 10: return D + "-" + mon + "-" + YY;                                       // 3-May-99
    case 11: return D + " " + mon + " " + Y;                                        // 3 Sep 1999
    case 12: return DD + "." + MM + "." + Y;                                        // 03.05.1999
    case 13: return std::string(kWeekdaysShort[t.weekday]) + ", " + mon + " " + D + ", " + Y;  // Mon, May 3, 1999
    case 14: return "the " + ordinal(t.day) + " of " + month + ", " + Y;            // the 3rd of May, 1999
    default: return DD + "-" + MM + "-" + Y;                                        // 03-05-1999
  }
}

Example date_example(int day_index, int format) {
  const Date t = date_at(day_index);
  Example e;
  e.source = format_date(t, format);
  e.target = std::to_string(t.year) + "-" + two_digits(t.month) + "-" + two_digits(t.day);
  return e;
}

// ---------------------------------------------------------------------------------------------------------
// translate: a toy English-like SVO language into an invented SOV language.
//
// Source grammar:
//   S    -> NP_subj VERB NP_obj [PREP NP_place]
//   NP   -> DET [ADJ] NOUN          DET: singular "the" | "a"/"an" (an before a vowel), plural "the" | "some"
//   VERB agrees with the subject:   "sees" after a singular subject, "see" after a plural one
// Target grammar (every source sentence has exactly one translation, and the other way round):
//   S    -> NP_subj [NP_place POSTPOSITION] NP_obj-o VERB-ta|-tu
//   NP   -> NOUN-suffix [ADJ]        suffix: the+singular "-ka", a+singular "-ne", the+plural "-kar",
//                                    some+plural "-nir"
//   The object NP's last word takes "-o"; the verb takes "-ta" for a singular subject, "-tu" for a plural.
// Example: "the big dog sees some cats under an old tree"
//       -> "vuma-ka grom nolu-ne ebo pem miso-nir-o nami-ta"
// Sources have 5 words (no adjectives, no place) up to 11; each target has 3 fewer words (no determiners)
// when there is a place phrase, 2 fewer without one.

struct Noun {
  const char* singular;
  const char* plural;
  const char* target;
};
constexpr Noun kNouns[] = {
    {"dog", "dogs", "vuma"},           {"cat", "cats", "miso"},       {"bird", "birds", "tiri"},
    {"fox", "foxes", "rako"},          {"horse", "horses", "halun"},  {"mouse", "mice", "pimi"},
    {"child", "children", "nelo"},     {"man", "men", "doran"},       {"woman", "women", "seli"},
    {"farmer", "farmers", "grotu"},    {"teacher", "teachers", "amaki"}, {"owl", "owls", "huhu"},
    {"king", "kings", "basar"},        {"queen", "queens", "belis"},  {"wolf", "wolves", "garu"},
    {"goose", "geese", "konki"},       {"baby", "babies", "lulu"},    {"frog", "frogs", "kwapi"},
    {"rabbit", "rabbits", "simsi"},    {"tree", "trees", "nolu"},
};
struct Verb {
  const char* plural;    // "see": after a plural subject
  const char* singular;  // "sees": after a singular subject
  const char* target;
};
constexpr Verb kVerbs[] = {
    {"see", "sees", "nami"},       {"like", "likes", "sula"},   {"chase", "chases", "dopa"},
    {"follow", "follows", "teki"}, {"find", "finds", "ruka"},   {"hear", "hears", "obu"},
    {"watch", "watches", "wesa"},  {"carry", "carries", "hoka"}, {"help", "helps", "ibri"},
    {"push", "pushes", "zuno"},
};
struct Word {
  const char* source;
  const char* target;
};
constexpr Word kAdjectives[] = {
    {"big", "grom"},   {"small", "lit"}, {"old", "ebo"},    {"red", "rua"},
    {"happy", "fenu"}, {"lazy", "molo"}, {"clever", "kiza"}, {"angry", "ushi"},
};
constexpr Word kPrepositions[] = {
    {"near", "lo"}, {"under", "pem"}, {"behind", "zat"}, {"beside", "ven"}, {"above", "kur"},
};
constexpr uint64_t kNounCount = sizeof(kNouns) / sizeof(kNouns[0]);
constexpr uint64_t kVerbCount = sizeof(kVerbs) / sizeof(kVerbs[0]);
constexpr uint64_t kAdjectiveCount = sizeof(kAdjectives) / sizeof(kAdjectives[0]);
constexpr uint64_t kPrepositionCount = sizeof(kPrepositions) / sizeof(kPrepositions[0]);

// Which optional parts a sentence has; the 12 shapes give 5..11 source words.
struct Shape {
  bool subject_adj = false, object_adj = false, place = false, place_adj = false;
  int words() const { return 5 + subject_adj + object_adj + (place ? 3 + place_adj : 0); }
};
constexpr int kMinSentenceWords = 5, kMaxSentenceWords = 11;

std::vector<Shape> shapes_within(int min_words, int max_words) {
  std::vector<Shape> shapes;
  for (int place = 0; place < 3; ++place)
    for (int s = 0; s < 2; ++s)
      for (int o = 0; o < 2; ++o) {
        Shape shape;
        shape.subject_adj = s == 1;
        shape.object_adj = o == 1;
        shape.place = place > 0;
        shape.place_adj = place == 2;
        if (shape.words() >= min_words && shape.words() <= max_words) shapes.push_back(shape);
      }
  return shapes;
}

struct NounPhrase {
  int noun = 0, adj = -1;  // adj -1: none
  bool plural = false, definite = false;
};

uint64_t phrase_count(bool with_adj) { return 4 * kNounCount * (with_adj ? kAdjectiveCount : 1); }

uint64_t shape_count(const Shape& s) {
  uint64_t n = phrase_count(s.subject_adj) * kVerbCount * phrase_count(s.object_adj);
  if (s.place) n *= kPrepositionCount * phrase_count(s.place_adj);
  return n;
}

// Mixed-radix decoding; `index` is consumed.
NounPhrase phrase_at(uint64_t& index, bool with_adj) {
  NounPhrase p;
  p.plural = index % 2 == 1;
  index /= 2;
  p.definite = index % 2 == 1;
  index /= 2;
  p.noun = int(index % kNounCount);
  index /= kNounCount;
  if (with_adj) {
    p.adj = int(index % kAdjectiveCount);
    index /= kAdjectiveCount;
  }
  return p;
}

NounPhrase phrase_sample(Rng& rng, bool with_adj) {
  NounPhrase p;
  p.plural = below(rng, 2) == 1;
  p.definite = below(rng, 2) == 1;
  p.noun = int(below(rng, kNounCount));
  if (with_adj) p.adj = int(below(rng, kAdjectiveCount));
  return p;
}

struct Sentence {
  NounPhrase subject, object, place;
  int verb = 0, preposition = -1;  // preposition -1: no place phrase
};

void add_word(std::string& out, const std::string& word) {
  if (!out.empty()) out += ' ';
  out += word;
}

void english_phrase(const NounPhrase& p, std::string& out) {
  const Noun& noun = kNouns[p.noun];
  const std::string head = p.adj >= 0 ? kAdjectives[p.adj].source : (p.plural ? noun.plural : noun.singular);
  const bool vowel = head.find_first_of("aeiou") == 0;
  add_word(out, p.plural ? (p.definite ? "the" : "some") : (p.definite ? "the" : (vowel ? "an" : "a")));
  if (p.adj >= 0) add_word(out, kAdjectives[p.adj].source);
  add_word(out, p.plural ? noun.plural : noun.singular);
}

void target_phrase(const NounPhrase& p, bool object, std::string& out) {
  static const char* const kSuffixes[2][2] = {{"-ne", "-ka"}, {"-nir", "-kar"}};  // [plural][definite]
  std::string words = std::string(kNouns[p.noun].target) + kSuffixes[p.plural][p.definite];
  if (p.adj >= 0) words += std::string(" ") + kAdjectives[p.adj].target;
  if (object) words += "-o";  // on the phrase's last word, adjective or noun
  add_word(out, words);
}

Example render(const Sentence& s) {
  Example e;
  english_phrase(s.subject, e.source);
  add_word(e.source, s.subject.plural ? kVerbs[s.verb].plural : kVerbs[s.verb].singular);
  english_phrase(s.object, e.source);
  target_phrase(s.subject, false, e.target);
  if (s.preposition >= 0) {
    add_word(e.source, kPrepositions[s.preposition].source);
    english_phrase(s.place, e.source);
    target_phrase(s.place, false, e.target);
    add_word(e.target, kPrepositions[s.preposition].target);
  }
  target_phrase(s.object, true, e.target);
  add_word(e.target, std::string(kVerbs[s.verb].target) + (s.subject.plural ? "-tu" : "-ta"));
  return e;
}

Example sentence_at(const std::vector<Shape>& shapes, uint64_t index) {
  Shape shape;
  for (const Shape& s : shapes) {
    shape = s;
    if (index < shape_count(s)) break;
    index -= shape_count(s);
  }
  Sentence sentence;
  sentence.subject = phrase_at(index, shape.subject_adj);
  sentence.verb = int(index % kVerbCount);
  index /= kVerbCount;
  sentence.object = phrase_at(index, shape.object_adj);
  if (shape.place) {
    sentence.preposition = int(index % kPrepositionCount);
    index /= kPrepositionCount;
    sentence.place = phrase_at(index, shape.place_adj);
  }
  return render(sentence);
}

Example sentence_sample(const std::vector<Shape>& shapes, Rng& rng) {
  // Shape first, uniformly, so every allowed sentence length is common.
  const Shape& shape = shapes[below(rng, shapes.size())];
  Sentence sentence;
  sentence.subject = phrase_sample(rng, shape.subject_adj);
  sentence.verb = int(below(rng, kVerbCount));
  sentence.object = phrase_sample(rng, shape.object_adj);
  if (shape.place) {
    sentence.preposition = int(below(rng, kPrepositionCount));
    sentence.place = phrase_sample(rng, shape.place_adj);
  }
  return render(sentence);
}

// ---------------------------------------------------------------------------------------------------------
// One interface over the generated tasks: a sampler with the task's intended distribution, and a listing by
// index of every source it can produce (several indices may spell the same source, e.g. "13 May 2001" as
// "D Month YYYY" and "DD Month YYYY").

class Generator {
 public:
  explicit Generator(const TaskSpec& spec) : spec_(spec) {
    if (spec.kind == TaskKind::Translation) shapes_ = shapes_within(spec.min_len, spec.max_len);
  }

  // Number of indices: an upper bound on the distinct sources, saturating at kHuge.
  uint64_t size() const {
    switch (spec_.kind) {
      case TaskKind::Addition: {
        const uint64_t n = operand_space(spec_);
        return sat_mul(n, n);
      }
      case TaskKind::Dates: return uint64_t(kDayCount) * kDateFormats;
      case TaskKind::Translation: {
        uint64_t n = 0;
        for (const Shape& s : shapes_) n = sat_add(n, shape_count(s));
        return n;
      }
      default: return symbol_space(spec_);
    }
  }

  Example sample(Rng& rng) const {
    switch (spec_.kind) {
      case TaskKind::Addition: {
        std::string a = operand_sample(spec_, rng);
        return addition(std::move(a), operand_sample(spec_, rng));
      }
      case TaskKind::Dates: {
        const int day = int(below(rng, kDayCount));
        return date_example(day, int(below(rng, kDateFormats)));
      }
      case TaskKind::Translation: return sentence_sample(shapes_, rng);
      default: return symbol_sample(spec_, rng);
    }
  }

  Example at(uint64_t index) const {
    switch (spec_.kind) {
      case TaskKind::Addition: {
        const uint64_t n = operand_space(spec_);
        return addition(operand_at(spec_, index / n), operand_at(spec_, index % n));
      }
      case TaskKind::Dates: return date_example(int(index / kDateFormats), int(index % kDateFormats));
      case TaskKind::Translation: return sentence_at(shapes_, index);
      default: return symbol_at(spec_, index);
    }
  }

 private:
  TaskSpec spec_;
  std::vector<Shape> shapes_;
};

Status check_range(const char* task, const char* field, int value, int lo, int hi) {
  if (value >= lo && value <= hi) return Status::ok();
  return Status::error(std::string(task) + ": " + field + " must be between " + std::to_string(lo) + " and " +
                       std::to_string(hi) + " (got " + std::to_string(value) + ")");
}

Status check_lengths(const char* task, const TaskSpec& spec, int hi) {
  RP_TRY(check_range(task, "min_len", spec.min_len, 1, hi));
  RP_TRY(check_range(task, "max_len", spec.max_len, 1, hi));
  if (spec.min_len > spec.max_len)
    return Status::error(std::string(task) + ": min_len (" + std::to_string(spec.min_len) +
                         ") must not exceed max_len (" + std::to_string(spec.max_len) + ")");
  return Status::ok();
}

bool is_blank(std::string_view line) { return line.find_first_not_of(' ') == std::string_view::npos; }

// Decodes without failing: each byte that does not start a valid sequence becomes `bad`, which is not a
// Unicode scalar value and so never equals a real character.
std::u32string lenient_decode(std::string_view s, char32_t bad) {
  std::u32string out;
  size_t pos = 0;
  while (pos < s.size()) {
    char32_t cp = 0;
    const size_t n = utf8::decode_one(s, pos, cp);
    out.push_back(n == 0 ? bad : cp);
    pos += n == 0 ? 1 : n;
  }
  return out;
}

}  // namespace

const std::vector<TaskInfo>& tasks() {
  static const std::vector<TaskInfo> rows = {
      {TaskKind::Reverse, "reverse", "Reverse",
       "Write the letters backwards. The first output letter is the last input letter, as far away as it gets: the "
       "classic case for attention, and the clearest picture of it (an anti-diagonal).",
       "dbhacg", "gcahbd", {"min_len", "max_len", "alphabet", "train_size", "held_size"}, "letters", 3, 20},
      {TaskKind::Sort, "sort", "Sort",
       "Sort the letters alphabetically. No output letter comes from one fixed place: the model has to count how "
       "many of each letter it has read.",
       "dbhacg", "abcdgh", {"min_len", "max_len", "alphabet", "train_size", "held_size"}, "letters", 3, 12},
      {TaskKind::CopyDelay, "copy", "Copy with delay",
       "Write a few underscores, then copy the input. Easy with attention (a diagonal shifted by the delay); without "
       "it, the whole input must survive in one fixed-size state.",
       "dbhac", "___dbhac", {"min_len", "max_len", "alphabet", "delay", "train_size", "held_size"}, "letters", 3, 20},
      {TaskKind::Addition, "add", "Addition",
       "Add two whole numbers written in decimal. Carries run from right to left, against the reading order, so the "
       "model must line the digits up.",
       "123+45", "168", {"min_len", "max_len", "train_size", "held_size"}, "digits per number", 1, 4},
      {TaskKind::Dates, "dates", "Dates",
       "Rewrite a date given in one of 16 styles (“3 May 1999”, “05/03/99”, “Monday, 3 May "
       "1999”, …) as YYYY-MM-DD. Two-digit years 50–99 are 19xx, 00–49 are 20xx.",
       "the 3rd of May, 1999", "1999-05-03", {"train_size", "held_size"}, "", 0, 0},
      {TaskKind::Translation, "translate", "Toy translation",
       "Translate a tiny English-like language (subject, verb, object) into an invented one that puts the verb last "
       "and marks nouns with suffixes. Attention has to jump around, not sweep.",
       "the big dog sees some cats under an old tree", "vuma-ka grom nolu-ne ebo pem miso-nir-o nami-ta",
       {"min_len", "max_len", "train_size", "held_size"}, "words (sentences have 5–11)", 5, 11},
      {TaskKind::Pairs, "pairs", "Your own pairs",
       "Your own examples: one “source<TAB>target” pair per line (paste them or upload a .tsv). They are "
       "split into training and held-out pairs by the seed; pairs with the same source stay on the same side.",
       "colour", "color", {"held_fraction"}, "", 0, 0},
  };
  return rows;
}

const char* task_name(TaskKind kind) {
  for (const TaskInfo& t : tasks())
    if (t.kind == kind) return t.name;
  return "unknown";
}

bool parse_task(std::string_view name, TaskKind& out) {
  for (const TaskInfo& t : tasks())
    if (name == t.name) {
      out = t.kind;
      return true;
    }
  return false;
}

std::string task_names() {
  std::string names;
  for (const TaskInfo& t : tasks()) {
    if (!names.empty()) names += ", ";
    names += t.name;
  }
  return names;
}

Status validate(const TaskSpec& spec) {
  const char* task = task_name(spec.kind);
  switch (spec.kind) {
    case TaskKind::Reverse:
    case TaskKind::Sort:
    case TaskKind::CopyDelay:
      RP_TRY(check_range(task, "alphabet", spec.alphabet, 2, 26));
      RP_TRY(check_lengths(task, spec, kMaxSymbols));
      if (spec.kind == TaskKind::CopyDelay) RP_TRY(check_range(task, "delay", spec.delay, 0, kMaxSymbols));
      return Status::ok();
    case TaskKind::Addition: return check_lengths(task, spec, kMaxDigits);
    case TaskKind::Dates: return Status::ok();
    case TaskKind::Translation:
      RP_TRY(check_lengths(task, spec, 1000));
      if (spec.max_len < kMinSentenceWords || spec.min_len > kMaxSentenceWords)
        return Status::error("translate: sentences have " + std::to_string(kMinSentenceWords) + " to " +
                             std::to_string(kMaxSentenceWords) + " words, none within min_len..max_len = " +
                             std::to_string(spec.min_len) + ".." + std::to_string(spec.max_len));
      return Status::ok();
    case TaskKind::Pairs: return Status::ok();
  }
  return Status::error("unknown task; the tasks are " + task_names());
}

Status generate(const TaskSpec& spec, uint64_t seed, int n_train, int n_held, std::vector<Example>& train,
                std::vector<Example>& held) {
  train.clear();
  held.clear();
  RP_TRY(validate(spec));
  if (spec.kind == TaskKind::Pairs)
    return Status::error("pairs: examples come from a file, not a generator (use parse_pairs and split_pairs)");
  if (n_train < 0 || n_held < 0)
    return Status::error("example counts must not be negative (n_train " + std::to_string(n_train) + ", n_held " +
                         std::to_string(n_held) + ")");
  const int64_t need = int64_t(n_train) + n_held;
  if (need > kMaxExamples)
    return Status::error("at most " + std::to_string(kMaxExamples) + " examples can be generated (asked for " +
                         std::to_string(need) + ")");

  const Generator gen(spec);
  const uint64_t space = gen.size();
  Rng rng(seed);
  std::vector<Example> picked;
  picked.reserve(size_t(need));
  std::unordered_set<std::string> seen;  // only membership is asked, so its hash order cannot leak into results
  seen.reserve(size_t(need));

  // Sampling keeps each task's intended distribution (e.g. uniform lengths). When most of a small space is
  // wanted, rejection would crawl, so the whole space is listed instead.
  const bool list_only = space <= kListLimit && uint64_t(need) * 2 > space;
  if (!list_only) {
    // Generous when failing would be final; short when listing can take over the remainder.
    const int64_t max_draws = space <= kListLimit ? 4 * need + 1000 : 64 * need + 10000;
    for (int64_t draw = 0; draw < max_draws && int64_t(picked.size()) < need; ++draw) {
      Example e = gen.sample(rng);
      if (seen.insert(e.source).second) picked.push_back(std::move(e));
    }
  }
  if (int64_t(picked.size()) < need) {
    if (space > kListLimit)
      return Status::error(std::string(task_name(spec.kind)) + ": found only " + std::to_string(picked.size()) +
                           " distinct examples of the " + std::to_string(need) +
                           " requested; ask for fewer or widen the spec");
    std::vector<Example> rest;
    seen.reserve(size_t(space));
    for (uint64_t i = 0; i < space; ++i) {
      Example e = gen.at(i);
      if (seen.insert(e.source).second) rest.push_back(std::move(e));
    }
    const int64_t distinct = int64_t(picked.size() + rest.size());
    if (distinct < need)
      return Status::error(std::string(task_name(spec.kind)) + ": only " + std::to_string(distinct) +
                           " distinct examples are possible with this spec, but " + std::to_string(need) +
                           " were requested (" + std::to_string(n_train) + " training + " +
                           std::to_string(n_held) + " held-out)");
    fisher_yates(rest, rng);
    rest.resize(size_t(need) - picked.size());
    for (Example& e : rest) picked.push_back(std::move(e));
    fisher_yates(picked, rng);  // so the held-out part is not just the listed remainder
  }
  const auto split = picked.begin() + n_train;
  train.assign(std::make_move_iterator(picked.begin()), std::make_move_iterator(split));
  held.assign(std::make_move_iterator(split), std::make_move_iterator(picked.end()));
  return Status::ok();
}

Status parse_pairs(std::string_view tsv, std::vector<Example>& out) {
  out.clear();
  std::vector<Example> pairs;
  size_t pos = 0;
  if (tsv.substr(0, 3) == "\xEF\xBB\xBF") pos = 3;  // byte order mark from some Windows editors
  int64_t line_no = 0;
  while (pos < tsv.size()) {
    size_t end = tsv.find('\n', pos);
    if (end == std::string_view::npos) end = tsv.size();
    std::string_view line = tsv.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (is_blank(line)) continue;
    const std::string where = "line " + std::to_string(line_no) + ": ";
    if (line.size() > kMaxLineBytes)
      return Status::error(where + "longer than " + std::to_string(kMaxLineBytes) + " bytes (" +
                           std::to_string(line.size()) + ")");
    for (size_t at = 0; at < line.size();) {
      char32_t cp = 0;
      const size_t n = utf8::decode_one(line, at, cp);
      if (n == 0) return Status::error(where + "invalid UTF-8 at byte " + std::to_string(at) + " of the line");
      at += n;
    }
    const size_t tabs = size_t(std::count(line.begin(), line.end(), '\t'));
    if (tabs != 1)
      return Status::error(where + "expected exactly one tab between source and target, found " +
                           std::to_string(tabs));
    const size_t tab = line.find('\t');
    if (tab == 0) return Status::error(where + "empty source");
    if (tab + 1 == line.size()) return Status::error(where + "empty target");
    if (pairs.size() == kMaxPairs)
      return Status::error(where + "more than " + std::to_string(kMaxPairs) + " pairs");
    pairs.push_back(Example{std::string(line.substr(0, tab)), std::string(line.substr(tab + 1))});
  }
  if (pairs.empty()) return Status::error("no source<TAB>target pairs in the input");
  out = std::move(pairs);
  return Status::ok();
}

void split_pairs(const std::vector<Example>& all, double held_fraction, uint64_t seed, std::vector<Example>& train,
                 std::vector<Example>& held) {
  train.clear();
  held.clear();
  const size_t n = all.size();
  double fraction = held_fraction > 0 ? held_fraction : 0;  // also maps NaN to 0
  if (fraction > 1) fraction = 1;
  size_t want = size_t(fraction * double(n) + 0.5);
  if (n < 2) want = 0;
  else want = std::min(std::max<size_t>(want, 1), n - 1);

  // Groups of pairs sharing a source, in order of first appearance.
  std::unordered_map<std::string_view, size_t> group_of;
  std::vector<std::vector<size_t>> groups;
  for (size_t i = 0; i < n; ++i) {
    const auto found = group_of.emplace(all[i].source, groups.size());
    if (found.second) groups.emplace_back();
    groups[found.first->second].push_back(i);
  }

  Rng rng(seed);
  std::vector<char> is_held(n, 0);
  if (want > 0 && groups.size() >= 2) {
    std::vector<size_t> order(groups.size());
    for (size_t g = 0; g < order.size(); ++g) order[g] = g;
    fisher_yates(order, rng);
    size_t taken = 0;
    for (size_t g : order)
      if (taken + groups[g].size() <= want) {
        for (size_t i : groups[g]) is_held[i] = 1;
        taken += groups[g].size();
      }
    if (taken == 0) {
      // Every group is bigger than the target: hold out the smallest one, which leaves training non-empty.
      size_t best = order[0];
      for (size_t g : order)
        if (groups[g].size() < groups[best].size()) best = g;
      for (size_t i : groups[best]) is_held[i] = 1;
    }
  } else if (want > 0) {
    // A single source repeated: keeping it on one side would leave the other empty, so split the pairs.
    std::vector<size_t> order(n);
    for (size_t i = 0; i < n; ++i) order[i] = i;
    fisher_yates(order, rng);
    for (size_t k = 0; k < want; ++k) is_held[order[k]] = 1;
  }
  for (size_t i = 0; i < n; ++i) (is_held[i] ? held : train).push_back(all[i]);
}

Accuracy score(const std::vector<std::string>& predictions, const std::vector<Example>& examples) {
  Accuracy acc;
  acc.count = int(examples.size());
  if (examples.empty()) return acc;
  int64_t exact = 0, matched = 0, positions = 0;
  for (size_t i = 0; i < examples.size(); ++i) {
    const std::string_view pred = i < predictions.size() ? std::string_view(predictions[i]) : std::string_view();
    const std::string& target = examples[i].target;
    if (pred == target) ++exact;
    // Different non-characters for the two sides, so two broken bytes never count as a match.
    const std::u32string p = lenient_decode(pred, 0x110000), t = lenient_decode(target, 0x110001);
    const size_t common = std::min(p.size(), t.size());
    for (size_t k = 0; k < common; ++k) matched += p[k] == t[k];
    positions += int64_t(std::max(p.size(), t.size()));
  }
  acc.exact = double(exact) / double(examples.size());
  acc.per_char = positions > 0 ? double(matched) / double(positions) : 1.0;
  return acc;
}

}  // namespace rp::seq2seq
