#include "engine/core/optimizer.hpp"

#include <cmath>

#include "engine/core/kernels.hpp"
#include "engine/core/optimizer_fields.hpp"

namespace rp {

const char* optim_name(OptimKind kind) {
  switch (kind) {
    case OptimKind::Sgd: return "sgd";
    case OptimKind::Momentum: return "momentum";
    case OptimKind::Adagrad: return "adagrad";
    case OptimKind::RmsProp: return "rmsprop";
    case OptimKind::Adam: return "adam";
  }
  return "?";
}

bool parse_optim(std::string_view name, OptimKind& out) {
  for (OptimKind k : {OptimKind::Sgd, OptimKind::Momentum, OptimKind::Adagrad, OptimKind::RmsProp, OptimKind::Adam})
    if (name == optim_name(k)) {
      out = k;
      return true;
    }
  return false;
}

static bool finite_in(double x, double lo, double hi) { return std::isfinite(x) && x >= lo && x <= hi; }

// The user-facing settings are bounded by their field table; the rest are fixed PyTorch defaults that code
// could still set out of range.
Status validate(const OptimConfig& c) {
  RP_TRY(optim_fields().check(c));
  if (!finite_in(c.dampening, 0.0, 1.0)) return Status::error("dampening must be in [0, 1]");
  if (!finite_in(c.alpha, 0.0, 0.99999)) return Status::error("rmsprop alpha must be in [0, 0.99999]");
  if (!finite_in(c.beta1, 0.0, 0.99999) || !finite_in(c.beta2, 0.0, 0.99999999))
    return Status::error("adam betas must be in [0, 1)");
  if (c.eps >= 0 && !finite_in(c.eps, 0.0, 1.0)) return Status::error("eps must be in [0, 1]");
  return Status::ok();
}

Status validate(const ClipConfig& c) { return clip_fields().check(c); }

template <class T> void Optimizer<T>::reset(const OptimConfig& config, int64_t size) {
  config_ = config;
  size_ = size;
  steps_ = 0;
  const size_t n0 = state_count() >= 1 ? size_t(size) : 0, n1 = state_count() >= 2 ? size_t(size) : 0;
  s0_ = Tensor1<T>::from_shape({n0});
  s1_ = Tensor1<T>::from_shape({n1});
  s0_.fill(T(0));
  s1_.fill(T(0));
}

template <class T> int Optimizer<T>::state_count() const {
  switch (config_.kind) {
    case OptimKind::Sgd: return 0;
    case OptimKind::Momentum:
    case OptimKind::Adagrad:
    case OptimKind::RmsProp: return 1;
    case OptimKind::Adam: return 2;
  }
  return 0;
}

template <class T> const char* Optimizer<T>::state_name(int i) const {
  switch (config_.kind) {
    case OptimKind::Momentum: return "momentum_buffer";
    case OptimKind::Adagrad: return "sum";
    case OptimKind::RmsProp: return "square_avg";
    case OptimKind::Adam: return i == 0 ? "exp_avg" : "exp_avg_sq";
    default: return "?";
  }
}

template <class T> Status Optimizer<T>::set_lr(double lr) {
  OptimConfig c = config_;
  c.lr = lr;
  RP_TRY(validate(c));
  config_ = c;
  return Status::ok();
}

template <class T> double Optimizer<T>::current_lr() const {
  return config_.lr * std::pow(config_.lr_gamma, double(steps_ / config_.lr_every));
}

template <class T> double Optimizer<T>::step(T* p, const T* g) {
  const double lr = current_lr();
  ++steps_;
  const double t = double(steps_);
  const T wd = T(config_.weight_decay);
  switch (config_.kind) {
    case OptimKind::Sgd:
      simd::sgd_update(p, g, static_cast<T*>(nullptr), size_, T(lr), wd, T(0), T(0), false, false);
      break;
    case OptimKind::Momentum:
      simd::sgd_update(p, g, s0_.data(), size_, T(lr), wd, T(config_.momentum), T(config_.dampening),
                       config_.nesterov, steps_ == 1);
      break;
    case OptimKind::Adagrad: {
      const double clr = lr / (1.0 + (t - 1.0) * config_.adagrad_lr_decay);
      simd::adagrad_update(p, g, s0_.data(), size_, T(clr), wd, T(config_.eps >= 0 ? config_.eps : 1e-10));
      break;
    }
    case OptimKind::RmsProp:
      simd::rmsprop_update(p, g, s0_.data(), size_, T(lr), T(config_.alpha), wd,
                           T(config_.eps >= 0 ? config_.eps : 1e-8));
      break;
    case OptimKind::Adam: {
      const double bc1 = 1.0 - std::pow(config_.beta1, t), bc2 = 1.0 - std::pow(config_.beta2, t);
      simd::adam_update(p, g, s0_.data(), s1_.data(), size_, T(lr / bc1), T(config_.beta1), T(config_.beta2),
                        T(std::sqrt(bc2)), wd, T(config_.eps >= 0 ? config_.eps : 1e-8));
      break;
    }
  }
  return lr;
}

template <class T> double clip_gradients(T* grads, int64_t n, const ClipConfig& clip) {
  if (clip.max_value > 0) simd::clamp(grads, n, T(-clip.max_value), T(clip.max_value));
  const double norm = std::sqrt(double(simd::sum_squares(grads, n)));
  if (clip.max_norm > 0 && std::isfinite(norm)) {
    // torch.nn.utils.clip_grad_norm_: coefficient max_norm / (norm + 1e-6), applied only when below 1.
    const double coef = clip.max_norm / (norm + 1e-6);
    if (coef < 1.0) simd::scale(grads, n, T(coef));
  }
  return norm;
}

template class Optimizer<float>;
template class Optimizer<double>;
template double clip_gradients<float>(float*, int64_t, const ClipConfig&);
template double clip_gradients<double>(double*, int64_t, const ClipConfig&);

}  // namespace rp
