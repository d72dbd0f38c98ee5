// UTF-8 decoding and the vocabulary on arbitrary bytes: decoding agrees with valid() and decode_one(), valid
// text re-encodes to the same bytes, a vocabulary built from a text encodes and decodes that text exactly, and
// a vocabulary read from JSON writes back to JSON that reads as the same characters.
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "engine/core/utf8.hpp"
#include "engine/core/vocab.hpp"
#include "tests/fuzz/fuzz_check.hpp"

using namespace rp;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  std::u32string cps;
  const bool ok = utf8::decode(bytes, cps).is_ok();
  FUZZ_CHECK(ok == utf8::valid(bytes), "decode() and valid() agree");
  size_t at = 0, n = 0;
  for (char32_t cp = 0; at < bytes.size() && (n = utf8::decode_one(bytes, at, cp)) > 0; at += n) {
    FUZZ_CHECK(n <= 4 && at + n <= bytes.size(), "decode_one stays inside the buffer");
    utf8::describe(cp);
  }
  FUZZ_CHECK(ok == (at == bytes.size()), "decode_one() reaches the end exactly when the text is valid");
  if (ok) FUZZ_CHECK(utf8::encode(cps) == bytes, "valid UTF-8 re-encodes to the same bytes");

  Vocab v;
  if (Vocab::from_text(bytes, v)) {
    FUZZ_CHECK(ok, "a vocabulary is only built from valid UTF-8");
    FUZZ_CHECK(size_t(v.size()) == std::set<char32_t>(cps.begin(), cps.end()).size(), "one entry per distinct character");
    std::vector<TokenId> ids;
    FUZZ_CHECK(v.encode(bytes, ids).is_ok() && ids.size() == cps.size(), "the text encodes in its own vocabulary");
    FUZZ_CHECK(v.decode(ids) == bytes, "and decodes back to itself");
    Vocab again;
    FUZZ_CHECK(Vocab::from_json(v.to_json(), again).is_ok() && again.chars() == v.chars(), "to_json round trip");
  }
  Vocab from_json;
  if (Vocab::from_json(bytes, from_json)) {
    Vocab again;
    FUZZ_CHECK(Vocab::from_json(from_json.to_json(), again).is_ok() && again.chars() == from_json.chars(),
               "a vocabulary read from JSON writes back the same");
    std::vector<TokenId> ids;
    for (TokenId id = 0; id < from_json.size(); ++id) ids.push_back(id);
    std::vector<TokenId> back;
    FUZZ_CHECK(from_json.encode(from_json.decode(ids), back).is_ok() && back == ids, "every entry encodes to its id");
  }
  return 0;
}
