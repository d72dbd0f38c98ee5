// The command line's grammar (engine/cli/args.cpp): spellings, switches, checked values and suggestions.
// Native only, like the command line itself.
#include <catch2/catch.hpp>

#include "engine/cli/args.hpp"
#include "engine/lm/experiment.hpp"

using namespace rp;
using namespace rp::cli;

namespace {

// The lm table's rows as the parser sees them, plus one own option of each kind.
struct Setup {
  std::vector<Option> own = {file_option("text", "text file", "the text"), count_option("steps", "steps", 10, 1, 100, "steps"),
                             switch_option("quiet", "quiet", "no bar")};
  std::vector<Known> known;
  Setup() {
    const auto& rows = lm_fields().rows();
    for (size_t i = 0; i < rows.size(); ++i) known.push_back({&rows[i].spec, int(i)});
    for (size_t k = 0; k < own.size(); ++k) known.push_back({&own[k].spec, -1 - int(k)});
  }
  Status parse(std::vector<std::string> args, CommandLine& out) const { return parse_command_line(args, known, {"load"}, out); }
  const FieldSpec& spec_of(const Assignment& a) const {
    return a.id >= 0 ? lm_fields().rows()[size_t(a.id)].spec : own[size_t(-1 - a.id)].spec;
  }
};

}  // namespace

TEST_CASE("Flags are read in every spelling", "[cli]") {
  Setup s;
  CommandLine line;
  SECTION("--name value, --name=value, snake_case and aliases") {
    REQUIRE(s.parse({"--hidden", "64", "--lr=0.01", "--clip_norm", "2", "--lr-decay", "0.5", "--len", "9"}, line).is_ok());
    REQUIRE(line.flags.size() == 5);
    CHECK(s.spec_of(line.flags[0]).name == "hidden");
    CHECK(line.flags[0].value.number == 64);
    CHECK(s.spec_of(line.flags[1]).name == "lr");
    CHECK(s.spec_of(line.flags[2]).name == "clip_norm");
    CHECK(s.spec_of(line.flags[3]).name == "lr_gamma");
    CHECK(line.flags[3].spelling == "lr-decay");
    CHECK(line.flags[3].who == "--lr-decay");
    CHECK(s.spec_of(line.flags[4]).name == "sample_len");
  }
  SECTION("a bare switch is true, =false is false") {
    REQUIRE(s.parse({"--greedy", "--nesterov=false", "--quiet"}, line).is_ok());
    REQUIRE(line.flags.size() == 3);
    CHECK(line.flags[0].value.boolean);
    CHECK_FALSE(line.flags[1].value.boolean);
    CHECK(line.flags[2].id < 0);
  }
  SECTION("--no-<switch> turns a switch off; a name that is no switch stays unknown") {
    REQUIRE(s.parse({"--no-bias", "--dropout", "0.3", "--dropout-kind", "variational"}, line).is_ok());
    REQUIRE(line.flags.size() == 3);
    CHECK(s.spec_of(line.flags[0]).name == "bias");
    CHECK_FALSE(line.flags[0].value.boolean);
    CHECK(line.flags[0].who == "--no-bias");
    CHECK(s.spec_of(line.flags[2]).name == "dropout_kind");
    CHECK_FALSE(s.parse({"--no-hidden"}, line).is_ok());
    CHECK_FALSE(s.parse({"--dropout-kind", "zoneout"}, line).is_ok());
  }
  SECTION("--config and --help") {
    REQUIRE(s.parse({"--config", "run.json", "--hidden=8"}, line).is_ok());
    CHECK(line.config_path == "run.json");
    REQUIRE(s.parse({"--colour", "red", "-h"}, line).is_ok());
    CHECK(line.help);
  }
  SECTION("a text value may start with dashes") {
    REQUIRE(s.parse({"--prime", "--x"}, line).is_ok());
    CHECK(line.flags[0].value.string == "--x");
  }
}

TEST_CASE("Flag errors are one clear line", "[cli]") {
  Setup s;
  CommandLine line;
  auto message = [&](std::vector<std::string> args) { return s.parse(std::move(args), line).message(); };
  CHECK(message({"--hidden"}) == "--hidden needs a value");
  CHECK(message({"--hidden", "--layers", "2"}) == "--hidden needs a value");
  CHECK(message({"--hidden", "12x"}) == "--hidden must be an integer, got '12x'");
  CHECK(message({"--layers", "9"}) == "--layers must be between 1 and 4, got 9 (number of layers)");
  CHECK(message({"--lr", "-1"}) == "--lr must be above 0 and at most 10, got -1 (learning rate)");
  CHECK(message({"--lr", "nan"}) == "--lr must be a number, got 'nan'");
  CHECK_THAT(message({"--cell", "transformer"}), Catch::Matchers::StartsWith("unknown cell 'transformer' (one of "));
  CHECK(message({"--greedy=maybe"}) == "--greedy must be true or false, got 'maybe'");
  CHECK(message({"--hiden", "3"}) == "unknown flag --hiden (did you mean --hidden?)");
  CHECK(message({"--colour", "red"}) == "unknown flag --colour");
  CHECK_THAT(message({"--load", "m"}), Catch::Matchers::Contains("another verb takes it"));
  CHECK_THAT(message({"--greedy", "false"}), Catch::Matchers::Contains("--greedy=false"));
  CHECK_THAT(message({"train"}), Catch::Matchers::StartsWith("unexpected argument 'train'"));
  CHECK(message({"--config"}) == "--config needs a value");
}

TEST_CASE("Suggestions only for near misses", "[cli]") {
  const std::vector<std::string> names = {"hidden", "layers", "temperature", "train"};
  CHECK(nearest("hiden", names) == "hidden");
  CHECK(nearest("hdiden", names) == "hidden");  // a swap of neighbours costs one
  CHECK(nearest("temprature", names) == "temperature");
  CHECK(nearest("trian", names) == "train");
  CHECK(nearest("colour", names).empty());
  CHECK(nearest("x", names).empty());
  CHECK(dashed("clip_norm") == "clip-norm");
}

TEST_CASE("A verb's own values start at their fallbacks", "[cli]") {
  Setup s;
  Values v(s.own);
  CHECK_FALSE(v.has("steps"));
  CHECK(v.integer("steps") == 10);
  CHECK_FALSE(v.on("quiet"));
  CHECK(v.text("text").empty());
  v.set(1, json::Value::from_int(42));
  CHECK(v.has("steps"));
  CHECK(v.integer("steps") == 42);
}
