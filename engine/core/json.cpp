// json::Value: its constructors, member lookup and exact integer reads. Reading text is json_parse.cpp,
// writing it json_write.cpp, number text json_number.cpp.
#include "engine/core/json.hpp"

#include <cmath>
#include <limits>

#include "engine/core/json_number.hpp"

namespace rp::json {

using detail::integral_magnitude;
using detail::shortest_double;

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

}  // namespace rp::json
