// The JSON reader: a strict recursive-descent parser over the text, refusing anything RFC 8259 does not allow.
#include "engine/core/json.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "engine/core/json_number.hpp"
#include "engine/core/utf8.hpp"

namespace rp::json {

namespace {

using detail::c_strtod;
using detail::is_digit;

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

}  // namespace

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

}  // namespace rp::json
