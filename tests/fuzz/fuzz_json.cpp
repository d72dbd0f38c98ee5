// The JSON parser on arbitrary text. A document it accepts, written back, parses to the same document (the
// same dump), and quote() of any bytes is a string literal that parses.
#include <cstdint>
#include <string>
#include <string_view>

#include "engine/core/json.hpp"
#include "engine/core/utf8.hpp"
#include "tests/fuzz/fuzz_check.hpp"

using namespace rp;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  json::Value v;
  if (json::parse(text, v)) {
    const std::string once = json::dump(v);
    json::Value back;
    FUZZ_CHECK(json::parse(once, back).is_ok(), "a dumped document parses");
    FUZZ_CHECK(json::dump(back) == once, "dump(parse(dump(v))) == dump(v)");
    json::Value bounded;
    FUZZ_CHECK(json::parse(text, bounded, size_t(1) << 20).is_ok(), "a small document is within the value bound");
  } else {
    FUZZ_CHECK(v.is_null(), "a refused document leaves the output null");
  }
  json::Value q;
  FUZZ_CHECK(json::parse(json::quote(text), q).is_ok() && q.is_string(), "quote() always gives a string literal");
  if (utf8::valid(text)) FUZZ_CHECK(q.string == text, "quote() keeps valid UTF-8 as it is");
  return 0;
}
