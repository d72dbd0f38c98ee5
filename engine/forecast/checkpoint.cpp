#include "engine/forecast/checkpoint.hpp"

#include <cmath>
#include <cstdlib>

#include "engine/core/json.hpp"
#include "engine/forecast/experiment.hpp"
#include "engine/io/checkpoint.hpp"

namespace rp {
namespace {

int64_t parameter_count(const ForecasterConfig& c) {
  const int64_t H = c.hidden, G = c.cell->blocks, C = c.channels;
  int64_t n = C * H + C;
  for (int l = 0; l < c.layers; ++l)
    n += G * H * ((l == 0 ? C : H) + H) + 2 * G * H + int64_t(c.cell->extras.size()) * H;
  return n;
}

Status read_number(const safetensors::File& f, const char* key, double& out) {
  const std::string* text = f.meta(key);
  if (!text) return Status::error(std::string("checkpoint metadata has no '") + key + "'");
  char* end = nullptr;
  const double v = std::strtod(text->c_str(), &end);
  if (text->empty() || *end != '\0' || !std::isfinite(v))
    return Status::error(std::string("checkpoint metadata '") + key + "' is not a finite number");
  out = v;
  return Status::ok();
}

}  // namespace

void export_forecaster(const Forecaster<float>& model, const Standardisation& norm, safetensors::File& out) {
  checkpoint::write_kind("forecaster", out);
  ForecastExperiment e;
  e.train.model = model.config();
  checkpoint::write_model_meta(forecast_fields(), e, out);
  out.set_meta("series_mean", json::dump(json::Value::from_double(norm.mean)));
  out.set_meta("series_scale", json::dump(json::Value::from_double(norm.scale)));
  checkpoint::write_params(model.params(), out);
}

Status read_forecaster_config(const safetensors::File& f, ForecasterConfig& config, Standardisation& norm) {
  RP_TRY(checkpoint::check_kind(f, "forecaster"));
  ForecastExperiment e;
  RP_TRY(checkpoint::read_model_meta(forecast_fields(), f, e));
  Standardisation n;
  RP_TRY(read_number(f, "series_mean", n.mean));
  RP_TRY(read_number(f, "series_scale", n.scale));
  if (!(n.scale > 0)) return Status::error("checkpoint metadata 'series_scale' must be positive");
  RP_TRY(validate(e.train.model));
  RP_TRY(checkpoint::check_param_count(f, parameter_count(e.train.model), {checkpoint::kOptimPrefix},
                                       "this forecaster configuration"));
  config = e.train.model;
  norm = n;
  return Status::ok();
}

Status import_forecaster(const safetensors::File& f, std::unique_ptr<Forecaster<float>>& model, Standardisation& norm) {
  ForecasterConfig c;
  Standardisation n;
  RP_TRY(read_forecaster_config(f, c, n));
  RP_TRY(checkpoint::build_model(f, c, {checkpoint::kOptimPrefix}, "this forecaster configuration", model));
  norm = n;
  return Status::ok();
}

}  // namespace rp
