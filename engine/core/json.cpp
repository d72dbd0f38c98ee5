#include "engine/core/json.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>

#include "engine/core/utf8.hpp"

namespace rp::json {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

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

class Parser {
 public:
  Parser(std::string_view text, size_t max_values) : text_(text), values_left_(max_values) {}

  Status run(Value& out) {
    skip_ws();
    RP_TRY(parse_value(out, 0));
    skip_ws();
    if (pos_ < text_.size()) return fail("unexpected trailing characters", pos_);
    return Status::ok();
  }

 private:
  Status fail(const std::string& what, size_t at) const {
    return Status::error("JSON: " + what + " at byte " + std::to_string(at));
  }

  // Names whatever sits at `at`: end of input, a character, or a raw byte that is not UTF-8.
  Status unexpected(size_t at) const {
    if (at >= text_.size()) return fail("unexpected end of input", at);
    char32_t cp = 0;
    if (utf8::decode_one(text_, at, cp) == 0) {
      static const char kHex[] = "0123456789ABCDEF";
      const unsigned char b = static_cast<unsigned char>(text_[at]);
      std::string byte = "0x";
      byte += kHex[b >> 4];
      byte += kHex[b & 0xF];
      return fail("invalid UTF-8 byte " + byte, at);
    }
    return fail("unexpected character " + utf8::describe(cp), at);
  }

  Status expect(char c) {
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return Status::ok();
    }
    return fail(std::string("expected '") + c + "'", pos_);
  }

  void skip_ws() {
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
      ++pos_;
    }
  }

  bool starts_with(std::string_view word) const { return text_.substr(pos_, word.size()) == word; }

  Status parse_value(Value& out, int depth) {
    if (pos_ >= text_.size()) return unexpected(pos_);
    if (values_left_ == 0) return fail("too many values", pos_);
    --values_left_;
    const char c = text_[pos_];
    switch (c) {
      case '{': return parse_object(out, depth + 1);
      case '[': return parse_array(out, depth + 1);
      case '"':
        out.kind = Kind::String;
        return parse_string(out.string);
      case 't': return parse_literal("true", out, Kind::Bool, true);
      case 'f': return parse_literal("false", out, Kind::Bool, false);
      case 'n': return parse_literal("null", out, Kind::Null, false);
      case '/': return fail("comments are not allowed", pos_);
      default: break;
    }
    if (c == '-' || is_digit(c)) {
      if (starts_with("-Infinity")) return fail("Infinity is not allowed", pos_);
      return parse_number(out);
    }
    if (starts_with("NaN")) return fail("NaN is not allowed", pos_);
    if (starts_with("Infinity")) return fail("Infinity is not allowed", pos_);
    return unexpected(pos_);
  }

  Status parse_literal(std::string_view word, Value& out, Kind kind, bool b) {
    if (!starts_with(word)) return fail("invalid literal", pos_);
    pos_ += word.size();
    out.kind = kind;
    out.boolean = b;
    return Status::ok();
  }

  Status parse_number(Value& out) {
    const size_t start = pos_;
    if (text_[pos_] == '-') ++pos_;
    if (pos_ >= text_.size() || !is_digit(text_[pos_])) return fail("expected digit after '-'", pos_);
    if (text_[pos_] == '0') {
      ++pos_;
      if (pos_ < text_.size() && is_digit(text_[pos_])) return fail("leading zero in number", start);
    } else {
      while (pos_ < text_.size() && is_digit(text_[pos_])) ++pos_;
    }
    if (pos_ < text_.size() && text_[pos_] == '.') {
      ++pos_;
      if (pos_ >= text_.size() || !is_digit(text_[pos_])) return fail("expected digit after '.'", pos_);
      while (pos_ < text_.size() && is_digit(text_[pos_])) ++pos_;
    }
    if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-')) ++pos_;
      if (pos_ >= text_.size() || !is_digit(text_[pos_])) return fail("expected digit in exponent", pos_);
      while (pos_ < text_.size() && is_digit(text_[pos_])) ++pos_;
    }
    const std::string_view raw = text_.substr(start, pos_ - start);
    // raw matched the JSON number grammar above, so strtod sees no whitespace, hex, "inf" or "nan"
    // and, in the "C" locale (see c_strtod), reads exactly these characters.
    const std::string text(raw);  // strtod needs a NUL terminator; text_ is a view into the middle
    char* end = nullptr;
    bool range_error = false;
    const double d = c_strtod(text.c_str(), &end, range_error);
    if (end != text.c_str() + text.size()) return fail("invalid number", start);
    // Overflow cannot be represented and is refused; underflow quietly becomes the nearest subnormal
    // or a zero of the right sign, which is what strtod already returned.
    if (range_error && std::fabs(d) == HUGE_VAL) return fail("number out of range", start);
    out.kind = Kind::Number;
    out.number = d;
    out.raw.assign(raw.data(), raw.size());
    return Status::ok();
  }

  Status parse_hex4(size_t at, uint32_t& value) const {
    if (at > text_.size() || text_.size() - at < 4) return fail("truncated \\u escape", at);
    value = 0;
    for (size_t i = 0; i < 4; ++i) {
      const char c = text_[at + i];
      uint32_t v;
      if (c >= '0' && c <= '9') v = static_cast<uint32_t>(c - '0');
      else if (c >= 'a' && c <= 'f') v = static_cast<uint32_t>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F') v = static_cast<uint32_t>(c - 'A' + 10);
      else return fail("invalid hex digit in \\u escape", at + i);
      value = (value << 4) | v;
    }
    return Status::ok();
  }

  Status parse_string(std::string& out) {
    out.clear();
    ++pos_;  // opening quote
    while (true) {
      if (pos_ >= text_.size()) return fail("unterminated string", pos_);
      const unsigned char c = static_cast<unsigned char>(text_[pos_]);
      if (c == '"') {
        ++pos_;
        return Status::ok();
      }
      if (c < 0x20) return fail("control character in string", pos_);
      if (c == '\\') {
        RP_TRY(parse_escape(out));
        continue;
      }
      if (c < 0x80) {
        out += static_cast<char>(c);
        ++pos_;
        continue;
      }
      char32_t cp = 0;
      const size_t n = utf8::decode_one(text_, pos_, cp);
      if (n == 0) return fail("invalid UTF-8 in string", pos_);
      out.append(text_.data() + pos_, n);
      pos_ += n;
    }
  }

  Status parse_escape(std::string& out) {
    const size_t start = pos_;
    ++pos_;
    if (pos_ >= text_.size()) return fail("unterminated string", pos_);
    const char e = text_[pos_++];
    switch (e) {
      case '"': out += '"'; return Status::ok();
      case '\\': out += '\\'; return Status::ok();
      case '/': out += '/'; return Status::ok();
      case 'b': out += '\b'; return Status::ok();
      case 'f': out += '\f'; return Status::ok();
      case 'n': out += '\n'; return Status::ok();
      case 'r': out += '\r'; return Status::ok();
      case 't': out += '\t'; return Status::ok();
      case 'u': break;
      default: return fail("invalid escape", start);
    }
    uint32_t unit = 0;
    RP_TRY(parse_hex4(pos_, unit));
    pos_ += 4;
    if (unit >= 0xDC00 && unit <= 0xDFFF) return fail("lone surrogate in \\u escape", start);
    if (unit >= 0xD800 && unit <= 0xDBFF) {
      // A high surrogate is only meaningful directly followed by an escaped low surrogate.
      if (!starts_with("\\u")) return fail("lone surrogate in \\u escape", start);
      uint32_t low = 0;
      RP_TRY(parse_hex4(pos_ + 2, low));
      if (low < 0xDC00 || low > 0xDFFF) return fail("lone surrogate in \\u escape", start);
      pos_ += 6;
      unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
    }
    utf8::append(static_cast<char32_t>(unit), out);
    return Status::ok();
  }

  Status parse_array(Value& out, int depth) {
    if (depth > kMaxDepth) return fail("nesting deeper than " + std::to_string(kMaxDepth), pos_);
    out.kind = Kind::Array;
    out.array.clear();
    ++pos_;  // '['
    skip_ws();
    if (pos_ < text_.size() && text_[pos_] == ']') {
      ++pos_;
      return Status::ok();
    }
    while (true) {
      skip_ws();
      if (pos_ < text_.size() && text_[pos_] == ']') return fail("trailing comma", pos_);
      out.array.emplace_back();
      RP_TRY(parse_value(out.array.back(), depth));
      skip_ws();
      if (pos_ < text_.size() && text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (pos_ < text_.size() && text_[pos_] == ']') {
        ++pos_;
        return Status::ok();
      }
      if (pos_ >= text_.size()) return unexpected(pos_);
      return fail("expected ',' or ']'", pos_);
    }
  }

  Status parse_object(Value& out, int depth) {
    if (depth > kMaxDepth) return fail("nesting deeper than " + std::to_string(kMaxDepth), pos_);
    out.kind = Kind::Object;
    out.object.clear();
    std::vector<size_t> key_offsets;  // for duplicate-key messages
    ++pos_;  // '{'
    skip_ws();
    if (pos_ < text_.size() && text_[pos_] == '}') {
      ++pos_;
      return Status::ok();
    }
    while (true) {
      skip_ws();
      if (pos_ < text_.size() && text_[pos_] == '}') return fail("trailing comma", pos_);
      if (pos_ >= text_.size()) return unexpected(pos_);
      if (text_[pos_] != '"') return fail("expected string key", pos_);
      key_offsets.push_back(pos_);
      out.object.emplace_back();
      RP_TRY(parse_string(out.object.back().first));
      skip_ws();
      RP_TRY(expect(':'));
      skip_ws();
      RP_TRY(parse_value(out.object.back().second, depth));
      skip_ws();
      if (pos_ < text_.size() && text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (pos_ < text_.size() && text_[pos_] == '}') {
        ++pos_;
        break;
      }
      if (pos_ >= text_.size()) return unexpected(pos_);
      return fail("expected ',' or '}'", pos_);
    }
    return check_duplicates(out, key_offsets);
  }

  // Sorting indices keeps this O(n log n) even for headers with many thousands of tensors.
  Status check_duplicates(const Value& obj, const std::vector<size_t>& key_offsets) const {
    const size_t n = obj.object.size();
    if (n < 2) return Status::ok();
    std::vector<size_t> order(n);
    for (size_t i = 0; i < n; ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      const int c = obj.object[a].first.compare(obj.object[b].first);
      return c != 0 ? c < 0 : a < b;
    });
    // Report the earliest repeated occurrence in document order.
    size_t worst = n;
    for (size_t i = 1; i < n; ++i) {
      if (obj.object[order[i]].first == obj.object[order[i - 1]].first && order[i] < worst) worst = order[i];
    }
    if (worst == n) return Status::ok();
    return fail("duplicate key " + quote(obj.object[worst].first), key_offsets[worst]);
  }

  std::string_view text_;
  size_t values_left_;
  size_t pos_ = 0;
};

void dump_to(const Value& v, std::string& out) {
  switch (v.kind) {
    case Kind::Null: out += "null"; return;
    case Kind::Bool: out += v.boolean ? "true" : "false"; return;
    case Kind::Number: {
      if (!v.raw.empty() && is_number_text(v.raw)) {
        out += v.raw;
      } else if (std::isfinite(v.number)) {
        out += shortest_double(v.number);
      } else {
        out += "null";  // JSON has no NaN or Infinity
      }
      return;
    }
    case Kind::String: out += quote(v.string); return;
    case Kind::Array: {
      out += '[';
      for (size_t i = 0; i < v.array.size(); ++i) {
        if (i) out += ',';
        dump_to(v.array[i], out);
      }
      out += ']';
      return;
    }
    case Kind::Object: {
      out += '{';
      for (size_t i = 0; i < v.object.size(); ++i) {
        if (i) out += ',';
        out += quote(v.object[i].first);
        out += ':';
        dump_to(v.object[i].second, out);
      }
      out += '}';
      return;
    }
  }
}

}  // namespace

Value Value::from_bool(bool b) {
  Value v;
  v.kind = Kind::Bool;
  v.boolean = b;
  return v;
}

Value Value::from_double(double d) {
  Value v;
  v.kind = Kind::Number;
  v.number = d;
  if (std::isfinite(d)) v.raw = shortest_double(d);
  return v;
}

Value Value::from_int(int64_t i) {
  Value v;
  v.kind = Kind::Number;
  v.number = static_cast<double>(i);
  v.raw = std::to_string(i);
  return v;
}

Value Value::from_uint(uint64_t u) {
  Value v;
  v.kind = Kind::Number;
  v.number = static_cast<double>(u);
  v.raw = std::to_string(u);
  return v;
}

Value Value::from_string(std::string s) {
  Value v;
  v.kind = Kind::String;
  v.string = std::move(s);
  return v;
}

Value Value::make_array() {
  Value v;
  v.kind = Kind::Array;
  return v;
}

Value Value::make_object() {
  Value v;
  v.kind = Kind::Object;
  return v;
}

const Value* Value::find(std::string_view key) const {
  if (kind != Kind::Object) return nullptr;
  for (const auto& member : object) {
    if (member.first == key) return &member.second;
  }
  return nullptr;
}

bool Value::as_int64(int64_t& out) const {
  if (kind != Kind::Number) return false;
  bool negative = false;
  uint64_t m = 0;
  if (!integral_magnitude(raw, negative, m)) return false;
  const uint64_t max_pos = static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
  if (!negative) {
    if (m > max_pos) return false;
    out = static_cast<int64_t>(m);
    return true;
  }
  if (m > max_pos + 1) return false;
  // -(2^63) has no positive counterpart, so negate in unsigned arithmetic.
  out = m == max_pos + 1 ? std::numeric_limits<int64_t>::min() : -static_cast<int64_t>(m);
  return true;
}

bool Value::as_uint64(uint64_t& out) const {
  if (kind != Kind::Number) return false;
  bool negative = false;
  uint64_t m = 0;
  if (!integral_magnitude(raw, negative, m)) return false;
  if (negative && m != 0) return false;
  out = m;
  return true;
}

Status parse(std::string_view text, Value& out) { return parse(text, out, std::numeric_limits<size_t>::max()); }

Status parse(std::string_view text, Value& out, size_t max_values) {
  Value result;
  Parser parser(text, max_values);
  Status s = parser.run(result);
  if (!s.is_ok()) {
    out = Value();
    return s;
  }
  out = std::move(result);
  return Status::ok();
}

std::string quote(std::string_view utf8) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(utf8.size() + 2);
  out += '"';
  size_t pos = 0;
  while (pos < utf8.size()) {
    const unsigned char c = static_cast<unsigned char>(utf8[pos]);
    if (c < 0x80) {
      if (c == '"') {
        out += "\\\"";
      } else if (c == '\\') {
        out += "\\\\";
      } else if (c < 0x20) {
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 0xF];
      } else {
        out += static_cast<char>(c);
      }
      ++pos;
      continue;
    }
    char32_t cp = 0;
    const size_t n = utf8::decode_one(utf8, pos, cp);
    if (n == 0) {
      utf8::append(0xFFFD, out);
      ++pos;
    } else {
      out.append(utf8.data() + pos, n);
      pos += n;
    }
  }
  out += '"';
  return out;
}

std::string dump(const Value& v) {
  std::string out;
  dump_to(v, out);
  return out;
}

std::string string_array(const std::vector<std::string>& items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += ',';
    out += quote(items[i]);
  }
  out += ']';
  return out;
}

}  // namespace rp::json
