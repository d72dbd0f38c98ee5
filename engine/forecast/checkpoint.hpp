// Forecaster checkpoints as safetensors. Tensor names are listed in engine/forecast/forecaster.hpp (PyTorch's
// rnn / head); metadata:
//   model=forecaster, cell, hidden_size, num_layers, loss, and the standardisation the model was trained
//   with: series_mean, series_scale (a forecast reads (x - mean) / scale and writes back y * scale + mean).
// The session and the command line add `experiment` (the series and its settings, so eval regenerates it).
#pragma once
#include <memory>

#include "engine/forecast/forecaster.hpp"
#include "engine/io/safetensors.hpp"

namespace rp {

struct Standardisation {
  double mean = 0, scale = 1;
};

void export_forecaster(const Forecaster<float>& model, const Standardisation& norm, safetensors::File& out);
// From the header alone (safetensors::parse_header): the configuration, checked against the tensors' sizes.
Status read_forecaster_config(const safetensors::File& file, ForecasterConfig& config, Standardisation& norm);
Status import_forecaster(const safetensors::File& file, std::unique_ptr<Forecaster<float>>& model, Standardisation& norm);

}  // namespace rp
