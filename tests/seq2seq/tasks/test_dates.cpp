// Dates (engine/seq2seq/tasks/dates.cpp): every spelling read back by an independent reader.
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

}  // namespace

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
