// Writing safetensors bytes (engine/io/safetensors_write.cpp): exact, deterministic, padded bytes that read back
// bit for bit.
#include <catch2/catch.hpp>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "engine/io/safetensors.hpp"
#include "io/safetensors_helpers.hpp"

namespace st = rp::safetensors;
using rp::test::parse_ok;
using rp::test::same_bits;
using rp::test::sample;

TEST_CASE("safetensors round trip", "[safetensors]") {
  const st::File src = sample();
  const std::vector<uint8_t> bytes = st::serialize(src);

  SECTION("shapes, names, metadata and data survive bit-exactly") {
    const st::File back = parse_ok(bytes);
    REQUIRE(back.tensors.size() == src.tensors.size());
    for (size_t i = 0; i < src.tensors.size(); ++i) {
      REQUIRE(back.tensors[i].name == src.tensors[i].name);
      REQUIRE(back.tensors[i].shape == src.tensors[i].shape);
      REQUIRE(same_bits(back.tensors[i].data, src.tensors[i].data));
    }
    REQUIRE(back.metadata == src.metadata);
    REQUIRE(*back.meta("vocab") == *src.meta("vocab"));
  }

  SECTION("empty tensor and scalar") {
    const st::File back = parse_ok(bytes);
    const st::Tensor* empty = back.find("empty");
    REQUIRE(empty != nullptr);
    REQUIRE(empty->shape == std::vector<int64_t>{0});
    REQUIRE(empty->numel() == 0);
    REQUIRE(empty->data.empty());
    const st::Tensor* scale = back.find("scale");
    REQUIRE(scale != nullptr);
    REQUIRE(scale->shape.empty());
    REQUIRE(scale->numel() == 1);
    REQUIRE(scale->data == std::vector<float>{0.75f});
  }

  SECTION("bytes are deterministic and stable under re-serialization") {
    REQUIRE(st::serialize(src) == bytes);
    REQUIRE(st::serialize(parse_ok(bytes)) == bytes);
  }

  SECTION("header is padded with spaces to a multiple of 8") {
    uint64_t n = 0;
    std::memcpy(&n, bytes.data(), 8);
    REQUIRE(n % 8 == 0);
    REQUIRE(8 + n <= bytes.size());
    const std::string header(reinterpret_cast<const char*>(bytes.data()) + 8, static_cast<size_t>(n));
    const size_t close = header.rfind('}');
    REQUIRE(close != std::string::npos);
    REQUIRE(header.size() - close - 1 < 8);
    for (size_t i = close + 1; i < header.size(); ++i) REQUIRE(header[i] == ' ');
    // Data section: 6 + 4 + 0 + 1 + 4 floats.
    REQUIRE(bytes.size() - 8 - n == 15 * 4);
  }

  SECTION("exact bytes for a tiny file") {
    st::File f;
    f.add("w", {2}, {1.0f, 2.0f});
    const std::vector<uint8_t> b = st::serialize(f);
    std::string header = R"({"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}})";
    while (header.size() % 8) header += ' ';
    std::vector<uint8_t> expect(8, 0);
    expect[0] = static_cast<uint8_t>(header.size());
    expect.insert(expect.end(), header.begin(), header.end());
    const uint8_t data[] = {0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0x40};  // 1.0f, 2.0f little-endian
    expect.insert(expect.end(), data, data + 8);
    REQUIRE(b == expect);
  }

  SECTION("a file with no tensors and no metadata") {
    const std::vector<uint8_t> b = st::serialize(st::File());
    REQUIRE(b.size() == 16);
    const st::File back = parse_ok(b);
    REQUIRE(back.tensors.empty());
    REQUIRE(back.metadata.empty());
  }
}
