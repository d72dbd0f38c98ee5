// A small strict JSON (RFC 8259) parser and writer, sized for safetensors headers and run metadata.
// Strictness is deliberate: a header that another tool would read differently must be refused, not guessed.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/core/status.hpp"

namespace rp::json {

// Containers nested deeper than this are refused; it also bounds the parser's recursion.
constexpr int kMaxDepth = 64;

enum class Kind { Null, Bool, Number, String, Array, Object };

struct Value {
  Kind kind = Kind::Null;
  bool boolean = false;
  // Numbers keep the nearest double and the exact source text, so 64-bit integers survive a round trip.
  double number = 0.0;
  std::string raw;
  std::string string;  // UTF-8
  std::vector<Value> array;
  std::vector<std::pair<std::string, Value>> object;  // in source order, keys unique

  static Value null() { return Value(); }
  static Value from_bool(bool b);
  static Value from_double(double d);  // non-finite values are written as null by dump()
  static Value from_int(int64_t i);
  static Value from_uint(uint64_t u);
  static Value from_string(std::string s);
  static Value make_array();
  static Value make_object();

  bool is_null() const { return kind == Kind::Null; }
  bool is_bool() const { return kind == Kind::Bool; }
  bool is_number() const { return kind == Kind::Number; }
  bool is_string() const { return kind == Kind::String; }
  bool is_array() const { return kind == Kind::Array; }
  bool is_object() const { return kind == Kind::Object; }

  // Member lookup for objects; nullptr when absent or when this is not an object.
  const Value* find(std::string_view key) const;

  // Exact integer reads from the number's text: succeed only when the value is integral ("12", "1.2e1",
  // "-0") and fits the target type. Non-numbers fail.
  bool as_int64(int64_t& out) const;
  bool as_uint64(uint64_t& out) const;
};

// Parses exactly one JSON value (surrounding whitespace allowed). On failure `out` is left null and the
// message says what went wrong and where, e.g. "JSON: expected ':' at byte 12".
Status parse(std::string_view text, Value& out);

// Same, but refuses documents with more than max_values values (every scalar, array and object counts).
// Each parsed value costs far more memory than its source bytes, so callers that parse untrusted input
// of a known shape (safetensors headers) bound the total instead of trusting the byte length alone.
Status parse(std::string_view text, Value& out, size_t max_values);

// JSON string literal for UTF-8 text: escapes '"', '\\' and control characters (as \u00XX); other
// characters are kept as is. Bytes that are not valid UTF-8 become U+FFFD so the output always parses.
std::string quote(std::string_view utf8);

// Compact, deterministic serialization (object members in stored order, no whitespace).
std::string dump(const Value& v);

// Convenience: a JSON array of strings, e.g. ["a","b"].
std::string string_array(const std::vector<std::string>& items);

}  // namespace rp::json
