#include "engine/forecast/commands.hpp"

#include <cstdio>

#include "engine/cli/files.hpp"
#include "engine/cli/metrics_log.hpp"
#include "engine/cli/progress.hpp"
#include "engine/forecast/checkpoint.hpp"
#include "engine/forecast/trainer.hpp"

namespace rp {
namespace {

using E = ForecastExperiment;
using Args = cli::Args<E>;
const char* kSummary = "forecasters for real-valued series, beside persistence and a linear AR baseline";

// --csv FILE picks the user's series (its --column); otherwise --series names a generated one.
Status series_source(const Args& a, E& e, std::string& csv) {
  if (a.options.has("csv")) {
    if (a.from_flag("series") && e.series != forecast::SeriesKind::Csv)
      return Status::error("--series and --csv exclude each other");
    e.series = forecast::SeriesKind::Csv;
    return cli::read_file(a.options.text("csv"), size_t(64) << 20, csv, "CSV file");
  }
  if (e.series == forecast::SeriesKind::Csv) return Status::error("the series 'csv' needs --csv FILE.csv");
  return Status::ok();
}

void print_scores(const ForecastScore& s) {
  std::printf("# mean squared error by horizon (held-out origins: %d)\n# horizon        rnn  persistence           ar\n",
              s.model.origins);
  for (size_t h = 0; h < s.model.mse.size(); ++h)
    std::printf("%9zu %10.6f %12.6f %12.6f\n", h + 1, s.model.mse[h], s.persistence.mse[h], s.ar.mse[h]);
}

Status train(const Args& a) {
  const cli::Values& o = a.options;
  if (o.has("save")) RP_TRY(cli::check_output(o.text("save"), "--save"));
  cli::MetricsLog log;
  RP_TRY(log.open(o.has("log") ? o.text("log") : "", false));
  E e = a.experiment;
  std::string csv;
  RP_TRY(series_source(a, e, csv));
  RP_TRY(validate(e));
  std::vector<double> series;
  int held_start = 0;
  RP_TRY(make_series(e, csv, series, held_start));
  std::unique_ptr<ForecasterTrainer> t;
  RP_TRY(ForecasterTrainer::create(e.train, series, held_start, e.horizon, e.ar_order, nullptr, t));
  const bool quiet = o.on("quiet");
  if (!quiet)
    std::fprintf(stderr, "%s: %s, %zu values (%d held out), window %d, horizon %d, %lld parameters\n", a.program.c_str(),
                 forecast::series_name(e.series), series.size(), int(series.size()) - held_start, e.train.window,
                 e.horizon, (long long)t->model().params().count());
  auto report = [&](const StepStats& st) {
    ForecastScore s;
    if (t->evaluate(1, s).is_ok()) {
      std::printf("step %lld  loss %.5f  held-out mse %.5f  (persistence %.5f, ar %.5f)\n", (long long)st.step, st.loss,
                  s.model.mean, s.persistence.mean, s.ar.mean);
      log.values(st.step, {{"held_out_mse", s.model.mean}, {"persistence_mse", s.persistence.mean}, {"ar_mse", s.ar.mean}});
    }
  };
  auto save_files = [&]() -> Status {
    if (!o.has("save")) return Status::ok();
    safetensors::File out;
    export_forecaster(t->model(), {t->mean(), t->scale()}, out);
    out.set_meta("experiment", to_json(e));
    return cli::save(a.program, out, o.text("save"), quiet, "the model");
  };
  const StepStats st = cli::run_steps(0, o.integer("steps"), int64_t(e.train.batch) * e.train.window, quiet,
                                      o.integer("eval_every"), [&] { return t->step(); }, report, o.integer("save_every"),
                                      save_files, &log);
  if (cli::weights_lost(st)) return cli::diverged(st);
  ForecastScore s;
  if (t->evaluate(1, s).is_ok())
    std::printf("final: held-out mse %.6f  persistence %.6f  ar %.6f\n", s.model.mean, s.persistence.mean, s.ar.mean);
  RP_TRY(save_files());
  RP_TRY(cli::stopped_early(t->optimizer().steps()));
  return cli::diverged(st);
}

Status eval(const Args& a) {
  const cli::Values& o = a.options;
  if (!o.has("load")) return Status::error("eval needs --load FILE and --series NAME or --csv FILE.csv");
  safetensors::File file;
  RP_TRY(safetensors::read_file(o.text("load"), file));
  std::unique_ptr<Forecaster<float>> model;
  Standardisation norm;
  Status s = import_forecaster(file, model, norm);
  if (!s) return Status::error("'" + o.text("load") + "': " + s.message());
  E e;
  if (const std::string* stored = file.meta("experiment")) RP_TRY(parse_forecast_experiment(*stored, e));
  a.apply_to(e);  // the file's series, split and horizon, the flags over them; the model is the file's
  e.train.model = model->config();
  std::string csv;
  RP_TRY(series_source(a, e, csv));
  std::vector<double> series;
  int held_start = 0;
  RP_TRY(make_series(e, csv, series, held_start));
  std::unique_ptr<ForecasterTrainer> t;
  RP_TRY(ForecasterTrainer::create(e.train, series, held_start, e.horizon, e.ar_order, std::move(model), t));
  t->set_standardisation(norm.mean, norm.scale);  // the model reads the series as it was trained to
  ForecastScore score;
  RP_TRY(t->evaluate(1, score));
  print_scores(score);
  std::printf("mse %.6f\npersistence_mse %.6f\nar_mse %.6f\n", score.model.mean, score.persistence.mean, score.ar.mean);
  return Status::ok();
}

const std::vector<cli::Verb<E>>& verbs() {
  static const std::vector<cli::Verb<E>> v = {
      {"train", "train on a generated series or a CSV column; held-out error beside persistence and AR every --eval-every steps",
       {"data", "model", "train"}, {},
       {cli::file_option("csv", "CSV file", "forecast a column of your own CSV file (--column)", "FILE.csv"),
        cli::file_option("save", "model file", "write the model with its experiment (eval regenerates the series)"),
        cli::count_option("steps", "steps", 1000, 1, 100000000, "optimizer steps to take"),
        cli::count_option("eval_every", "report period", 250, 0, 100000000, "steps between held-out reports (0 = none)"),
        cli::save_every_option("--save"), cli::log_option(), cli::switch_option("quiet", "quiet", "no progress bar or notes on stderr")},
       nullptr, "--series and --csv exclude each other.", train},
      {"eval", "held-out error by horizon of a model, persistence and AR; last lines `mse`, `persistence_mse`, `ar_mse`",
       {"data"}, {"seed"},
       {cli::file_option("load", "model file", "a model saved by train"),
        cli::file_option("csv", "CSV file", "score on a column of your own CSV file (--column)", "FILE.csv")},
       nullptr, "eval regenerates the file's series (its length, noise and seed), the flags over it.", eval},
  };
  return v;
}

}  // namespace

cli::Family forecast_commands() { return {"forecast", kSummary, cli::family_main<ForecastExperiment, forecast_fields, verbs>}; }

}  // namespace rp
