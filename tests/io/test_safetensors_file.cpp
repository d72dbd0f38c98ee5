// Safetensors files on disk (engine/io/safetensors_file.cpp): read_file and write_file.
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <string>

#include "engine/io/safetensors.hpp"
#include "io/safetensors_helpers.hpp"

#if defined(__unix__) || defined(__APPLE__)
#include <unistd.h>
#endif

namespace st = rp::safetensors;
using rp::test::sample;

TEST_CASE("safetensors files on disk", "[safetensors]") {
  namespace fs = std::filesystem;
  std::error_code ec;
#if defined(__unix__) || defined(__APPLE__)
  const std::string unique = std::to_string(static_cast<long>(getpid()));
#else
  const std::string unique = "0";
#endif
  const fs::path dir = fs::temp_directory_path(ec) / ("rp_safetensors_test_" + unique);
  REQUIRE_FALSE(ec);
  fs::remove_all(dir, ec);
  REQUIRE(fs::create_directories(dir, ec));
  const std::string path = (dir / "model.safetensors").string();

  SECTION("write_file then read_file round trips and leaves no temp file") {
    const st::File src = sample();
    REQUIRE(st::write_file(path, src).is_ok());
    REQUIRE_FALSE(fs::exists(path + ".tmp"));
    REQUIRE(fs::file_size(path) == st::serialize(src).size());
    st::File back;
    REQUIRE(st::read_file(path, back).is_ok());
    REQUIRE(st::serialize(back) == st::serialize(src));

    // Overwriting replaces the old contents entirely.
    st::File small;
    small.add("only", {1}, {5.0f});
    REQUIRE(st::write_file(path, small).is_ok());
    REQUIRE(st::read_file(path, back).is_ok());
    REQUIRE(back.tensors.size() == 1);
    REQUIRE(back.tensors[0].data == std::vector<float>{5.0f});
  }

  SECTION("read_file of a missing path names the path") {
    st::File f;
    const std::string missing = (dir / "does_not_exist.safetensors").string();
    const rp::Status s = st::read_file(missing, f);
    REQUIRE_FALSE(s.is_ok());
    REQUIRE(s.message().find("'" + missing + "'") != std::string::npos);
  }

  SECTION("read_file of a corrupt file names the path and the problem") {
    const std::string junk = (dir / "junk.safetensors").string();
    std::FILE* fp = std::fopen(junk.c_str(), "wb");
    REQUIRE(fp != nullptr);
    std::fputs("abc", fp);
    std::fclose(fp);
    st::File f;
    const rp::Status s = st::read_file(junk, f);
    REQUIRE_FALSE(s.is_ok());
    REQUIRE(s.message().find("too short") != std::string::npos);
    REQUIRE(s.message().find(junk) != std::string::npos);
  }

  SECTION("write_file refuses invalid files and unwritable paths without leaving debris") {
    st::File bad;
    bad.add("m", {2}, {1.0f});
    REQUIRE_FALSE(st::write_file(path, bad).is_ok());
    REQUIRE_FALSE(fs::exists(path));
    const std::string nowhere = (dir / "no_such_dir" / "x.safetensors").string();
    const rp::Status s = st::write_file(nowhere, sample());
    REQUIRE_FALSE(s.is_ok());
    REQUIRE(s.message().find(nowhere) != std::string::npos);
  }

  fs::remove_all(dir, ec);
}
