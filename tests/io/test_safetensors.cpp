// The safetensors File and Tensor (engine/io/safetensors.cpp): lookups, metadata and validate().
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>

#include "engine/io/safetensors.hpp"
#include "io/safetensors_helpers.hpp"

namespace st = rp::safetensors;
using rp::test::sample;

TEST_CASE("safetensors File helpers and validation", "[safetensors]") {
  SECTION("find, meta and set_meta") {
    st::File f = sample();
    REQUIRE(f.find("rnn.bias") != nullptr);
    REQUIRE(f.find("nope") == nullptr);
    f.find("scale")->data[0] = 2.0f;
    REQUIRE(static_cast<const st::File&>(f).find("scale")->data[0] == 2.0f);
    REQUIRE(*f.meta("format") == "rp-v1");
    REQUIRE(f.meta("nope") == nullptr);
    const size_t count = f.metadata.size();
    f.set_meta("format", "rp-v2");
    REQUIRE(f.metadata.size() == count);
    REQUIRE(*f.meta("format") == "rp-v2");
  }

  SECTION("numel guards against negative and overflowing shapes") {
    st::Tensor t;
    t.shape = {2, -1};
    REQUIRE(t.numel() == -1);
    t.shape = {int64_t{1} << 40, int64_t{1} << 40};
    REQUIRE(t.numel() == -1);
    t.shape = {0, int64_t{1} << 62, int64_t{1} << 62};
    REQUIRE(t.numel() == 0);
  }

  SECTION("validate accepts the sample and refuses what serialize cannot express") {
    REQUIRE(st::validate(sample()).is_ok());
    st::File dup;
    dup.add("a", {1}, {1});
    dup.add("a", {1}, {2});
    REQUIRE(st::validate(dup).message() == "safetensors: duplicate tensor name 'a'");
    st::File mismatch;
    mismatch.add("m", {2, 2}, {1, 2, 3});
    REQUIRE(st::validate(mismatch).message() == "safetensors: tensor 'm' has 3 values but shape [2,2] needs 4");
    st::File reserved;
    reserved.add("__metadata__", {1}, {1});
    REQUIRE_FALSE(st::validate(reserved).is_ok());
    st::File badshape;
    badshape.add("s", {-1}, {});
    REQUIRE(st::validate(badshape).message().find("unsupported shape [-1]") != std::string::npos);
    st::File badmeta;
    badmeta.metadata.emplace_back("k", "1");
    badmeta.metadata.emplace_back("k", "2");
    REQUIRE(st::validate(badmeta).message() == "safetensors: duplicate metadata key 'k'");
    st::File badutf;
    badutf.set_meta("k", "\xC3");
    REQUIRE_FALSE(st::validate(badutf).is_ok());
  }
}
