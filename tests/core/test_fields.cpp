// Field tables: every family's settings are named and bounded once; JSON, checks and the catalogue's
// description all follow from the table.
#include <catch2/catch.hpp>
#include <set>

#include "engine/lm/experiment.hpp"
#include "engine/seq2seq/experiment.hpp"

using namespace rp;

namespace {

template <class C> void check_table(const FieldTable<C>& table) {
  const C defaults{};
  std::set<std::string> names;
  for (const auto& row : table.rows()) {
    const FieldSpec& s = row.spec;
    INFO(s.name);
    CHECK(names.insert(s.name).second);  // one name, once
    CHECK_FALSE(s.label.empty());
    CHECK_FALSE(s.help.empty());
    CHECK(check_value(s, row.get(defaults)).is_ok());  // the default is within its own bounds
    C c = defaults;
    if (s.type == FieldType::Int || s.type == FieldType::Number) {
      const double step = s.type == FieldType::Int ? 1 : std::max(1e-6, (s.max - s.min) * 1e-3);
      if (s.max < 1e18) {
        const Status above = table.set(c, row, json::Value::from_double(s.max + step), "field");
        CHECK_THAT(above.message(), Catch::Matchers::Contains("must be"));
      }
      const Status below = table.set(c, row, json::Value::from_double(s.exclusive_min ? s.min : s.min - step), "field");
      CHECK_FALSE(below.is_ok());
    }
    if (s.type == FieldType::Choice) {
      CHECK_FALSE(s.choices.empty());
      CHECK_THAT(table.set(c, row, json::Value::from_string("no-such-thing"), "field").message(),
                 Catch::Matchers::Contains("one of"));
      for (const auto& name : s.choices) {  // every choice resolves and reads back
        REQUIRE(table.set(c, row, json::Value::from_string(name), "field").is_ok());
        CHECK(row.get(c).string == name);
      }
    }
    if (s.type == FieldType::Bool) CHECK_FALSE(table.set(c, row, json::Value::from_int(1), "field").is_ok());
  }
  // Defaults survive a JSON round trip exactly.
  C back{};
  REQUIRE(table.apply_json(table.to_json(defaults), back).is_ok());
  CHECK(table.to_json(back) == table.to_json(defaults));
  // The description carries what the page needs to read a link.
  const json::Value d = table.describe(defaults);
  REQUIRE(d.array.size() == table.rows().size());
  for (const auto& f : d.array)
    for (const char* key : {"name", "label", "group", "type", "default", "flag"}) CHECK(f.find(key) != nullptr);
}

}  // namespace

TEST_CASE("Every family's field table is consistent, bounded and round-trips", "[fields]") {
  SECTION("lm") { check_table(lm_fields()); }
  SECTION("seq2seq") { check_table(seq2seq_fields()); }
}

TEST_CASE("Field errors name the field and the bound", "[fields]") {
  LmExperiment e;
  Status s = lm_fields().apply_json(R"({"layers":9})", e);
  CHECK_THAT(s.message(), Catch::Matchers::Contains("'layers' (number of layers) must be between 1 and 4, got 9"));
  s = lm_fields().apply_json(R"({"lr":0})", e);
  CHECK_THAT(s.message(), Catch::Matchers::Contains("'lr' (learning rate) must be above 0"));
  s = lm_fields().apply_json(R"({"prime":3})", e);
  CHECK_THAT(s.message(), Catch::Matchers::Contains("'prime' (priming text) must be a string"));
  e.train.model.hidden = 0;
  CHECK_THAT(lm_fields().check(e).message(), Catch::Matchers::Contains("hidden size must be between 1 and 2048"));
}

TEST_CASE("Text bounds count characters, not bytes", "[fields]") {
  FieldSpec s = FieldSpec("t", "text", "data").at_most_chars(3);
  s.type = FieldType::Text;
  CHECK(check_value(s, json::Value::from_string("\xC3\xA9\xC3\xA9\xC3\xA9")).is_ok());  // three é, six bytes
  CHECK_FALSE(check_value(s, json::Value::from_string("abcd")).is_ok());
}

TEST_CASE("Command-line text reads as the field's type", "[fields]") {
  const auto* hidden = lm_fields().find("hidden");
  REQUIRE(hidden);
  json::Value v;
  CHECK(parse_text(hidden->spec, "64", v).is_ok());
  CHECK(v.number == 64);
  CHECK_FALSE(parse_text(hidden->spec, "64x", v).is_ok());
  CHECK_FALSE(parse_text(hidden->spec, "1e2", v).is_ok());
  CHECK(hidden->spec.flag() == "--hidden");
  CHECK(lm_fields().find("clip_norm")->spec.flag() == "--clip-norm");
}
