// A whole forecaster experiment — the series (generated, or a column of the user's CSV), how it is split and
// windowed, the forecast horizon, the model and the training — and its field table (engine/core/fields.hpp),
// the one place each setting is named and bounded. The same JSON is the page's configuration, the command
// line's --config file and the checkpoint's `experiment` metadata. Example (every field optional):
//   {"series":"sines","length":2000,"noise":0.1,"held_fraction":0.2,"window":48,"horizon":10,"ar_order":8,
//    "cell":"lstm","hidden":32,"layers":1,"loss":"mse","batch":16,"optim":"adam","lr":0.005,...,"seed":1}
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/fields.hpp"
#include "engine/core/optimizer.hpp"
#include "engine/forecast/forecaster.hpp"
#include "engine/forecast/series.hpp"

namespace rp {

struct ForecasterTrainConfig {
  ForecasterConfig model;
  int window = 48;   // steps of each training window (and of a forecast's context)
  int batch = 16;    // windows per step
  OptimConfig optim;
  ClipConfig clip{1.0, 0.0};
  uint64_t seed = 1;
};
Status validate(const ForecasterTrainConfig& c);

struct ForecastExperiment {
  ForecastExperiment() { train.optim.lr = 0.005; }
  forecast::SeriesKind series = forecast::SeriesKind::Sines;
  int length = 2000;           // generated values
  double noise = 0.1;          // generated: Gaussian noise, in standard deviations of the clean series
  std::string column = "1";    // csv: the column's header name or 1-based number
  double held_fraction = 0.2;  // the end of the series, held out
  int horizon = 10;            // K: steps forecast ahead
  int ar_order = 8;            // p of the AR baseline
  ForecasterTrainConfig train;
};

// Groups: data (series, split, horizon), model, train.
const FieldTable<ForecastExperiment>& forecast_fields();

Status validate(const ForecastExperiment& e);
std::string to_json(const ForecastExperiment& e);
Status parse_forecast_experiment(std::string_view json_text, ForecastExperiment& out);

// The series an experiment learns, generated from the seed or read from `csv`, and where its held-out end
// starts (at least a window plus the horizon on each side).
Status make_series(const ForecastExperiment& e, std::string_view csv, std::vector<double>& series, int& held_start);

}  // namespace rp
