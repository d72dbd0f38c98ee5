#include "engine/lm/window_lm.hpp"

#include <algorithm>

#include "engine/core/kernels.hpp"
#include "engine/layers/cross_entropy.hpp"

namespace rp {

Status validate(const WindowConfig& c) {
  if (c.vocab < 2 || c.vocab > 65536) return Status::error("window model: vocabulary must be 2 to 65536 characters");
  if (c.window < 1 || c.window > kMaxWindow)
    return Status::error("window model: the window must be 1 to " + std::to_string(kMaxWindow) + " characters");
  if (c.embed < 1 || c.embed > 256) return Status::error("window model: embedding size must be 1 to 256");
  if (c.hidden < 1 || c.hidden > 2048) return Status::error("window model: hidden size must be 1 to 2048");
  return Status::ok();
}

template <class T>
WindowLM<T>::WindowLM(const WindowConfig& c)
    : config_(c), embed_(c.vocab, c.embed, "embed.", store_), hidden_(c.window * c.embed, c.hidden, "hidden.", store_),
      head_(c.hidden, c.vocab, "head.", store_) {
  store_.allocate();
  weights_changed();
}

template <class T> void WindowLM<T>::init(Rng& rng) {
  embed_.init(rng);
  hidden_.init(rng);
  head_.init(rng);
  weights_changed();
}

template <class T> void WindowLM<T>::weights_changed() {
  hidden_.prepare();
  head_.prepare();
}

template <class T> void WindowLM<T>::resize(int rows) {
  const size_t R = size_t(std::max(rows, 1)), KE = size_t(config_.window * config_.embed);
  rows_ = int(R);
  e_.assign(R * KE, T(0));
  de_.assign(R * KE, T(0));
  a_.assign(R * size_t(config_.hidden), T(0));
  da_.assign(R * size_t(config_.hidden), T(0));
  z_.assign(R * size_t(config_.vocab), T(0));
  dz_.assign(R * size_t(config_.vocab), T(0));
}

template <class T>
double WindowLM<T>::forward(int rows, const TokenId* windows, const TokenId* targets, T* row_loss) {
  if (rows > rows_) resize(rows);
  const int K = config_.window, E = config_.embed, H = config_.hidden, V = config_.vocab, KE = K * E;
  for (int r = 0; r < rows; ++r)
    for (int k = 0; k < K; ++k) {
      const TokenId id = windows[size_t(r) * K + k];
      T* slot = e_.data() + size_t(r) * KE + size_t(k) * E;
      if (id == kBeforeText) std::fill_n(slot, E, T(0));
      else embed_.forward(1, &id, slot, E);
    }
  hidden_.forward(rows, e_.data(), KE, a_.data(), H);
  simd::tanh(a_.data(), a_.data(), rows * H);
  head_.forward(rows, a_.data(), H, z_.data(), V);
  return softmax_cross_entropy(rows, V, z_.data(), targets, kNoIgnore, dz_.data(), row_loss).mean();
}

template <class T> void WindowLM<T>::backward(int rows, const TokenId* windows) {
  const int K = config_.window, E = config_.embed, H = config_.hidden, V = config_.vocab, KE = K * E;
  std::fill_n(da_.begin(), size_t(rows) * H, T(0));
  head_.backward(rows, a_.data(), H, dz_.data(), V, da_.data(), H);
  for (size_t i = 0; i < size_t(rows) * H; ++i) da_[i] *= T(1) - a_[i] * a_[i];  // tanh' from its output
  std::fill_n(de_.begin(), size_t(rows) * KE, T(0));
  hidden_.backward(rows, e_.data(), KE, da_.data(), H, de_.data(), KE);
  for (int r = 0; r < rows; ++r)
    for (int k = 0; k < K; ++k) {
      const TokenId id = windows[size_t(r) * K + k];
      if (id != kBeforeText) embed_.backward(1, &id, de_.data() + size_t(r) * KE + size_t(k) * E, E);
    }
}

template class WindowLM<float>;
template class WindowLM<double>;

}  // namespace rp
