// Helpers shared by the safetensors tests (one test file per engine/io/safetensors*.cpp).
#pragma once
#include <catch2/catch.hpp>

#include <cstdint>
#include <cstring>
#include <limits>
#include <vector>

#include "engine/io/safetensors.hpp"

namespace rp::test {

namespace st = rp::safetensors;

inline st::File parse_ok(const std::vector<uint8_t>& bytes) {
  st::File f;
  const rp::Status s = st::parse(bytes.data(), bytes.size(), f);
  INFO(s.message());
  REQUIRE(s.is_ok());
  return f;
}

inline bool same_bits(const std::vector<float>& a, const std::vector<float>& b) {
  return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0);
}

inline st::File sample() {
  st::File f;
  f.add("embed.weight", {3, 2}, {1.0f, -2.5f, 0.0f, -0.0f, 1e-42f /* denormal */, 3.4e38f});
  f.add("rnn.bias", {4},
        {std::numeric_limits<float>::infinity(), -std::numeric_limits<float>::infinity(),
         std::numeric_limits<float>::quiet_NaN(), 0.1f});
  f.add("empty", {0}, {});
  f.add("scale", {}, {0.75f});
  f.add("cube", {2, 1, 2}, {1, 2, 3, 4});
  f.set_meta("format", "rp-v1");
  f.set_meta("vocab", "[\"a\",\"\xC3\xA9\",\"\xE5\x90\x8D\",\"\xF0\x9F\x98\x80\",\"\\n\"]");
  f.set_meta("note", "line1\nline2\t\"quoted\" \\ \xE2\x82\xAC");
  return f;
}

}  // namespace rp::test
