// Optimizers over a flat parameter block, with PyTorch's update formulas and defaults (torch.optim 1.13):
//   sgd      p -= lr * d                                     (d = g + wd * p)
//   momentum b = mu * b + (1 - dampening) * d (b = d at step 1); p -= lr * b   (nesterov: d + mu * b)
//   adagrad  s += d^2;  p -= lr / (1 + (t-1) * lr_decay) * d / (sqrt(s) + 1e-10)
//   rmsprop  v = a * v + (1 - a) * d^2;  p -= lr * d / (sqrt(v) + 1e-8)                        (a = 0.99)
//   adam     m = b1 m + (1-b1) d;  v = b2 v + (1-b2) d^2;
//            p -= lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + 1e-8)               (b1, b2 = 0.9, 0.999)
// Optional step decay of the learning rate: lr(t) = lr * gamma^floor((t-1) / every), PyTorch's StepLR.
#pragma once
#include <string>
#include <string_view>

#include "engine/core/dims.hpp"
#include "engine/core/status.hpp"

namespace rp {

enum class OptimKind { Sgd, Momentum, Adagrad, RmsProp, Adam };

struct OptimConfig {
  OptimKind kind = OptimKind::Adam;
  double lr = 2e-3;
  double weight_decay = 0.0;
  double momentum = 0.9;   // momentum only
  double dampening = 0.0;  // momentum only
  bool nesterov = false;   // momentum only
  double alpha = 0.99;     // rmsprop
  double beta1 = 0.9, beta2 = 0.999;
  double eps = -1;         // < 0: the optimizer's PyTorch default (1e-10 adagrad, 1e-8 otherwise)
  double adagrad_lr_decay = 0.0;
  double lr_gamma = 1.0;   // StepLR factor; 1 = no decay
  int lr_every = 1000;     // StepLR period in steps
};

struct ClipConfig {
  double max_norm = 0.0;   // > 0: scale all gradients so their global L2 norm is at most this
  double max_value = 0.0;  // > 0: clamp each gradient to [-max_value, max_value] (applied first)
};

const char* optim_name(OptimKind kind);
bool parse_optim(std::string_view name, OptimKind& out);
inline std::string optim_names() { return "sgd, momentum, adagrad, rmsprop, adam"; }
Status validate(const OptimConfig& c);
Status validate(const ClipConfig& c);

template <class T> class Optimizer {
 public:
  Optimizer() = default;
  Optimizer(const OptimConfig& config, int64_t size) { reset(config, size); }

  void reset(const OptimConfig& config, int64_t size);  // zero state, step 0
  // One update; returns the learning rate used.
  double step(T* params, const T* grads);

  const OptimConfig& config() const { return config_; }
  int64_t steps() const { return steps_; }
  void set_steps(int64_t s) { steps_ = s; }
  double current_lr() const;  // rate of the next step
  // A new base learning rate for the steps to come (state and step count kept), within the field's bounds.
  Status set_lr(double lr);

  // Per-parameter state buffers, same layout as the parameter block. Names are used in checkpoints.
  int state_count() const;
  const char* state_name(int i) const;  // "momentum_buffer", "sum", "square_avg", "exp_avg", "exp_avg_sq"
  T* state(int i) { return i == 0 ? s0_.data() : s1_.data(); }
  const T* state(int i) const { return i == 0 ? s0_.data() : s1_.data(); }
  int64_t size() const { return size_; }

 private:
  OptimConfig config_;
  int64_t size_ = 0;
  int64_t steps_ = 0;
  Tensor1<T> s0_, s1_;
};

// Returns the global L2 norm of the gradients before clipping (NaN or inf is returned unchanged: the caller
// decides what a non-finite gradient means).
template <class T> double clip_gradients(T* grads, int64_t n, const ClipConfig& clip);

}  // namespace rp
