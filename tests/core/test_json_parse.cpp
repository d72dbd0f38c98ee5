// The JSON reader (engine/core/json_parse.cpp): what it accepts, what it refuses and how it says so.
#include <catch2/catch.hpp>

#include <cerrno>
#include <cmath>
#include <limits>
#include <string>

#include "core/json_helpers.hpp"
#include "engine/core/json.hpp"

using rp::json::Value;
using rp::test::parse_ok;

namespace {

std::string parse_error(const std::string& text) {
  Value v = Value::from_int(7);
  rp::Status s = rp::json::parse(text, v);
  INFO("input: " << text);
  REQUIRE_FALSE(s.is_ok());
  REQUIRE(v.is_null());  // a failed parse leaves no partial result behind
  return s.message();
}

}  // namespace

TEST_CASE("json parses valid documents", "[json]") {
  SECTION("scalars at the top level") {
    REQUIRE(parse_ok("null").is_null());
    REQUIRE(parse_ok("true").boolean);
    REQUIRE_FALSE(parse_ok("false").boolean);
    REQUIRE(parse_ok("false").is_bool());
    REQUIRE(parse_ok("\"hi\"").string == "hi");
    REQUIRE(parse_ok(" \t\r\n42 \n").number == 42.0);
  }

  SECTION("numbers in every grammar form") {
    REQUIRE(parse_ok("0").number == 0.0);
    REQUIRE(parse_ok("-0").number == 0.0);
    REQUIRE(parse_ok("-12").number == -12.0);
    REQUIRE_THAT(parse_ok("3.25").number, Catch::Matchers::WithinAbs(3.25, 0.0));
    REQUIRE_THAT(parse_ok("1e3").number, Catch::Matchers::WithinAbs(1000.0, 0.0));
    REQUIRE_THAT(parse_ok("1E+2").number, Catch::Matchers::WithinAbs(100.0, 0.0));
    REQUIRE_THAT(parse_ok("-2.5e-3").number, Catch::Matchers::WithinRel(-0.0025, 1e-15));
    REQUIRE_THAT(parse_ok("0.1").number, Catch::Matchers::WithinRel(0.1, 1e-15));
    REQUIRE(parse_ok("1e-400").number == 0.0);  // underflow rounds to zero
    REQUIRE(parse_ok("5e-324").number > 0.0);   // smallest denormal is representable
    REQUIRE(parse_ok("-1.5e2").raw == "-1.5e2");
  }

  SECTION("numbers at the edges of the double range") {
    REQUIRE(parse_ok("1.7976931348623157e308").number == std::numeric_limits<double>::max());
    REQUIRE(parse_ok("1.7976931348623158e308").number == std::numeric_limits<double>::max());  // rounds down
    REQUIRE(parse_ok("2.2250738585072014e-308").number == std::numeric_limits<double>::min());
    REQUIRE(parse_ok("4.9e-324").number == std::numeric_limits<double>::denorm_min());
    REQUIRE(parse_ok("2e-324").number == 0.0);  // below half the smallest denormal
    REQUIRE(parse_ok("0.000001e-99999999999").number == 0.0);
    REQUIRE(std::signbit(parse_ok("-1e-400").number));  // underflow keeps the sign
    REQUIRE(std::signbit(parse_ok("-0").number));
    REQUIRE(parse_ok("0e999999999999").number == 0.0);
    REQUIRE(parse_ok("9007199254740993").number == 9007199254740992.0);  // nearest double, ties to even
    REQUIRE(parse_ok("0.30000000000000004").number == 0.1 + 0.2);
    REQUIRE(parse_ok("100000000000000000000000e-30").number == 1e-7);
  }

  SECTION("parsing leaves errno alone, even on underflow") {
    errno = 0;
    REQUIRE(parse_ok("[1e-400, 5e-324, 1.5]").array.size() == 3);
    REQUIRE(errno == 0);
    errno = EDOM;
    REQUIRE(parse_ok("1e-400").number == 0.0);
    REQUIRE(errno == EDOM);
    errno = 0;
  }

  SECTION("arrays and objects, nested, with member order preserved") {
    Value v = parse_ok(R"( { "b" : [1, [], {}, "x"], "a": {"z": null, "y": true} } )");
    REQUIRE(v.is_object());
    REQUIRE(v.object.size() == 2);
    REQUIRE(v.object[0].first == "b");
    REQUIRE(v.object[1].first == "a");
    const Value* b = v.find("b");
    REQUIRE(b != nullptr);
    REQUIRE(b->array.size() == 4);
    REQUIRE(b->array[1].is_array());
    REQUIRE(b->array[1].array.empty());
    REQUIRE(b->array[2].is_object());
    REQUIRE(b->array[3].string == "x");
    const Value* a = v.find("a");
    REQUIRE(a->object[0].first == "z");
    REQUIRE(a->find("y")->boolean);
    REQUIRE(v.find("missing") == nullptr);
    REQUIRE(b->find("anything") == nullptr);  // find on a non-object
  }

  SECTION("string escapes") {
    REQUIRE(parse_ok(R"("\" \\ \/ \b \f \n \r \t")").string == "\" \\ / \b \f \n \r \t");
    REQUIRE(parse_ok(R"("\u0041\u00e9\u20AC")").string == "A\xC3\xA9\xE2\x82\xAC");
    REQUIRE(parse_ok(R"("a\u0000b")").string == std::string("a\0b", 3));
  }

  SECTION("surrogate pairs combine into one code point") {
    REQUIRE(parse_ok(R"("\ud83d\ude00")").string == "\xF0\x9F\x98\x80");
    REQUIRE(parse_ok(R"("\uDBFF\uDFFF")").string == "\xF4\x8F\xBF\xBF");
  }

  SECTION("raw UTF-8 in strings is kept") {
    REQUIRE(parse_ok("\"caf\xC3\xA9 \xF0\x9F\x98\x80\"").string == "caf\xC3\xA9 \xF0\x9F\x98\x80");
  }

  SECTION("empty key and empty containers") {
    Value v = parse_ok(R"({"":[]})");
    REQUIRE(v.find("") != nullptr);
    REQUIRE(parse_ok("[]").array.empty());
    REQUIRE(parse_ok("{}").object.empty());
  }
}

TEST_CASE("json rejects invalid documents", "[json]") {
  SECTION("error messages state what and the byte offset") {
    REQUIRE(parse_error(R"({"key" 1})") == "JSON: expected ':' at byte 7");
    REQUIRE(parse_error("[1,2") == "JSON: unexpected end of input at byte 4");
    REQUIRE(parse_error("[1 2]") == "JSON: expected ',' or ']' at byte 3");
    REQUIRE(parse_error("{1:2}") == "JSON: expected string key at byte 1");
  }

  SECTION("empty and whitespace-only input") {
    REQUIRE(parse_error("") == "JSON: unexpected end of input at byte 0");
    REQUIRE(parse_error("   ") == "JSON: unexpected end of input at byte 3");
  }

  SECTION("trailing commas") {
    REQUIRE(parse_error("[1,]") == "JSON: trailing comma at byte 3");
    REQUIRE(parse_error(R"({"a":1,})") == "JSON: trailing comma at byte 7");
    REQUIRE(parse_error("[,]") == "JSON: unexpected character ',' (U+002C) at byte 1");
  }

  SECTION("comments") {
    REQUIRE(parse_error("// c\n1") == "JSON: comments are not allowed at byte 0");
    REQUIRE(parse_error("[1 /* c */]") == "JSON: expected ',' or ']' at byte 3");
  }

  SECTION("leading zeros and malformed numbers") {
    REQUIRE(parse_error("01") == "JSON: leading zero in number at byte 0");
    REQUIRE(parse_error("[-007]") == "JSON: leading zero in number at byte 1");
    REQUIRE(parse_error("1.") == "JSON: expected digit after '.' at byte 2");
    REQUIRE(parse_error("1e") == "JSON: expected digit in exponent at byte 2");
    REQUIRE(parse_error("1e+") == "JSON: expected digit in exponent at byte 3");
    REQUIRE(parse_error("-") == "JSON: expected digit after '-' at byte 1");
    REQUIRE(parse_error(".5").find("unexpected character '.'") != std::string::npos);
    REQUIRE(parse_error("+1").find("unexpected character '+'") != std::string::npos);
    REQUIRE(parse_error("0x10") == "JSON: unexpected trailing characters at byte 1");
    REQUIRE(parse_error("1e400") == "JSON: number out of range at byte 0");
    REQUIRE(parse_error("[-1e400]") == "JSON: number out of range at byte 1");
    REQUIRE(parse_error("1.7976931348623159e308") == "JSON: number out of range at byte 0");  // rounds to inf
    REQUIRE(parse_error("1000000000000000000000e9999999999999999") == "JSON: number out of range at byte 0");
  }

  SECTION("NaN and Infinity") {
    REQUIRE(parse_error("NaN") == "JSON: NaN is not allowed at byte 0");
    REQUIRE(parse_error("[Infinity]") == "JSON: Infinity is not allowed at byte 1");
    REQUIRE(parse_error("-Infinity") == "JSON: Infinity is not allowed at byte 0");
  }

  SECTION("bad literals") {
    REQUIRE(parse_error("tru") == "JSON: invalid literal at byte 0");
    REQUIRE(parse_error("nul") == "JSON: invalid literal at byte 0");
    REQUIRE(parse_error("True").find("unexpected character 'T'") != std::string::npos);
  }

  SECTION("control characters in strings") {
    REQUIRE(parse_error("\"a\nb\"") == "JSON: control character in string at byte 2");
    REQUIRE(parse_error("\"a\tb\"") == "JSON: control character in string at byte 2");
    REQUIRE(parse_error(std::string("\"a\0b\"", 5)) == "JSON: control character in string at byte 2");
  }

  SECTION("invalid escapes") {
    REQUIRE(parse_error(R"("\x41")") == "JSON: invalid escape at byte 1");
    REQUIRE(parse_error(R"("\u12G4")") == "JSON: invalid hex digit in \\u escape at byte 5");
    REQUIRE(parse_error(R"("\u12)") == "JSON: truncated \\u escape at byte 3");
    REQUIRE(parse_error("\"abc") == "JSON: unterminated string at byte 4");
    REQUIRE(parse_error("\"abc\\") == "JSON: unterminated string at byte 5");
  }

  SECTION("lone surrogates in \\u escapes") {
    REQUIRE(parse_error(R"("\ud83d")") == "JSON: lone surrogate in \\u escape at byte 1");
    REQUIRE(parse_error(R"("x\ude00")") == "JSON: lone surrogate in \\u escape at byte 2");
    REQUIRE(parse_error(R"("\ud83d\u0041")") == "JSON: lone surrogate in \\u escape at byte 1");
    REQUIRE(parse_error(R"("\ud83d\ud83d")") == "JSON: lone surrogate in \\u escape at byte 1");
    REQUIRE(parse_error(R"("\ud83dx")") == "JSON: lone surrogate in \\u escape at byte 1");
  }

  SECTION("invalid UTF-8 inside and outside strings") {
    REQUIRE(parse_error("\"ab\xC3\"") == "JSON: invalid UTF-8 in string at byte 3");
    REQUIRE(parse_error("\"\xED\xA0\x80\"") == "JSON: invalid UTF-8 in string at byte 1");
    REQUIRE(parse_error("\"\xC0\xAF\"") == "JSON: invalid UTF-8 in string at byte 1");
    REQUIRE(parse_error("\xFF") == "JSON: invalid UTF-8 byte 0xFF at byte 0");
    REQUIRE(parse_error("\xEF\xBB\xBF{}").find("unexpected character U+FEFF at byte 0") != std::string::npos);
  }

  SECTION("trailing garbage, but trailing whitespace is fine") {
    REQUIRE(parse_error("{} x") == "JSON: unexpected trailing characters at byte 3");
    REQUIRE(parse_error("1 2") == "JSON: unexpected trailing characters at byte 2");
    REQUIRE(parse_error("[]]") == "JSON: unexpected trailing characters at byte 2");
    REQUIRE(parse_ok("{} \n\t\r ").is_object());
  }

  SECTION("duplicate keys") {
    REQUIRE(parse_error(R"({"a":1,"b":2,"a":3})") == "JSON: duplicate key \"a\" at byte 13");
    REQUIRE(parse_error(R"({"x":{"k":1,"k":1}})") == "JSON: duplicate key \"k\" at byte 12");
    // The same key in sibling objects is fine.
    REQUIRE(parse_ok(R"([{"k":1},{"k":2}])").array.size() == 2);
  }

  SECTION("single quotes and unquoted keys") {
    REQUIRE(parse_error("{'a':1}") == "JSON: expected string key at byte 1");
    REQUIRE(parse_error("{a:1}") == "JSON: expected string key at byte 1");
  }
}

TEST_CASE("json nesting depth limit", "[json]") {
  auto nested = [](int depth) {
    std::string s;
    for (int i = 0; i < depth; ++i) s += (i % 2 == 0) ? "[" : "{\"k\":";
    s += "1";
    for (int i = depth - 1; i >= 0; --i) s += (i % 2 == 0) ? "]" : "}";
    return s;
  };

  SECTION("64 levels parse") {
    REQUIRE(parse_ok(nested(rp::json::kMaxDepth)).is_array());
  }

  SECTION("65 levels are refused with the offset of the extra bracket") {
    REQUIRE(parse_error(std::string(65, '[') + std::string(65, ']')) == "JSON: nesting deeper than 64 at byte 64");
    REQUIRE(parse_error(nested(65)).find("JSON: nesting deeper than 64") == 0);
  }

  SECTION("a deep unterminated prefix fails cleanly") {
    REQUIRE(parse_error(std::string(100000, '[')).find("nesting deeper than 64") != std::string::npos);
  }
}

TEST_CASE("json value budget", "[json]") {
  SECTION("documents within the budget parse; one more value is refused with its offset") {
    Value v;
    REQUIRE(rp::json::parse("[1,2,3]", v, 4).is_ok());
    REQUIRE(rp::json::parse("[1,2,3]", v, 3).message() == "JSON: too many values at byte 5");
    REQUIRE(v.is_null());
    REQUIRE(rp::json::parse(R"({"a":{"b":[]}})", v, 3).is_ok());
    REQUIRE_FALSE(rp::json::parse(R"({"a":{"b":[]}})", v, 2).is_ok());
    REQUIRE_FALSE(rp::json::parse("null", v, 0).is_ok());
  }
}
