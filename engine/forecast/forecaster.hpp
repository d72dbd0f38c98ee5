// A forecaster for real-valued series: C input channels -> L recurrent layers of any cell (left to right
// only: a forecast may not read the future) -> a linear head at every step predicting the next value of each
// channel, trained by teacher forcing on windows with the mean squared (or absolute) error. Forecasting k
// steps ahead feeds its own predictions back as the next inputs.
// Parameters, as PyTorch names them: rnn.*_l{k} (nn.LSTM/GRU/RNN(input_size=C))   head.weight [C, H]   head.bias [C]
#pragma once
#include <memory>
#include <vector>

#include "engine/core/status.hpp"
#include "engine/layers/linear.hpp"
#include "engine/layers/recurrent_stack.hpp"

namespace rp {

enum class ForecastLoss { Mse, Mae };
const char* loss_name(ForecastLoss loss);
bool parse_loss(std::string_view name, ForecastLoss& out);

struct ForecasterConfig {
  int channels = 1;  // C
  int hidden = 32;
  int layers = 1;
  const CellType* cell = &default_cell();
  ForecastLoss loss = ForecastLoss::Mse;
};
Status validate(const ForecasterConfig& c);

// Windows of equal length, time-major: inputs x(t) and targets x(t+1).
template <class T> struct ForecastBatch {
  int S = 0, B = 0;
  std::vector<T> inputs, targets;  // [S, B, C]
};

template <class T> struct ForecasterWorkspace {
  int max_steps = 0, batch = 0;
  std::vector<int> len;   // [B], all S
  StackBuffers<T> rnn;
  Tensor2<T> y, dy;       // [S * B, C] predictions and the loss's gradient
  std::vector<T> rollout; // [max_steps, B, C] the forecast's inputs, its own predictions appended
};

template <class T> class Forecaster {
 public:
  explicit Forecaster(const ForecasterConfig& config);  // config must have passed validate()
  Forecaster(const Forecaster&) = delete;
  Forecaster& operator=(const Forecaster&) = delete;

  const ForecasterConfig& config() const { return config_; }
  ParamStore<T>& params() { return params_; }
  const ParamStore<T>& params() const { return params_; }
  void init(Rng& rng);
  void weights_changed() { prepared_ = false; }
  void resize(ForecasterWorkspace<T>& ws, int max_steps, int batch) const;

  // The predictions [S * B, C] for inputs [S, B, C] into ws.y.
  void predict(const T* inputs, int S, ForecasterWorkspace<T>& ws);
  // Mean loss over every step, batch row and channel; leaves its gradient in ws.dy.
  double forward(const ForecastBatch<T>& batch, ForecasterWorkspace<T>& ws);
  // After forward: adds d(mean loss)/d(params) into params().grads().
  void backward(const ForecastBatch<T>& batch, ForecasterWorkspace<T>& ws);
  // From contexts [W, B, C] (B = ws.batch, W + K <= ws.max_steps), the next K values of each: out [K, B, C].
  void forecast(const T* contexts, int W, int K, ForecasterWorkspace<T>& ws, T* out);

 private:
  void prepare();

  ForecasterConfig config_;
  ParamStore<T> params_;
  std::unique_ptr<RecurrentStack<T>> rnn_;
  std::unique_ptr<Linear<T>> head_;
  bool prepared_ = false;
};

}  // namespace rp
