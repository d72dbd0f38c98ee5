// The forecaster's data and baselines: generated series are deterministic and bounded, noise is added on top of
// the same clean series; CSV columns are read by name or number and refused with the row named; the AR fit
// recovers a known process; persistence and the horizon score do what they say.
#include <catch2/catch.hpp>
#include <cmath>

#include "engine/forecast/baselines.hpp"
#include "engine/forecast/series.hpp"

using namespace rp;
using namespace rp::forecast;

TEST_CASE("Generated series are deterministic, finite, and noise adds to the same clean series", "[forecast]") {
  for (const auto& s : series_kinds()) {
    if (!s.draw) continue;
    DYNAMIC_SECTION(s.name) {
      std::vector<double> a, b, noisy, other;
      REQUIRE(generate(s.kind, 500, 0, 3, a).is_ok());
      REQUIRE(generate(s.kind, 500, 0, 3, b).is_ok());
      REQUIRE(generate(s.kind, 500, 0.2, 3, noisy).is_ok());
      REQUIRE(generate(s.kind, 500, 0, 4, other).is_ok());
      CHECK(a == b);
      CHECK(a != other);
      double diff = 0, var = 0, mean = 0;
      for (double v : a) mean += v / 500;
      for (size_t i = 0; i < a.size(); ++i) {
        REQUIRE(std::isfinite(a[i]));
        diff += (noisy[i] - a[i]) * (noisy[i] - a[i]) / 500;
        var += (a[i] - mean) * (a[i] - mean) / 500;
      }
      CHECK(var > 1e-3);                                // it moves
      CHECK(std::sqrt(diff / var) == Approx(0.2).margin(0.03));  // noise of 0.2 standard deviations
    }
  }
  std::vector<double> x;
  CHECK(!generate(SeriesKind::Csv, 100, 0, 1, x));
  CHECK(!generate(SeriesKind::Sines, 8, 0, 1, x));
  CHECK(!generate(SeriesKind::Sines, 100, 3, 1, x));
}

TEST_CASE("A CSV column is read by header or number and refused with the row named", "[forecast]") {
  std::vector<double> x;
  REQUIRE(read_csv_column("\xEF\xBB\xBF" "date,temp\r\n2024-01-01, 3.5\n2024-01-02,-1e1\n\n", "temp", 2, x).is_ok());
  CHECK(x == std::vector<double>{3.5, -10});
  REQUIRE(read_csv_column("1,2\n3,4\n5,6\n", "2", 3, x).is_ok());
  CHECK(x == std::vector<double>{2, 4, 6});
  CHECK_THAT(read_csv_column("a,b\n1,x\n", "b", 1, x).message(), Catch::Contains("row 2") && Catch::Contains("'x'"));
  CHECK_THAT(read_csv_column("a,b\n1\n", "b", 1, x).message(), Catch::Contains("row 2"));
  CHECK_THAT(read_csv_column("a,b\n1,2\n", "c", 1, x).message(), Catch::Contains("no column 'c'"));
  CHECK_THAT(read_csv_column("a\n1\n2\n", "a", 10, x).message(), Catch::Contains("at least 10"));
  CHECK_THAT(read_csv_column("", "a", 1, x).message(), Catch::Contains("empty"));
  CHECK_THAT(read_csv_column("a\nnan\n", "a", 1, x).message(), Catch::Contains("not a number"));
}

TEST_CASE("The AR fit recovers a known autoregressive process", "[forecast]") {
  // x[t] = 0.5 + 1.2 x[t-1] - 0.5 x[t-2] + noise
  Rng rng(9);
  std::vector<double> x = {0, 0};
  for (int t = 2; t < 5000; ++t) x.push_back(0.5 + 1.2 * x[size_t(t - 1)] - 0.5 * x[size_t(t - 2)] + 0.1 * rng.normal());
  ArModel m;
  REQUIRE(fit_ar(x, 2, m).is_ok());
  CHECK(m.coef[0] == Approx(1.2).margin(0.02));
  CHECK(m.coef[1] == Approx(-0.5).margin(0.02));
  CHECK(m.bias == Approx(0.5).margin(0.05));
  double out[3];
  const double hist[2] = {1.0, 2.0};
  ar_forecast(m, hist, 2, 3, out);
  CHECK(out[0] == Approx(m.bias + m.coef[0] * 2 + m.coef[1] * 1));
  CHECK(out[1] == Approx(m.bias + m.coef[0] * out[0] + m.coef[1] * 2));
  CHECK(!fit_ar({1, 2, 3}, 2, m));
  std::vector<double> constant(100, 3.0);
  CHECK(fit_ar(constant, 3, m).is_ok());  // the ridge keeps it solvable
}

TEST_CASE("Persistence and the horizon score", "[forecast]") {
  const std::vector<double> x = {0, 1, 2, 3, 4, 5};
  const HorizonErrors e = score_horizons(x, 3, 2, 1, persistence_forecast);
  // Origins 3 and 4: from 2 the forecasts are 3 and 4 (errors 1, 2); from 3: 4 and 5 (errors 1, 2).
  CHECK(e.origins == 2);
  CHECK(e.mse == std::vector<double>{1, 4});
  CHECK(e.mean == Approx(2.5));
}
