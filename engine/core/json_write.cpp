// The JSON writer: string literals, compact serialization of a Value, and arrays of strings.
#include "engine/core/json.hpp"

#include <cmath>

#include "engine/core/json_number.hpp"
#include "engine/core/utf8.hpp"

namespace rp::json {

namespace {

using detail::is_number_text;
using detail::shortest_double;

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
