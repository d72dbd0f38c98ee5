// Helpers shared by the JSON tests (test_json.cpp, test_json_parse.cpp, test_json_write.cpp).
#pragma once
#include <catch2/catch.hpp>

#include <string>

#include "engine/core/json.hpp"

namespace rp::test {

inline rp::json::Value parse_ok(const std::string& text) {
  rp::json::Value v;
  rp::Status s = rp::json::parse(text, v);
  INFO("input: " << text << "  error: " << s.message());
  REQUIRE(s.is_ok());
  return v;
}

}  // namespace rp::test
