// A memoryless baseline for the char LM: the delay-tap model, a feed-forward network that sees only the
// last K characters (Bengio et al. 2003's neural probabilistic language model, on characters):
//   e(t) = [embed(x(t-K+1)); ...; embed(x(t))]   [K*E]   a position before the text's start is a zero vector
//   a(t) = tanh(W_h e(t) + b_h)                   [H]
//   z(t) = W_o a(t) + b_o                         [V]     loss: softmax cross-entropy against x(t+1)
// Parameters, named as a PyTorch module would: embed.weight [V, E], hidden.weight [H, K*E], hidden.bias [H],
// head.weight [V, H], head.bias [V]. Built from the shared layers (embedding, linear, cross-entropy); like
// them, backward ADDS into the gradients and zeroing is the caller's step.
#pragma once
#include <vector>

#include "engine/core/dims.hpp"
#include "engine/core/param_store.hpp"
#include "engine/core/rng.hpp"
#include "engine/core/status.hpp"
#include "engine/layers/embedding.hpp"
#include "engine/layers/linear.hpp"

namespace rp {

constexpr TokenId kBeforeText = -1;  // a window position before the text's first character
constexpr int kMaxWindow = 16;

struct WindowConfig {
  int vocab = 0;    // V
  int window = 4;   // K: characters seen
  int embed = 16;   // E
  int hidden = 128; // H
};

Status validate(const WindowConfig& c);

template <class T> class WindowLM {
 public:
  explicit WindowLM(const WindowConfig& c);

  const WindowConfig& config() const { return config_; }
  ParamStore<T>& params() { return store_; }
  void init(Rng& rng);        // PyTorch's defaults: embedding N(0, 1), linear layers U(+-1/sqrt(in))
  void weights_changed();     // after the parameters changed

  // Sizes the buffers for up to `rows` windows at once.
  void resize(int rows);
  // windows [rows, K] (oldest first; kBeforeText where the text has not begun), targets [rows]: the mean loss
  // over the rows; keeps what backward needs. row_loss [rows], when given, gets each row's loss.
  double forward(int rows, const TokenId* windows, const TokenId* targets, T* row_loss = nullptr);
  // Adds the gradient of forward's mean loss to every parameter's.
  void backward(int rows, const TokenId* windows);

 private:
  WindowConfig config_;
  ParamStore<T> store_;
  Embedding<T> embed_;
  Linear<T> hidden_, head_;
  int rows_ = 0;
  std::vector<T> e_, a_, z_, dz_, da_, de_;  // [R, K*E], [R, H], [R, V], [R, V], [R, H], [R, K*E]
};

}  // namespace rp
