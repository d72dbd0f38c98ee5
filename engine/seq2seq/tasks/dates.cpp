// dates: a day from 1950-01-01 to 2049-12-31 in one of kDateFormats spellings -> ISO "YYYY-MM-DD".
// The two-digit slash form is month first, as in the lectures' example ("05/03/99" is 3 May 1999); the
// dotted and dashed numeric forms are day first (D.M.YYYY, DD-MM-YYYY) and "YYYY/MM/DD" is year first. Each
// separator and field width has one reading, so no source can be read two ways. Two-digit years are 50-99 -> 19xx and 00-49 -> 20xx, which is exactly
// the range generated.
#include <memory>
#include <string>

#include "engine/seq2seq/tasks/draw.hpp"
#include "engine/seq2seq/tasks/generator.hpp"

namespace rp::seq2seq::detail {

namespace {

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

class Dates final : public Generator {
 public:
  uint64_t size() const override { return uint64_t(kDayCount) * kDateFormats; }

  Example sample(Rng& rng) const override {
    const int day = int(below(rng, kDayCount));
    return date_example(day, int(below(rng, kDateFormats)));
  }

  Example at(uint64_t index) const override {
    return date_example(int(index / kDateFormats), int(index % kDateFormats));
  }
};

}  // namespace

std::unique_ptr<Generator> date_generator() { return std::make_unique<Dates>(); }

}  // namespace rp::seq2seq::detail
