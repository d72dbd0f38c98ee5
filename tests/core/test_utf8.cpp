#include <catch2/catch.hpp>

#include <string>

#include "engine/core/utf8.hpp"

using rp::utf8::append;
using rp::utf8::decode;
using rp::utf8::describe;
using rp::utf8::encode;

namespace {

std::string bytes(std::initializer_list<unsigned> list) {
  std::string s;
  for (unsigned b : list) s += static_cast<char>(b);
  return s;
}

}  // namespace

TEST_CASE("utf8 round trips", "[utf8]") {
  SECTION("ascii, 2-, 3- and 4-byte characters survive decode then encode") {
    const std::string text = "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80z";  // a é € 😀 z
    std::u32string cps;
    REQUIRE(decode(text, cps).is_ok());
    REQUIRE(cps == std::u32string{U'a', U'\u00E9', U'\u20AC', U'\U0001F600', U'z'});
    REQUIRE(encode(cps) == text);
  }

  SECTION("boundary code points encode to the expected lengths and decode back") {
    const std::u32string edges = {0x0, 0x7F, 0x80, 0x7FF, 0x800, 0xD7FF, 0xE000, 0xFFFD, 0xFFFF, 0x10000, 0x10FFFF};
    const size_t lengths[] = {1, 1, 2, 2, 3, 3, 3, 3, 3, 4, 4};
    for (size_t i = 0; i < edges.size(); ++i) {
      std::string out;
      append(edges[i], out);
      REQUIRE(out.size() == lengths[i]);
      std::u32string back;
      REQUIRE(decode(out, back).is_ok());
      REQUIRE(back == std::u32string(1, edges[i]));
    }
  }

  SECTION("empty input decodes to nothing") {
    std::u32string cps = U"stale";
    REQUIRE(decode("", cps).is_ok());
    REQUIRE(cps.empty());
    REQUIRE(encode(U"").empty());
  }

  SECTION("embedded NUL is an ordinary character") {
    const std::string text("a\0b", 3);
    std::u32string cps;
    REQUIRE(decode(text, cps).is_ok());
    REQUIRE(cps == std::u32string({U'a', U'\0', U'b'}));
    REQUIRE(encode(cps) == text);
  }

  SECTION("encoding a non-scalar value writes U+FFFD") {
    std::string out;
    append(0xD800, out);
    append(0x110000, out);
    REQUIRE(out == "\xEF\xBF\xBD\xEF\xBF\xBD");
  }

  SECTION("valid() agrees with decode") {
    REQUIRE(rp::utf8::valid("h\xC3\xA9llo"));
    REQUIRE_FALSE(rp::utf8::valid("h\xC3llo"));
  }
}

TEST_CASE("utf8 rejections name the byte offset", "[utf8]") {
  auto rejects_at = [](const std::string& text, size_t offset) {
    std::u32string cps;
    rp::Status s = decode(text, cps);
    REQUIRE_FALSE(s.is_ok());
    REQUIRE(s.message() == "invalid UTF-8 at byte " + std::to_string(offset));
  };

  SECTION("overlong encodings") {
    rejects_at("ab" + bytes({0xC0, 0xAF}), 2);                 // '/' in two bytes
    rejects_at(bytes({0xC1, 0xBF}), 0);                        // U+007F in two bytes
    rejects_at(bytes({0xE0, 0x80, 0xAF}), 0);                  // three-byte overlong
    rejects_at(bytes({0xE0, 0x9F, 0xBF}), 0);                  // U+07FF in three bytes
    rejects_at("x" + bytes({0xF0, 0x80, 0x80, 0xAF}), 1);      // four-byte overlong
    rejects_at(bytes({0xF0, 0x8F, 0xBF, 0xBF}), 0);            // U+FFFF in four bytes
  }

  SECTION("UTF-16 surrogates") {
    rejects_at(bytes({0xED, 0xA0, 0x80}), 0);  // U+D800
    rejects_at("ok" + bytes({0xED, 0xBF, 0xBF}), 2);  // U+DFFF
  }

  SECTION("code points above U+10FFFF") {
    rejects_at(bytes({0xF4, 0x90, 0x80, 0x80}), 0);  // U+110000
    rejects_at(bytes({0xF5, 0x80, 0x80, 0x80}), 0);
    rejects_at(bytes({0xFF}), 0);
    rejects_at(bytes({0xFE}), 0);
  }

  SECTION("truncated sequences") {
    rejects_at("abc" + bytes({0xC3}), 3);
    rejects_at(bytes({0xE2, 0x82}), 0);
    rejects_at("0123456789abcdefg" + bytes({0xF0, 0x9F, 0x98}), 17);
  }

  SECTION("missing continuation bytes") {
    rejects_at(bytes({0xC3, 0x41}), 0);
    rejects_at(bytes({0xE2, 0x82, 0x41}), 0);
    rejects_at(bytes({0xF0, 0x9F, 0x98, 0x41}), 0);
  }

  SECTION("stray continuation byte") {
    rejects_at("a" + bytes({0x80}), 1);
    rejects_at("\xC3\xA9" + bytes({0xA9}), 2);
  }
}

TEST_CASE("utf8 describe", "[utf8]") {
  SECTION("printable characters are quoted with their code") {
    REQUIRE(describe(U'a') == "'a' (U+0061)");
    REQUIRE(describe(U'\u00E9') == "'\xC3\xA9' (U+00E9)");
    REQUIRE(describe(U'\U0001F600') == "'\xF0\x9F\x98\x80' (U+1F600)");
    REQUIRE(describe(0x10FFFD) == "'\xF4\x8F\xBF\xBD' (U+10FFFD)");
  }

  SECTION("control and invisible characters show only the code") {
    REQUIRE(describe(U'\n') == "U+000A");
    REQUIRE(describe(0) == "U+0000");
    REQUIRE(describe(0x7F) == "U+007F");
    REQUIRE(describe(0x85) == "U+0085");
    REQUIRE(describe(0x200B) == "U+200B");
    REQUIRE(describe(0xFEFF) == "U+FEFF");
  }

  SECTION("non-scalar values show only the code") {
    REQUIRE(describe(0xD800) == "U+D800");
    REQUIRE(describe(0x110000) == "U+00110000");
  }
}
