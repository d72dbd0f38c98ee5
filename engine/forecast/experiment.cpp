#include "engine/forecast/experiment.hpp"

#include <cmath>

#include "engine/core/optimizer_fields.hpp"

namespace rp {
namespace {

using E = ForecastExperiment;

std::vector<std::string> series_choices() {
  std::vector<std::string> out;
  for (const auto& s : forecast::series_kinds()) out.push_back(s.name);
  return out;
}

FieldTable<E> make_table() {
  FieldTable<E> t;
  t.add_choice(FieldSpec("series", "series", "data").one_of(series_choices()).about("what the model learns to forecast (csv: your own)"),
               [](const E& e) { return std::string(forecast::series_name(e.series)); },
               [](E& e, const std::string& name) { forecast::parse_series(name, e.series); });
  t.add_int(FieldSpec("length", "length", "data").range(64, 1000000).about("values of a generated series"),
            [](E& e) -> int& { return e.length; });
  t.add_number(FieldSpec("noise", "noise", "data").range(0, 2).about("generated: added noise, in standard deviations of the series"),
               [](E& e) -> double& { return e.noise; });
  t.add_text(FieldSpec("column", "CSV column", "data").at_most_chars(200).about("your own series: the column's header name or number"),
             [](E& e) -> std::string& { return e.column; });
  t.add_number(FieldSpec("held_fraction", "held-out fraction", "data").above(0, 0.5).about("the end of the series kept for scoring"),
               [](E& e) -> double& { return e.held_fraction; });
  t.add_int(FieldSpec("horizon", "horizon", "data").range(1, 100).about("steps forecast ahead (K)"),
            [](E& e) -> int& { return e.horizon; });
  t.add_int(FieldSpec("ar_order", "AR order", "data").range(1, 64).about("values the linear autoregressive baseline looks back (p)"),
            [](E& e) -> int& { return e.ar_order; });
  t.add_choice(FieldSpec("cell", "cell", "model").one_of(cell_name_list()).stored_as("cell").about("the recurrent cell of every layer"),
               [](const E& e) { return std::string(e.train.model.cell ? e.train.model.cell->name : ""); },
               [](E& e, const std::string& name) { e.train.model.cell = find_cell(name); });
  t.add_int(FieldSpec("hidden", "hidden size", "model").range(1, 1024).stored_as("hidden_size").about("units per layer (H)"),
            [](E& e) -> int& { return e.train.model.hidden; });
  t.add_int(FieldSpec("layers", "number of layers", "model").range(1, 4).stored_as("num_layers").about("stacked recurrent layers (L)"),
            [](E& e) -> int& { return e.train.model.layers; });
  t.add_choice(FieldSpec("loss", "loss", "model").one_of({"mse", "mae"}).stored_as("loss").about("mean squared or mean absolute error"),
               [](const E& e) { return std::string(loss_name(e.train.model.loss)); },
               [](E& e, const std::string& name) { parse_loss(name, e.train.model.loss); });
  t.add_int(FieldSpec("window", "window", "train").range(4, 512).about("steps of each training window and of a forecast's context"),
            [](E& e) -> int& { return e.train.window; });
  t.add_int(FieldSpec("batch", "batch size", "train").range(1, 512).about("windows per step (B)"),
            [](E& e) -> int& { return e.train.batch; });
  t.include(optim_fields(), +[](E& e) -> OptimConfig& { return e.train.optim; });
  t.include(clip_fields(), +[](E& e) -> ClipConfig& { return e.train.clip; });
  t.add_uint64(seed_field(), [](E& e) -> uint64_t& { return e.train.seed; });
  return t;
}

}  // namespace

Status validate(const ForecasterTrainConfig& c) {
  RP_TRY(validate(c.model));
  RP_TRY(validate(c.optim));
  RP_TRY(validate(c.clip));
  if (c.window < 4 || c.window > 512) return Status::error("the window must be between 4 and 512 steps");
  if (c.batch < 1 || c.batch > 512) return Status::error("batch size must be between 1 and 512");
  return Status::ok();
}

const FieldTable<ForecastExperiment>& forecast_fields() {
  static const FieldTable<ForecastExperiment> t = make_table();
  return t;
}

Status validate(const ForecastExperiment& e) {
  RP_TRY(forecast_fields().check(e));
  return validate(e.train);
}

std::string to_json(const ForecastExperiment& e) { return forecast_fields().to_json(e); }

Status parse_forecast_experiment(std::string_view json_text, ForecastExperiment& out) {
  return forecast_fields().parse(json_text, out, validate);
}

Status make_series(const ForecastExperiment& e, std::string_view csv, std::vector<double>& series, int& held_start) {
  // Each side holds a window and a horizon at least, so there is something to train on and to score.
  const int side = e.train.window + e.horizon + 1;
  std::vector<double> x;
  if (e.series == forecast::SeriesKind::Csv) {
    RP_TRY(forecast::read_csv_column(csv, e.column, 2 * side, x));
  } else {
    RP_TRY(forecast::generate(e.series, e.length, e.noise, e.train.seed, x));
  }
  const int n = int(x.size());
  const int held = std::max(side, int(std::lround(e.held_fraction * n)));
  if (n - held < side)
    return Status::error("the series has " + std::to_string(n) + " values: too few for a window of " +
                         std::to_string(e.train.window) + " and a horizon of " + std::to_string(e.horizon) +
                         " on both the training and the held-out side (" + std::to_string(2 * side) + " needed)");
  series = std::move(x);
  held_start = n - held;
  return Status::ok();
}

}  // namespace rp
