// Convergence on small tasks within a bounded number of steps.
#include <catch2/catch.hpp>

#include "lm/lm_trainer.hpp"
#include "test_util.hpp"

using namespace rp;

namespace {

// Mean of the last `window` losses after at most `steps` steps, stopping early once below `target`.
double train_until(Trainer& t, int steps, double target, int window, int& used) {
  std::vector<double> recent;
  for (used = 1; used <= steps; ++used) {
    recent.push_back(t.step().loss);
    if (int(recent.size()) > window) recent.erase(recent.begin());
    double mean = 0;
    for (double x : recent) mean += x;
    mean /= double(recent.size());
    if (int(recent.size()) == window && mean < target) return mean;
  }
  double mean = 0;
  for (double x : recent) mean += x;
  return mean / double(recent.size());
}

}  // namespace

TEST_CASE("An LSTM with H=64 learns a short repeated text to under 0.05 nats/char within 500 steps", "[convergence]") {
  TrainConfig c;
  c.model = {find_cell("lstm"), 0, 64, 1, 0};
  c.seq = 32;
  c.batch = 8;
  c.optim.lr = 0.01;
  c.seed = 1;
  auto t = test::lm_trainer(test::repeat_text("hello, recurrent world! ", 3000), c);
  int used = 0;
  const double loss = train_until(*t, 500, 0.05, 10, used);
  INFO("mean of the last 10 window losses " << loss << " after " << used << " steps");
  CHECK(loss < 0.05);
  double eval = 0;
  std::vector<TokenId> probe;
  REQUIRE(t->vocab().encode(test::repeat_text("hello, recurrent world! ", 480), probe).is_ok());
  REQUIRE(t->evaluate(probe, eval).is_ok());
  INFO("held-in evaluation from a zero state " << eval);
  CHECK(eval < 0.1);  // includes the first few characters, unpredictable from a zero state
}

TEST_CASE("Every cell learns a repeated text well below the uniform loss", "[convergence]") {
  for (const CellType* cell : test::every_cell()) {
    DYNAMIC_SECTION(cell->name) {
      TrainConfig c;
      c.model = {cell, 0, 32, 2, 8};
      c.seq = 16;
      c.batch = 8;
      c.optim.lr = 0.01;
      auto t = test::lm_trainer(test::repeat_text("abcabdabeabf", 2000), c);
      int used = 0;
      const double loss = train_until(*t, 300, 0.1, 10, used);
      INFO(cell->name << ": " << loss << " after " << used << " steps (uniform would be " << std::log(6.0) << ")");
      CHECK(loss < 0.1);
    }
  }
}
