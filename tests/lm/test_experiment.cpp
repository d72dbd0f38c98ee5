// The training configuration as JSON: round trip, defaults, errors that name the field.
#include <catch2/catch.hpp>

#include "engine/lm/experiment.hpp"

using namespace rp;

TEST_CASE("Training configuration round-trips through JSON", "[config]") {
  TrainConfig c;
  c.model = {find_cell("lstm_peephole"), 0, 77, 3, 12};
  c.seq = 33;
  c.batch = 5;
  c.optim.kind = OptimKind::RmsProp;
  c.optim.lr = 0.0123;
  c.optim.lr_gamma = 0.5;
  c.clip = {1.5, 0.25};
  c.reset_state = true;
  c.seed = 18446744073709551615ull;
  TrainConfig back;
  REQUIRE(parse_train_config(to_json(c), back).is_ok());
  CHECK(to_json(back) == to_json(c));
  CHECK(back.seed == c.seed);
}

TEST_CASE("Configuration errors name the field", "[config]") {
  TrainConfig c;
  CHECK(parse_train_config("{}", c).is_ok());
  CHECK(c.model.cell == find_cell("lstm"));
  Status s = parse_train_config(R"({"cell":"transformer"})", c);
  CHECK_THAT(s.message(), Catch::Matchers::Contains("'cell'"));
  s = parse_train_config(R"({"hidden":"big"})", c);
  CHECK_THAT(s.message(), Catch::Matchers::Contains("'hidden'"));
  s = parse_train_config(R"({"colour":1})", c);
  CHECK_THAT(s.message(), Catch::Matchers::Contains("unknown field 'colour'"));
  CHECK_FALSE(parse_train_config("[1,2", c).is_ok());
  CHECK_FALSE(parse_train_config(R"({"seed":-1})", c).is_ok());
}
