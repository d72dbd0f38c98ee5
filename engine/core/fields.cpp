#include "engine/core/fields.hpp"

#include <charconv>
#include <cstdio>
#include <cstdlib>

namespace rp {
namespace {

// Integers print as integers, other bounds in the shortest form that reads back.
std::string bound_text(double x) {
  char buf[40];
  if (x == std::floor(x) && std::abs(x) < 1e15) std::snprintf(buf, sizeof buf, "%.0f", x);
  else std::snprintf(buf, sizeof buf, "%.15g", x);
  return buf;
}

// Characters as the page counts them (a UTF-8 continuation byte starts no character).
size_t code_points(const std::string& s) {
  size_t n = 0;
  for (unsigned char ch : s) n += (ch & 0xC0) != 0x80;
  return n;
}

bool unbounded_seed(const FieldSpec& s) { return s.type == FieldType::Int && s.min == 0 && s.max >= 1.8e19; }

const char* type_name(FieldType t) {
  switch (t) {
    case FieldType::Int: return "int";
    case FieldType::Number: return "number";
    case FieldType::Bool: return "bool";
    case FieldType::Choice: return "choice";
    case FieldType::Text: return "text";
  }
  return "?";
}

json::Value strings(const std::vector<std::string>& items) {
  json::Value a = json::Value::make_array();
  for (const auto& s : items) a.array.push_back(json::Value::from_string(s));
  return a;
}

}  // namespace

std::string FieldSpec::flag() const {
  std::string f = "--" + name;
  for (char& ch : f)
    if (ch == '_') ch = '-';
  return f;
}

std::string FieldSpec::expectation() const {
  switch (type) {
    case FieldType::Int:
      if (unbounded_seed(*this)) return "a non-negative integer";
      return "an integer between " + bound_text(min) + " and " + bound_text(max);
    case FieldType::Number:
      return (exclusive_min ? "a number above " : "a number from ") + bound_text(min) + (exclusive_min ? " and at most " : " to ") +
             bound_text(max);
    case FieldType::Bool: return "true or false";
    case FieldType::Choice: {
      std::string s = "one of ";
      for (size_t i = 0; i < choices.size(); ++i) s += (i ? ", " : "") + choices[i];
      return s;
    }
    case FieldType::Text: return "a text of at most " + std::to_string(max_length) + " characters";
  }
  return "?";
}

Status check_value(const FieldSpec& s, const json::Value& v) {
  switch (s.type) {
    case FieldType::Int: {
      double x = 0;
      int64_t i = 0;
      uint64_t u = 0;
      if (v.as_int64(i)) x = double(i);
      else if (v.as_uint64(u)) x = double(u);
      else return Status::error(unbounded_seed(s) ? "must be a non-negative integer" : "must be an integer");
      if (x < s.min || x > s.max) {
        if (unbounded_seed(s)) return Status::error("must be a non-negative integer");
        return Status::error("must be between " + bound_text(s.min) + " and " + bound_text(s.max) + ", got " + v.raw);
      }
      return Status::ok();
    }
    case FieldType::Number: {
      if (!v.is_number() || !std::isfinite(v.number)) return Status::error("must be a finite number");
      const double x = v.number;
      if (x < s.min || x > s.max || (s.exclusive_min && x == s.min))
        return Status::error(std::string("must be ") + (s.exclusive_min ? "above " : "at least ") + bound_text(s.min) +
                             " and at most " + bound_text(s.max) + ", got " + bound_text(x));
      return Status::ok();
    }
    case FieldType::Bool:
      return v.is_bool() ? Status::ok() : Status::error("must be true or false");
    case FieldType::Choice:
      if (v.is_string())
        for (const auto& c : s.choices)
          if (c == v.string) return Status::ok();
      return Status::error("must be " + s.expectation());
    case FieldType::Text:
      if (!v.is_string()) return Status::error("must be a string");
      if (code_points(v.string) > s.max_length)
        return Status::error("must be at most " + std::to_string(s.max_length) + " characters long");
      return Status::ok();
  }
  return Status::error("has an unknown type");
}

Status parse_text(const FieldSpec& s, std::string_view text, json::Value& out) {
  switch (s.type) {
    case FieldType::Int: {
      // Exact integer text only: "12", "-3" (not "1e3" or "12x").
      const char* b = text.data();
      const char* e = b + text.size();
      if (!text.empty() && text[0] != '-') {
        uint64_t u = 0;
        auto r = std::from_chars(b, e, u);
        if (r.ec == std::errc() && r.ptr == e) {
          out = json::Value::from_uint(u);
          return Status::ok();
        }
      } else {
        int64_t i = 0;
        auto r = std::from_chars(b, e, i);
        if (r.ec == std::errc() && r.ptr == e) {
          out = json::Value::from_int(i);
          return Status::ok();
        }
      }
      return Status::error("must be an integer, got '" + std::string(text) + "'");
    }
    case FieldType::Number: {
      // strtod reads the C locale's decimal point, which is in force in every program of ours.
      const std::string t(text);
      char* end = nullptr;
      const double x = std::strtod(t.c_str(), &end);
      if (t.empty() || *end != '\0' || !std::isfinite(x)) return Status::error("must be a number, got '" + t + "'");
      out = json::Value::from_double(x);
      return Status::ok();
    }
    case FieldType::Bool:
      if (text == "true" || text == "1") out = json::Value::from_bool(true);
      else if (text == "false" || text == "0") out = json::Value::from_bool(false);
      else return Status::error("must be true or false, got '" + std::string(text) + "'");
      return Status::ok();
    case FieldType::Choice:
    case FieldType::Text:
      out = json::Value::from_string(std::string(text));
      return Status::ok();
  }
  return Status::error("has an unknown type");
}

std::string value_text(const json::Value& v) {
  switch (v.kind) {
    case json::Kind::Bool: return v.boolean ? "true" : "false";
    case json::Kind::Number: return v.raw.empty() ? bound_text(v.number) : v.raw;
    case json::Kind::String: return v.string;
    default: return json::dump(v);
  }
}

FieldSpec seed_field() {
  return FieldSpec("seed", "seed", "train").range(0, 18446744073709551615.0)
      .about("fixes the initial weights and the order of the data, so the same seed replays the same run");
}

json::Value describe_field(const FieldSpec& s, const json::Value& default_value) {
  json::Value o = json::Value::make_object();
  auto put = [&](const char* key, json::Value v) { o.object.emplace_back(key, std::move(v)); };
  put("name", json::Value::from_string(s.name));
  put("label", json::Value::from_string(s.label));
  put("group", json::Value::from_string(s.group));
  put("type", json::Value::from_string(type_name(s.type)));
  if (s.type == FieldType::Int || s.type == FieldType::Number) {
    put("min", json::Value::from_double(s.min));
    put("max", json::Value::from_double(s.max));
    if (s.exclusive_min) put("exclusiveMin", json::Value::from_bool(true));
  }
  if (s.type == FieldType::Choice) put("choices", strings(s.choices));
  if (s.type == FieldType::Text) put("maxLength", json::Value::from_int(int64_t(s.max_length)));
  put("default", default_value);
  if (!s.page_default.empty()) {
    json::Value page;
    if (json::parse(s.page_default, page).is_ok()) put("pageDefault", page);
  }
  put("flag", json::Value::from_string(s.flag()));
  if (!s.aliases.empty()) put("aliases", strings(s.aliases));
  if (!s.meta.empty()) put("meta", json::Value::from_string(s.meta));
  if (!s.help.empty()) put("help", json::Value::from_string(s.help));
  return o;
}

}  // namespace rp
