// Vocabulary: code points sorted, Unicode beyond ASCII, clear errors.
#include <catch2/catch.hpp>

#include "engine/core/vocab.hpp"

using namespace rp;

TEST_CASE("The vocabulary is the distinct code points sorted", "[vocab]") {
  Vocab v;
  REQUIRE(Vocab::from_text("banana é😀\n", v).is_ok());
  CHECK(v.chars() == std::u32string(U"\n abné😀"));
  std::vector<TokenId> ids;
  REQUIRE(v.encode("né😀", ids).is_ok());
  CHECK(ids == std::vector<TokenId>{4, 5, 6});
  CHECK(v.decode(ids) == "né😀");
  Vocab back;
  REQUIRE(Vocab::from_json(v.to_json(), back).is_ok());
  CHECK(back.chars() == v.chars());
}

TEST_CASE("Vocabulary errors name the problem", "[vocab]") {
  Vocab v;
  REQUIRE(Vocab::from_text("abc", v).is_ok());
  std::vector<TokenId> ids;
  Status s = v.encode("abz", ids);
  REQUIRE_FALSE(s.is_ok());
  CHECK_THAT(s.message(), Catch::Matchers::Contains("position 2"));
  CHECK_FALSE(Vocab::from_text("\xff\xfe", v).is_ok());
  CHECK_FALSE(Vocab::from_json("[\"a\",\"a\"]", v).is_ok());
  CHECK_FALSE(Vocab::from_json("[\"ab\"]", v).is_ok());
  CHECK_FALSE(Vocab::from_json("{}", v).is_ok());
}
