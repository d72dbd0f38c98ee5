// The forecaster learns: on a noisy sum of sines its 10-step-ahead error beats persistence and the AR baseline
// (the lectures' memoryless delay taps); on a random walk nothing beats persistence by much; training is
// deterministic for a seed; the experiment JSON round-trips and short series are refused.
#include <catch2/catch.hpp>

#include "engine/forecast/checkpoint.hpp"
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

TEST_CASE("Forecaster checkpoints round-trip with their standardisation and refuse other files", "[forecast]") {
  ForecasterConfig c;
  c.hidden = 5;
  c.layers = 2;
  c.cell = find_cell("gru");
  c.loss = ForecastLoss::Mae;
  Forecaster<float> model(c);
  Rng rng(3);
  model.init(rng);
  safetensors::File f;
  export_forecaster(model, {2.5, 0.125}, f);
  const std::vector<uint8_t> bytes = safetensors::serialize(f);
  safetensors::File header;
  REQUIRE(safetensors::parse_header(bytes.data(), bytes.size(), header).is_ok());
  ForecasterConfig from_header;
  Standardisation norm;
  REQUIRE(read_forecaster_config(header, from_header, norm).is_ok());
  CHECK(from_header.hidden == 5);
  CHECK(from_header.loss == ForecastLoss::Mae);
  CHECK(norm.mean == 2.5);
  CHECK(norm.scale == 0.125);
  safetensors::File parsed;
  REQUIRE(safetensors::parse(bytes.data(), bytes.size(), parsed).is_ok());
  std::unique_ptr<Forecaster<float>> back;
  REQUIRE(import_forecaster(parsed, back, norm).is_ok());
  for (size_t i = 0; i < model.params().specs().size(); ++i) {
    const int64_t n = model.params().specs()[i].size;
    CHECK(std::equal(model.params().value(int(i)), model.params().value(int(i)) + n, back->params().value(int(i))));
  }
  safetensors::File bad = parsed;
  bad.set_meta("series_scale", "0");
  CHECK_THAT(import_forecaster(bad, back, norm).message(), Catch::Contains("series_scale"));
  bad = parsed;
  bad.set_meta("hidden_size", "6");
  CHECK(!import_forecaster(bad, back, norm));
  bad = parsed;
  bad.set_meta("model", "tagger");
  CHECK_THAT(import_forecaster(bad, back, norm).message(), Catch::Contains("not a forecaster"));
}
