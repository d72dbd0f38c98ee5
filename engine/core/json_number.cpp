// JSON number text: the grammar check, exact integer magnitudes, and double <-> text.
#include "engine/core/json_number.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <limits>

namespace rp::json::detail {

// Checks the RFC 8259 number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
bool is_number_text(std::string_view s) {
  size_t i = 0;
  if (i < s.size() && s[i] == '-') ++i;
  if (i >= s.size() || !is_digit(s[i])) return false;
  if (s[i] == '0') {
    ++i;
  } else {
    while (i < s.size() && is_digit(s[i])) ++i;
  }
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (i >= s.size() || !is_digit(s[i])) return false;
    while (i < s.size() && is_digit(s[i])) ++i;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (i >= s.size() || !is_digit(s[i])) return false;
    while (i < s.size() && is_digit(s[i])) ++i;
  }
  return i == s.size();
}

namespace {

// Splits valid number text into sign, significant digits and a power of ten, so that
// value = (negative ? -1 : 1) * digits * 10^exponent with no leading or trailing zeros in digits
// (digits empty means zero). The exponent saturates far beyond anything a double or int64 can hold.
struct Decimal {
  bool negative = false;
  std::string_view int_part;
  std::string_view frac_part;
  int64_t exp = 0;  // the written exponent, saturated to +-kExpCap
};

constexpr int64_t kExpCap = 1000000000;

Decimal split_number(std::string_view s) {
  Decimal d;
  size_t i = 0;
  if (s[i] == '-') {
    d.negative = true;
    ++i;
  }
  size_t start = i;
  while (i < s.size() && is_digit(s[i])) ++i;
  d.int_part = s.substr(start, i - start);
  if (i < s.size() && s[i] == '.') {
    start = ++i;
    while (i < s.size() && is_digit(s[i])) ++i;
    d.frac_part = s.substr(start, i - start);
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    bool neg_exp = false;
    if (s[i] == '+' || s[i] == '-') neg_exp = s[i++] == '-';
    int64_t e = 0;
    for (; i < s.size(); ++i) {
      if (e < kExpCap) e = e * 10 + (s[i] - '0');
    }
    if (e > kExpCap) e = kExpCap;
    d.exp = neg_exp ? -e : e;
  }
  return d;
}

}  // namespace

// Exact magnitude of an integral number, or false when it has a fractional part or exceeds uint64.
bool integral_magnitude(std::string_view raw, bool& negative, uint64_t& magnitude) {
  if (!is_number_text(raw)) return false;
  const Decimal d = split_number(raw);
  negative = d.negative;
  // Significant digits are int_part followed by frac_part; find the first and last non-zero ones.
  const size_t total = d.int_part.size() + d.frac_part.size();
  auto digit_at = [&](size_t k) { return k < d.int_part.size() ? d.int_part[k] : d.frac_part[k - d.int_part.size()]; };
  size_t first = 0;
  while (first < total && digit_at(first) == '0') ++first;
  if (first == total) {
    magnitude = 0;
    return true;
  }
  size_t last = total;
  while (digit_at(last - 1) == '0') --last;
  // Power of ten applied to the digit run [first, last).
  const int64_t trailing_zeros = static_cast<int64_t>(total - last);
  const int64_t pow10 = d.exp - static_cast<int64_t>(d.frac_part.size()) + trailing_zeros;
  if (pow10 < 0) return false;  // the last non-zero digit sits right of the decimal point
  const int64_t width = static_cast<int64_t>(last - first) + pow10;
  if (width > 20) return false;  // 2^64 has 20 digits
  uint64_t m = 0;
  const uint64_t max = std::numeric_limits<uint64_t>::max();
  for (size_t k = first; k < last; ++k) {
    const uint64_t digit = static_cast<uint64_t>(digit_at(k) - '0');
    if (m > (max - digit) / 10) return false;
    m = m * 10 + digit;
  }
  for (int64_t k = 0; k < pow10; ++k) {
    if (m > max / 10) return false;
    m *= 10;
  }
  magnitude = m;
  return true;
}

// Double <-> text goes through strtod and snprintf rather than std::from_chars / std::to_chars: the
// floating-point overloads of those are missing (deleted) in the libc++ of our WebAssembly toolchain
// (Emscripten 3.1.6). Both C functions depend on the locale's decimal point; this code assumes the "C"
// locale, which every program here runs in (none switches it; cli/rnn.cpp even pins LC_ALL to "C").
// Under a locale with ',' as decimal point, strtod would stop at '.' and snprintf would write ','.

// strtod on NUL-terminated text, leaving the caller's errno untouched. `range_error` reports ERANGE
// (overflow: the result is +-HUGE_VAL; underflow: the result is a subnormal or a signed zero).
double c_strtod(const char* text, char** end, bool& range_error) {
  const int saved_errno = errno;
  errno = 0;
  const double d = std::strtod(text, end);
  range_error = errno == ERANGE;
  errno = saved_errno;
  return d;
}

// Shortest of "%.15g", "%.16g", "%.17g" that reads back as exactly `d` (17 significant digits always
// do). `d` must be finite. The output is valid JSON number text, e.g. "0.5", "-0", "1e+20", "1e-05".
std::string shortest_double(double d) {
  char buf[40];  // "%.17g" needs at most 24 characters ("-1.2345678901234567e-308")
  for (int precision = 15; precision <= 17; ++precision) {
    const int n = std::snprintf(buf, sizeof(buf), "%.*g", precision, d);
    if (n <= 0 || static_cast<size_t>(n) >= sizeof(buf)) return std::string();
    bool range_error = false;  // denormals read back with ERANGE; only the value matters here
    if (precision == 17 || c_strtod(buf, nullptr, range_error) == d) {
      return std::string(buf, static_cast<size_t>(n));
    }
  }
  return std::string();  // unreachable
}

}  // namespace rp::json::detail
