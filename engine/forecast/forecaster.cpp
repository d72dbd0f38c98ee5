#include "engine/forecast/forecaster.hpp"

#include <algorithm>
#include <cmath>

namespace rp {

const char* loss_name(ForecastLoss loss) { return loss == ForecastLoss::Mae ? "mae" : "mse"; }

bool parse_loss(std::string_view name, ForecastLoss& out) {
  if (name == "mse") out = ForecastLoss::Mse;
  else if (name == "mae") out = ForecastLoss::Mae;
  else return false;
  return true;
}

Status validate(const ForecasterConfig& c) {
  if (c.channels < 1 || c.channels > 16) return Status::error("a series has between 1 and 16 channels");
  if (c.hidden < 1 || c.hidden > 1024) return Status::error("hidden size must be between 1 and 1024");
  if (c.layers < 1 || c.layers > 4) return Status::error("number of layers must be between 1 and 4");
  if (!c.cell) return Status::error("no cell");
  return Status::ok();
}

template <class T> Forecaster<T>::Forecaster(const ForecasterConfig& c) : config_(c) {
  rnn_ = std::make_unique<RecurrentStack<T>>(*c.cell, c.channels, c.hidden, c.layers, false, "rnn.", params_);
  head_ = std::make_unique<Linear<T>>(c.hidden, c.channels, "head.", params_);
  params_.allocate();
}

template <class T> void Forecaster<T>::init(Rng& rng) {
  rnn_->init(rng);
  head_->init(rng);
  weights_changed();
}

template <class T> void Forecaster<T>::prepare() {
  if (prepared_) return;
  rnn_->prepare();
  head_->prepare();
  prepared_ = true;
}

template <class T> void Forecaster<T>::resize(ForecasterWorkspace<T>& ws, int max_steps, int batch) const {
  const size_t rows = size_t(max_steps) * size_t(batch), C = size_t(config_.channels);
  ws.max_steps = max_steps;
  ws.batch = batch;
  ws.len.assign(size_t(batch), max_steps);
  rnn_->resize(ws.rnn, max_steps, batch);
  ws.y = zeros<T>(rows, C);
  ws.dy = zeros<T>(rows, C);
  ws.rollout.assign(rows * C, T(0));
}

template <class T> void Forecaster<T>::predict(const T* inputs, int S, ForecasterWorkspace<T>& ws) {
  prepare();
  std::fill(ws.len.begin(), ws.len.end(), S);
  LayerInput<T> x;
  x.dense = inputs;
  rnn_->forward(x, ws.len.data(), S, ws.rnn);
  head_->forward(S * ws.batch, rnn_->output(ws.rnn), config_.hidden, ws.y.data(), config_.channels);
}

template <class T> double Forecaster<T>::forward(const ForecastBatch<T>& batch, ForecasterWorkspace<T>& ws) {
  predict(batch.inputs.data(), batch.S, ws);
  const size_t n = size_t(batch.S) * size_t(ws.batch) * size_t(config_.channels);
  const T* y = ws.y.data();
  T* dy = ws.dy.data();
  double loss = 0;
  const T inv = T(1) / T(n);
  for (size_t i = 0; i < n; ++i) {
    const T d = y[i] - batch.targets[i];
    if (config_.loss == ForecastLoss::Mse) {
      loss += double(d) * double(d);
      dy[i] = 2 * d * inv;
    } else {
      loss += std::abs(double(d));
      dy[i] = (d > 0 ? T(1) : d < 0 ? T(-1) : T(0)) * inv;
    }
  }
  return loss / double(n);
}

template <class T> void Forecaster<T>::backward(const ForecastBatch<T>& batch, ForecasterWorkspace<T>& ws) {
  rnn_->zero_output_grad(ws.rnn);
  head_->backward(batch.S * ws.batch, rnn_->output(ws.rnn), config_.hidden, ws.dy.data(), config_.channels,
                  rnn_->d_output(ws.rnn), config_.hidden);
  LayerInput<T> x;
  x.dense = batch.inputs.data();
  rnn_->backward(x, ws.rnn, nullptr, nullptr);
}

template <class T>
void Forecaster<T>::forecast(const T* contexts, int W, int K, ForecasterWorkspace<T>& ws, T* out) {
  const size_t B = size_t(ws.batch), C = size_t(config_.channels), row = B * C;
  std::copy_n(contexts, size_t(W) * row, ws.rollout.data());
  // Each new value is the last prediction over the sequence so far (recomputed from the start: the stack has
  // no step-by-step state across calls, and windows are short).
  for (int k = 0; k < K; ++k) {
    const int S = W + k;
    predict(ws.rollout.data(), S, ws);
    const T* last = ws.y.data() + size_t(S - 1) * row;
    std::copy_n(last, row, out + size_t(k) * row);
    std::copy_n(last, row, ws.rollout.data() + size_t(S) * row);
  }
}

template class Forecaster<float>;
template class Forecaster<double>;

}  // namespace rp
