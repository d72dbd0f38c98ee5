// The JSON writer (engine/core/json_write.cpp): quoting, compact output, and doubles that read back exactly.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>

#include "core/json_helpers.hpp"
#include "engine/core/json.hpp"

using rp::json::Kind;
using rp::json::Value;
using rp::test::parse_ok;

TEST_CASE("json writer", "[json]") {
  SECTION("quote escapes quotes, backslashes and control characters only") {
    REQUIRE(rp::json::quote("plain") == "\"plain\"");
    REQUIRE(rp::json::quote("a\"b\\c") == R"("a\"b\\c")");
    REQUIRE(rp::json::quote("\n\t\x01\x1f") == R"("\u000a\u0009\u0001\u001f")");
    REQUIRE(rp::json::quote(std::string("\0", 1)) == R"("\u0000")");
    REQUIRE(rp::json::quote("/ \x7F") == "\"/ \x7F\"");
    REQUIRE(rp::json::quote("caf\xC3\xA9 \xF0\x9F\x98\x80") == "\"caf\xC3\xA9 \xF0\x9F\x98\x80\"");
  }

  SECTION("quote replaces invalid UTF-8 with U+FFFD so output always parses") {
    const std::string q = rp::json::quote("a\xFF" "b\xC3");
    REQUIRE(q == "\"a\xEF\xBF\xBD" "b\xEF\xBF\xBD\"");
    REQUIRE(parse_ok(q).string == "a\xEF\xBF\xBD" "b\xEF\xBF\xBD");
  }

  SECTION("dump is compact and keeps member order") {
    Value obj = Value::make_object();
    obj.object.emplace_back("z", Value::from_int(-3));
    obj.object.emplace_back("a", Value::from_bool(true));
    Value arr = Value::make_array();
    arr.array.push_back(Value::null());
    arr.array.push_back(Value::from_string("s\"q"));
    arr.array.push_back(Value::from_double(0.5));
    arr.array.push_back(Value::make_object());
    obj.object.emplace_back("list", arr);
    REQUIRE(rp::json::dump(obj) == R"({"z":-3,"a":true,"list":[null,"s\"q",0.5,{}]})");
  }

  SECTION("numbers keep their source text; non-finite doubles become null") {
    REQUIRE(rp::json::dump(parse_ok("[1.50, 1E+2, 18446744073709551615]")) == "[1.50,1E+2,18446744073709551615]");
    REQUIRE(rp::json::dump(Value::from_double(std::numeric_limits<double>::infinity())) == "null");
    REQUIRE(rp::json::dump(Value::from_double(std::numeric_limits<double>::quiet_NaN())) == "null");
    Value hand;
    hand.kind = Kind::Number;
    hand.number = 0.25;  // raw left empty: written from the double
    REQUIRE(rp::json::dump(hand) == "0.25");
  }

  SECTION("doubles are written with the fewest of 15, 16 or 17 significant digits that read back exactly") {
    auto text = [](double d) { return Value::from_double(d).raw; };
    REQUIRE(text(0.0) == "0");
    REQUIRE(text(-0.0) == "-0");
    REQUIRE(text(1.0) == "1");
    REQUIRE(text(-2.5) == "-2.5");
    REQUIRE(text(0.1) == "0.1");
    REQUIRE(text(1e20) == "1e+20");
    REQUIRE(text(1e-5) == "1e-05");
    REQUIRE(text(123456.0) == "123456");
    REQUIRE(text(0.1 + 0.2) == "0.30000000000000004");  // needs 17
    REQUIRE(text(1.0 / 3.0) == "0.3333333333333333");   // 16 suffice
    REQUIRE(text(9007199254740992.0) == "9007199254740992");
    REQUIRE(text(std::numeric_limits<double>::max()) == "1.7976931348623157e+308");
    REQUIRE(text(std::numeric_limits<double>::min()) == "2.2250738585072014e-308");
    REQUIRE(text(std::numeric_limits<double>::denorm_min()) == "4.94065645841247e-324");
    REQUIRE(rp::json::dump(Value::from_double(-1.5e-7)) == "-1.5e-07");
  }

  SECTION("written doubles parse back to the same bits") {
    uint64_t state = 0x9E3779B97F4A7C15ULL;  // splitmix64: deterministic bit patterns over the whole range
    auto next = [&state]() {
      uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
      z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
      z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
      return z ^ (z >> 31);
    };
    int checked = 0;
    for (int k = 0; k < 20000; ++k) {
      uint64_t bits = next();
      if (k % 4 == 1) bits &= 0x800FFFFFFFFFFFFFULL;  // denormals
      if (k % 4 == 2) bits = (bits & 0x800FFFFFFFFFFFFFULL) | (uint64_t{0x3FF} << 52);  // [1, 2)
      double d = 0.0;
      std::memcpy(&d, &bits, sizeof d);
      if (!std::isfinite(d)) continue;
      const std::string written = rp::json::dump(Value::from_double(d));
      Value back;
      INFO("bits " << bits << " written " << written);
      REQUIRE(rp::json::parse(written, back).is_ok());
      uint64_t back_bits = 0;
      std::memcpy(&back_bits, &back.number, sizeof back_bits);
      REQUIRE(back_bits == bits);
      ++checked;
    }
    REQUIRE(checked > 19000);
  }

  SECTION("dump then parse round trips, and dump is a fixed point") {
    const std::string src =
        R"( {"name":"caf\u00e9 \ud83d\ude00","n":[0,-1,2.5e-3,9223372036854775807],)"
        R"("ctl":"\n\t\u0001","deep":[[[{"x":null}]]],"b":false} )";
    const Value a = parse_ok(src);
    const std::string once = rp::json::dump(a);
    const Value b = parse_ok(once);
    REQUIRE(rp::json::dump(b) == once);
    REQUIRE(b.find("name")->string == "caf\xC3\xA9 \xF0\x9F\x98\x80");
    REQUIRE(b.find("ctl")->string == "\n\t\x01");
    int64_t big = 0;
    REQUIRE(b.find("n")->array[3].as_int64(big));
    REQUIRE(big == std::numeric_limits<int64_t>::max());
  }

  SECTION("string_array") {
    REQUIRE(rp::json::string_array({}) == "[]");
    REQUIRE(rp::json::string_array({"a", "b\"", "\xC3\xA9"}) == "[\"a\",\"b\\\"\",\"\xC3\xA9\"]");
    const Value v = parse_ok(rp::json::string_array({"x", "", "\n"}));
    REQUIRE(v.array.size() == 3);
    REQUIRE(v.array[2].string == "\n");
  }
}
