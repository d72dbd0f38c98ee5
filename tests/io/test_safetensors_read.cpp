// Reading safetensors bytes (engine/io/safetensors_read.cpp): files from other writers, malformed headers,
// truncation and corruption.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "engine/io/safetensors.hpp"
#include "io/safetensors_helpers.hpp"

namespace st = rp::safetensors;
using rp::test::parse_ok;
using rp::test::same_bits;
using rp::test::sample;

namespace {

// Builds a file by hand: 8-byte little-endian length (which may lie), header text, data bytes.
std::vector<uint8_t> raw_file(uint64_t declared_len, const std::string& header, size_t data_bytes) {
  std::vector<uint8_t> out(8);
  std::memcpy(out.data(), &declared_len, 8);
  out.insert(out.end(), header.begin(), header.end());
  for (size_t i = 0; i < data_bytes; ++i) out.push_back(static_cast<uint8_t>(i * 7 + 1));
  return out;
}

std::vector<uint8_t> hand_file(const std::string& header, size_t data_bytes) {
  return raw_file(header.size(), header, data_bytes);
}

std::string parse_error(const std::vector<uint8_t>& bytes) {
  st::File f;
  f.add("stale", {1}, {1.0f});
  const rp::Status s = st::parse(bytes.data(), bytes.size(), f);
  REQUIRE_FALSE(s.is_ok());
  REQUIRE(f.tensors.empty());  // a failed parse leaves nothing half-filled
  REQUIRE(f.metadata.empty());
  return s.message();
}

// One-tensor header with the given entry body, e.g. R"("dtype":"F32","shape":[1],"data_offsets":[0,4])".
std::string one(const std::string& name, const std::string& body) { return "{\"" + name + "\":{" + body + "}}"; }

}  // namespace

TEST_CASE("safetensors accepts valid files from other writers", "[safetensors]") {
  SECTION("tensors come back sorted by data offset, not header order") {
    const std::string h = R"({"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]},)"
                          R"("a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}})";
    const st::File f = parse_ok(hand_file(h, 8));
    REQUIRE(f.tensors.size() == 2);
    REQUIRE(f.tensors[0].name == "a");
    REQUIRE(f.tensors[1].name == "b");
  }

  SECTION("whitespace padding, unpadded headers and extra keys are tolerated") {
    const std::string h = " { \"x\" : { \"shape\" : [ 1 ] , \"data_offsets\" : [ 0 , 4 ], \"dtype\" : \"F32\", "
                          "\"extra\": [] } }   ";
    const st::File f = parse_ok(hand_file(h, 4));
    REQUIRE(f.tensors.size() == 1);
    float expect = 0;
    const uint8_t payload[4] = {0 * 7 + 1, 1 * 7 + 1, 2 * 7 + 1, 3 * 7 + 1};
    std::memcpy(&expect, payload, 4);
    REQUIRE(same_bits(f.tensors[0].data, {expect}));
  }

  SECTION("metadata may be empty and may appear anywhere") {
    const std::string h = R"({"x":{"dtype":"F32","shape":[],"data_offsets":[0,4]},"__metadata__":{}})";
    const st::File f = parse_ok(hand_file(h, 4));
    REQUIRE(f.metadata.empty());
    REQUIRE(f.tensors.size() == 1);
  }

  SECTION("empty tensors may sit inside another tensor's bytes") {
    const std::string h = R"({"x":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},)"
                          R"("e":{"dtype":"F32","shape":[3,0],"data_offsets":[4,4]}})";
    const st::File f = parse_ok(hand_file(h, 8));
    REQUIRE(f.find("e")->data.empty());
  }
}

TEST_CASE("safetensors refuses malformed files", "[safetensors]") {
  const std::string ok_body = R"("dtype":"F32","shape":[2],"data_offsets":[0,8])";

  SECTION("file shorter than 8 bytes") {
    for (size_t n = 0; n < 8; ++n) {
      std::vector<uint8_t> tiny(n, 0);
      REQUIRE(parse_error(tiny).find("too short") != std::string::npos);
    }
    st::File f;
    REQUIRE_FALSE(st::parse(nullptr, 0, f).is_ok());
  }

  SECTION("header length larger than the file") {
    const std::string h = one("x", ok_body);
    const std::string msg = parse_error(raw_file(h.size() + 9, h, 8));
    REQUIRE(msg.find("header length " + std::to_string(h.size() + 9) + " is larger than") != std::string::npos);
    REQUIRE(msg.find("the file is cut short") != std::string::npos);  // its JSON header begins: a truncated model
    REQUIRE(parse_error(raw_file(1, "", 0)).find("larger than the 0 bytes") != std::string::npos);
  }

  SECTION("header length above 100 MiB") {
    const std::string h = one("x", ok_body);
    REQUIRE(parse_error(raw_file((uint64_t{100} << 20) + 1, h, 8)).find("exceeds the 100 MiB limit") !=
            std::string::npos);
    REQUIRE(parse_error(raw_file(std::numeric_limits<uint64_t>::max(), h, 8)).find("100 MiB") != std::string::npos);
    // a PNG's signature read as a header length: said as what it is before the number
    std::vector<uint8_t> png = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    png.resize(72, 0);
    REQUIRE(parse_error(png).rfind("safetensors: not a safetensors file: its first 8 bytes give a header length of ", 0) ==
            0);
  }

  SECTION("header that is not JSON, or not an object") {
    REQUIRE(parse_error(hand_file("garbage!", 0)).find("header is not valid JSON: JSON:") != std::string::npos);
    REQUIRE(parse_error(hand_file("", 0)).find("header is not valid JSON") != std::string::npos);
    REQUIRE(parse_error(hand_file("{\"x\":", 0)).find("header is not valid JSON") != std::string::npos);
    REQUIRE(parse_error(hand_file("{} trailing", 0)).find("not valid JSON") != std::string::npos);
    REQUIRE(parse_error(hand_file(std::string("{}\0\0\0\0\0\0", 8), 0)).find("not valid JSON") != std::string::npos);
    REQUIRE(parse_error(hand_file("{\"\xFF\":1}", 0)).find("invalid UTF-8") != std::string::npos);
    REQUIRE(parse_error(hand_file("[]      ", 0)).find("header is not a JSON object") != std::string::npos);
    REQUIRE(parse_error(hand_file("\"x\"", 0)).find("header is not a JSON object") != std::string::npos);
  }

  SECTION("header with more JSON values than any real checkpoint needs") {
    std::string h = R"({"__metadata__":{},"x":[)";
    for (size_t i = 0; i < st::kMaxHeaderValues; ++i) h += "0,";
    h += "0]}";
    REQUIRE(parse_error(hand_file(h, 0)).find("too many values") != std::string::npos);
  }

  SECTION("entry that is not an object, or misses a field") {
    REQUIRE(parse_error(hand_file(R"({"x":1})", 0)) == "safetensors: tensor 'x': entry is not a JSON object");
    REQUIRE(parse_error(hand_file(one("x", R"("shape":[2],"data_offsets":[0,8])"), 8)) ==
            "safetensors: tensor 'x' is missing \"dtype\"");
    REQUIRE(parse_error(hand_file(one("x", R"("dtype":"F32","data_offsets":[0,8])"), 8)) ==
            "safetensors: tensor 'x' is missing \"shape\"");
    REQUIRE(parse_error(hand_file(one("x", R"("dtype":"F32","shape":[2])"), 8)) ==
            "safetensors: tensor 'x' is missing \"data_offsets\"");
  }

  SECTION("fields with the wrong JSON types") {
    REQUIRE(parse_error(hand_file(one("x", R"("dtype":32,"shape":[2],"data_offsets":[0,8])"), 8)) ==
            "safetensors: tensor 'x': \"dtype\" is not a string");
    REQUIRE(parse_error(hand_file(one("x", R"("dtype":"F32","shape":"2","data_offsets":[0,8])"), 8)) ==
            "safetensors: tensor 'x': \"shape\" is not an array");
    REQUIRE(parse_error(hand_file(one("x", R"("dtype":"F32","shape":["2"],"data_offsets":[0,8])"), 8)) ==
            "safetensors: tensor 'x': shape[0] is not a number");
    REQUIRE(parse_error(hand_file(one("x", R"("dtype":"F32","shape":[1,2.5],"data_offsets":[0,8])"), 8)) ==
            "safetensors: tensor 'x': shape[1] is not an integer");
    const std::string offsets_msg = "safetensors: tensor 'x': \"data_offsets\" must be two non-negative integers";
    for (const char* bad : {"{}", "[0]", "[0,8,8]", "[0,\"8\"]", "[-8,0]", "[0,8.5]", "[null,8]", "0"}) {
      INFO(bad);
      REQUIRE(parse_error(hand_file(one("x", std::string(R"("dtype":"F32","shape":[2],"data_offsets":)") + bad), 8)) ==
              offsets_msg);
    }
  }

  SECTION("known dtypes that are not floating point (or are 8-bit floats)") {
    for (const char* dt : {"BOOL", "U8", "I8", "I16", "U16", "I32", "U32", "I64", "U64", "F8_E4M3", "F8_E5M2"}) {
      INFO(dt);
      const std::string body = std::string("\"dtype\":\"") + dt + R"(","shape":[2],"data_offsets":[0,8])";
      REQUIRE(parse_error(hand_file(one("x", body), 8)) ==
              std::string("safetensors: tensor 'x' has dtype ") + dt + "; only F32, F16, BF16 and F64 are read");
    }
  }

  SECTION("a half-precision tensor must span 2 bytes a value") {
    REQUIRE(parse_error(hand_file(one("x", R"("dtype":"F16","shape":[2],"data_offsets":[0,8])"), 8)).find("needs 4") !=
            std::string::npos);
  }

  SECTION("unknown dtype") {
    REQUIRE(parse_error(hand_file(one("x", R"("dtype":"Q7","shape":[2],"data_offsets":[0,8])"), 8)) ==
            "safetensors: tensor 'x' has unknown dtype 'Q7'");
    REQUIRE(parse_error(hand_file(one("x", R"("dtype":"f32","shape":[2],"data_offsets":[0,8])"), 8)) ==
            "safetensors: tensor 'x' has unknown dtype 'f32'");
  }

  SECTION("negative dimensions") {
    REQUIRE(parse_error(hand_file(one("x", R"("dtype":"F32","shape":[2,-1],"data_offsets":[0,8])"), 8)) ==
            "safetensors: tensor 'x': shape[1] is negative (-1)");
    REQUIRE(parse_error(hand_file(one("x", R"("dtype":"F32","shape":[-1e30],"data_offsets":[0,8])"), 8)) ==
            "safetensors: tensor 'x': shape[0] is negative");
  }

  SECTION("rank above 8") {
    REQUIRE(parse_error(hand_file(one("x", R"("dtype":"F32","shape":[1,1,1,1,1,1,1,1,1],"data_offsets":[0,4])"), 4)) ==
            "safetensors: tensor 'x' has rank 9; at most 8 dimensions are supported");
    // Rank 8 itself is fine.
    parse_ok(hand_file(one("x", R"("dtype":"F32","shape":[1,1,1,1,1,1,1,1],"data_offsets":[0,4])"), 4));
  }

  SECTION("absurd element counts") {
    const std::string too_many = "safetensors: tensor 'x' has too many elements (limit 268435456)";
    for (const char* shape : {"[268435457]", "[16384,16385]", "[4294967296,4294967296]", "[9223372036854775807]",
                              "[99999999999999999999999]", "[65536,65536,65536,65536]", "[1e300]"}) {
      INFO(shape);
      REQUIRE(parse_error(hand_file(one("x", std::string(R"("dtype":"F32","shape":)") + shape +
                                                 R"(,"data_offsets":[0,8])"),
                                    8)) == too_many);
    }
    // Exactly 2^28 passes the shape check and then fails on the (missing) bytes, not on allocation.
    REQUIRE(parse_error(hand_file(one("x", R"("dtype":"F32","shape":[268435456],"data_offsets":[0,8])"), 8))
                .find("needs 1073741824") != std::string::npos);
    // A zero dimension next to a huge one is still refused: each dimension is limited on its own.
    REQUIRE(parse_error(hand_file(one("x", R"("dtype":"F32","shape":[0,268435457],"data_offsets":[0,0])"), 0)) ==
            too_many);
  }

  SECTION("data_offsets begin after end") {
    REQUIRE(parse_error(hand_file(one("x", R"("dtype":"F32","shape":[2],"data_offsets":[8,0])"), 8)) ==
            "safetensors: tensor 'x': data_offsets begin 8 is after end 0");
  }

  SECTION("data_offsets end beyond the data section") {
    REQUIRE(parse_error(hand_file(one("x", R"("dtype":"F32","shape":[2],"data_offsets":[4,12])"), 8)) ==
            "safetensors: tensor 'x': data_offsets end 12 is beyond the data section (8 bytes)");
    REQUIRE(parse_error(hand_file(one("x", R"("dtype":"F32","shape":[2],)"
                                           R"("data_offsets":[18446744073709551608,18446744073709551615])"),
                                  8))
                .find("beyond the data section") != std::string::npos);
    REQUIRE(parse_error(hand_file(one("x", R"("dtype":"F32","shape":[2],"data_offsets":[0,18446744073709551616])"), 8)) ==
            "safetensors: tensor 'x': \"data_offsets\" must be two non-negative integers");
  }

  SECTION("data_offsets span that does not match the shape") {
    REQUIRE(parse_error(hand_file(one("x", R"("dtype":"F32","shape":[2,3],"data_offsets":[0,12])"), 24)) ==
            "safetensors: tensor 'x': data_offsets span 12 bytes but shape [2,3] needs 24");
    REQUIRE(parse_error(hand_file(one("x", R"("dtype":"F32","shape":[],"data_offsets":[0,0])"), 8)) ==
            "safetensors: tensor 'x': data_offsets span 0 bytes but shape [] needs 4");
    REQUIRE(parse_error(hand_file(one("x", R"("dtype":"F32","shape":[0],"data_offsets":[0,4])"), 8)) ==
            "safetensors: tensor 'x': data_offsets span 4 bytes but shape [0] needs 0");
  }

  SECTION("overlapping tensors") {
    const std::string h = R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},)"
                          R"("b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}})";
    REQUIRE(parse_error(hand_file(h, 12)) == "safetensors: tensors 'a' and 'b' overlap in the data section");
    const std::string same = R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},)"
                             R"("b":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}})";
    REQUIRE(parse_error(hand_file(same, 4)).find("overlap") != std::string::npos);
    // A big tensor swallowing a later small one is caught even with a tensor in between.
    const std::string nested = R"({"big":{"dtype":"F32","shape":[4],"data_offsets":[0,16]},)"
                               R"("mid":{"dtype":"F32","shape":[1],"data_offsets":[4,8]},)"
                               R"("tail":{"dtype":"F32","shape":[1],"data_offsets":[12,16]}})";
    REQUIRE(parse_error(hand_file(nested, 16)) == "safetensors: tensors 'big' and 'mid' overlap in the data section");
  }

  SECTION("metadata that is not an object of strings") {
    const std::string t = R"("x":{"dtype":"F32","shape":[2],"data_offsets":[0,8]})";
    REQUIRE(parse_error(hand_file(R"({"__metadata__":{"epoch":3},)" + t + "}", 8)) ==
            "safetensors: \"__metadata__\" value for key 'epoch' is not a string");
    REQUIRE(parse_error(hand_file(R"({"__metadata__":{"a":"1","b":null},)" + t + "}", 8)) ==
            "safetensors: \"__metadata__\" value for key 'b' is not a string");
    REQUIRE(parse_error(hand_file(R"({"__metadata__":{"a":["x"]},)" + t + "}", 8)).find("'a' is not a string") !=
            std::string::npos);
    REQUIRE(parse_error(hand_file(R"({"__metadata__":"text",)" + t + "}", 8)) ==
            "safetensors: \"__metadata__\" is not a JSON object");
  }

  SECTION("duplicate tensor names and duplicate metadata keys") {
    const std::string dup = R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},)"
                            R"("a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}})";
    REQUIRE(parse_error(hand_file(dup, 8)).find("duplicate key \"a\"") != std::string::npos);
    REQUIRE(parse_error(hand_file(R"({"__metadata__":{"k":"1","k":"2"}})", 0)).find("duplicate key \"k\"") !=
            std::string::npos);
  }
}

TEST_CASE("safetensors survives truncation and corruption", "[safetensors]") {
  const std::vector<uint8_t> full = st::serialize(sample());

  SECTION("every proper prefix fails cleanly; only the full length succeeds") {
    for (size_t len = 0; len <= full.size(); ++len) {
      // An exact-size copy so AddressSanitizer would flag any read past the prefix.
      std::vector<uint8_t> prefix(full.begin(), full.begin() + static_cast<std::ptrdiff_t>(len));
      st::File f;
      const rp::Status s = st::parse(prefix.data(), prefix.size(), f);
      INFO("prefix length " << len);
      if (len == full.size()) {
        REQUIRE(s.is_ok());
        REQUIRE(f.tensors.size() == 5);
      } else {
        REQUIRE_FALSE(s.is_ok());
        REQUIRE(f.tensors.empty());
        REQUIRE(s.message().rfind("safetensors: ", 0) == 0);
      }
    }
  }

  SECTION("flipping any header byte never crashes and never yields inconsistent tensors") {
    uint64_t n = 0;
    std::memcpy(&n, full.data(), 8);
    for (size_t i = 0; i < 8 + n; ++i) {
      for (uint8_t mask : {uint8_t{0x01}, uint8_t{0x20}, uint8_t{0x80}}) {
        std::vector<uint8_t> bad = full;
        bad[i] ^= mask;
        st::File f;
        if (st::parse(bad.data(), bad.size(), f).is_ok()) {
          for (const st::Tensor& t : f.tensors) REQUIRE(t.numel() == static_cast<int64_t>(t.data.size()));
        }
      }
    }
  }
}

TEST_CASE("parse_header reads names, shapes and metadata without copying data, with parse's checks", "[safetensors]") {
  const std::string header =
      R"({"__metadata__":{"model":"char_lm"},"b":{"dtype":"F32","shape":[3],"data_offsets":[8,20]},)"
      R"("a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}})";
  const std::vector<uint8_t> bytes = hand_file(header, 20);
  st::File full, head;
  REQUIRE(st::parse(bytes.data(), bytes.size(), full).is_ok());
  REQUIRE(st::parse_header(bytes.data(), bytes.size(), head).is_ok());
  REQUIRE(head.tensors.size() == full.tensors.size());
  for (size_t i = 0; i < head.tensors.size(); ++i) {
    CHECK(head.tensors[i].name == full.tensors[i].name);
    CHECK(head.tensors[i].shape == full.tensors[i].shape);
    CHECK(head.tensors[i].numel() == int64_t(full.tensors[i].data.size()));
    CHECK(head.tensors[i].data.empty());
  }
  REQUIRE(head.meta("model") != nullptr);
  CHECK(*head.meta("model") == "char_lm");
  // the same refusals: data past the end of the file, overlapping tensors
  for (const std::vector<uint8_t>& bad : {hand_file(header, 12), hand_file(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}})", 12)}) {
    st::File f;
    const rp::Status s = st::parse_header(bad.data(), bad.size(), f);
    CHECK_FALSE(s.is_ok());
    st::File g;
    CHECK(st::parse(bad.data(), bad.size(), g).message() == s.message());
    CHECK(f.tensors.empty());
  }
}

TEST_CASE("safetensors refuses holes and trailing bytes in the data section, as the reference loader does", "[safetensors]") {
  const std::string gap = R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}})";
  CHECK(parse_error(hand_file(gap, 12)).find("4 unused bytes before tensor 'b'") != std::string::npos);
  const std::string late = R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}})";
  CHECK(parse_error(hand_file(late, 8)).find("4 unused bytes before tensor 'a'") != std::string::npos);
  const std::string single = R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}})";
  CHECK(parse_error(hand_file(single, 7)).find("3 bytes after its last tensor") != std::string::npos);
  parse_ok(hand_file(single, 4));
}

namespace {
// A one-tensor file of `dtype` whose data section is `data` (little-endian values).
std::vector<uint8_t> typed_file(const char* dtype, size_t count, const std::vector<uint8_t>& data) {
  const std::string h = std::string("{\"x\":{\"dtype\":\"") + dtype + "\",\"shape\":[" + std::to_string(count) +
                        "],\"data_offsets\":[0," + std::to_string(data.size()) + "]}}";
  std::vector<uint8_t> out = raw_file(h.size(), h, 0);
  out.insert(out.end(), data.begin(), data.end());
  return out;
}
std::vector<uint8_t> le16(std::initializer_list<uint16_t> xs) {
  std::vector<uint8_t> out;
  for (uint16_t x : xs) out.push_back(uint8_t(x & 0xff)), out.push_back(uint8_t(x >> 8));
  return out;
}
}  // namespace

TEST_CASE("F16, BF16 and F64 tensors are converted to F32 exactly on load", "[safetensors]") {
  const float inf = std::numeric_limits<float>::infinity();
  SECTION("F16: normal, negative, largest, smallest subnormal, signed zero, infinity") {
    // 1, -2, 65504, 2^-24, 2^-14 (smallest normal), 0.333251953125, -0, +inf
    const st::File f = parse_ok(typed_file("F16", 8, le16({0x3C00, 0xC000, 0x7BFF, 0x0001, 0x0400, 0x3555, 0x8000, 0x7C00})));
    const std::vector<float>& d = f.tensors[0].data;
    REQUIRE(d.size() == 8);
    CHECK(d[0] == 1.0f);
    CHECK(d[1] == -2.0f);
    CHECK(d[2] == 65504.0f);
    CHECK(d[3] == std::ldexp(1.0f, -24));
    CHECK(d[4] == std::ldexp(1.0f, -14));
    CHECK(d[5] == 0.333251953125f);
    CHECK((d[6] == 0.0f && std::signbit(d[6])));
    CHECK(d[7] == inf);
    // a NaN stays a NaN
    CHECK(std::isnan(parse_ok(typed_file("F16", 1, le16({0x7E00}))).tensors[0].data[0]));
  }
  SECTION("F16: every subnormal is k * 2^-24") {
    for (uint16_t k = 1; k < 0x400; k += 37) {
      INFO(k);
      CHECK(parse_ok(typed_file("F16", 1, le16({k}))).tensors[0].data[0] == float(k) * std::ldexp(1.0f, -24));
    }
  }
  SECTION("BF16 is the top half of a float") {
    const st::File f = parse_ok(typed_file("BF16", 3, le16({0x3F80, 0x4049, 0xC2F7})));
    CHECK(f.tensors[0].data == std::vector<float>{1.0f, 3.140625f, -123.5f});
  }
  SECTION("F64 narrows to the nearest float") {
    std::vector<uint8_t> bytes(16);
    const double v[2] = {0.1, -1e300};
    std::memcpy(bytes.data(), v, 16);
    const st::File f = parse_ok(typed_file("F64", 2, bytes));
    CHECK(f.tensors[0].data[0] == 0.1f);
    CHECK(f.tensors[0].data[1] == -inf);  // the checkpoint loader refuses it as non-finite
  }
}
