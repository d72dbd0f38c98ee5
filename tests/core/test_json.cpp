// json::Value (engine/core/json.cpp): exact integer reads from a number's text.
#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>
#include <string>

#include "core/json_helpers.hpp"
#include "engine/core/json.hpp"

using rp::json::Value;
using rp::test::parse_ok;

TEST_CASE("json exact integer reads", "[json]") {
  auto i64 = [](const std::string& text, int64_t& out) { return parse_ok(text).as_int64(out); };
  auto u64 = [](const std::string& text, uint64_t& out) { return parse_ok(text).as_uint64(out); };
  int64_t i = 0;
  uint64_t u = 0;

  SECTION("int64 extremes are exact") {
    REQUIRE(i64("9223372036854775807", i));
    REQUIRE(i == std::numeric_limits<int64_t>::max());
    REQUIRE(i64("-9223372036854775808", i));
    REQUIRE(i == std::numeric_limits<int64_t>::min());
    REQUIRE(i64("9007199254740993", i));  // 2^53 + 1: not representable as a double
    REQUIRE(i == 9007199254740993LL);
  }

  SECTION("int64 out of range fails") {
    REQUIRE_FALSE(i64("9223372036854775808", i));
    REQUIRE_FALSE(i64("-9223372036854775809", i));
    REQUIRE_FALSE(i64("1e19", i));
    Value huge = Value::from_int(0);
    huge.raw = "1e1000000000000";  // the parser refuses this as a double; as_int64 must still cope
    REQUIRE_FALSE(huge.as_int64(i));
    huge.raw = "-1e-1000000000000";
    REQUIRE_FALSE(huge.as_int64(i));
    huge.raw = "not a number";
    REQUIRE_FALSE(huge.as_int64(i));
  }

  SECTION("uint64 reaches 2^64 - 1 and refuses negatives") {
    REQUIRE(u64("18446744073709551615", u));
    REQUIRE(u == std::numeric_limits<uint64_t>::max());
    REQUIRE_FALSE(u64("18446744073709551616", u));
    REQUIRE_FALSE(u64("-1", u));
    REQUIRE(u64("-0", u));
    REQUIRE(u == 0);
  }

  SECTION("integral values written with fractions or exponents are accepted") {
    REQUIRE(i64("1.0", i));
    REQUIRE(i == 1);
    REQUIRE(i64("1.2e1", i));
    REQUIRE(i == 12);
    REQUIRE(i64("-25e-1", i) == false);
    REQUIRE(i64("2500e-2", i));
    REQUIRE(i == 25);
    REQUIRE(i64("0e99999999999", i));
    REQUIRE(i == 0);
    REQUIRE(i64("0.000", i));
    REQUIRE(i == 0);
    REQUIRE(u64("9.223372036854775807e18", u));
    REQUIRE(u == 9223372036854775807ULL);
  }

  SECTION("fractions and non-numbers fail") {
    REQUIRE_FALSE(i64("1.5", i));
    REQUIRE_FALSE(i64("1e-1", i));
    REQUIRE_FALSE(i64("1e-400", i));
    REQUIRE_FALSE(i64("\"1\"", i));
    REQUIRE_FALSE(i64("true", i));
    REQUIRE_FALSE(i64("null", i));
    REQUIRE_FALSE(u64("[1]", u));
  }

  SECTION("programmatic integers read back exactly") {
    REQUIRE(Value::from_int(std::numeric_limits<int64_t>::min()).as_int64(i));
    REQUIRE(i == std::numeric_limits<int64_t>::min());
    REQUIRE(Value::from_uint(std::numeric_limits<uint64_t>::max()).as_uint64(u));
    REQUIRE(u == std::numeric_limits<uint64_t>::max());
    REQUIRE(Value::from_double(3.0).as_int64(i));
    REQUIRE(i == 3);
    REQUIRE_FALSE(Value::from_double(0.5).as_int64(i));
  }
}
