// Typed reads of JSON object fields for the configuration parsers (config_json, seq2seq_config_json): each
// names the field in its error. Plus the number format both writers use.
#pragma once
#include <cmath>
#include <cstdio>
#include <string>

#include "engine/core/json.hpp"
#include "engine/core/status.hpp"

namespace rp::json_fields {

inline Status field_error(const std::string& key, const std::string& want) {
  return Status::error("config field '" + key + "' must be " + want);
}

inline Status read_int(const json::Value& v, const std::string& key, int& out) {
  int64_t x;
  if (!v.as_int64(x) || x < -2147483647 || x > 2147483647) return field_error(key, "an integer");
  out = int(x);
  return Status::ok();
}

inline Status read_double(const json::Value& v, const std::string& key, double& out) {
  if (!v.is_number() || !std::isfinite(v.number)) return field_error(key, "a finite number");
  out = v.number;
  return Status::ok();
}

inline Status read_bool(const json::Value& v, const std::string& key, bool& out) {
  if (!v.is_bool()) return field_error(key, "true or false");
  out = v.boolean;
  return Status::ok();
}

// Round-trip exact decimal text of a double (%.17g; the "C" locale is in force).
inline std::string number(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", x);
  return buf;
}

}  // namespace rp::json_fields
