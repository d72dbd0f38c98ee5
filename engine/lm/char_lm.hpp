// Character-level language model: [embedding] -> L stacked recurrent layers -> linear head -> softmax
// cross-entropy at every step. Parameters are named as the PyTorch module
//   embed = nn.Embedding(V, E)   (absent for one-hot input)
//   rnn   = nn.RNN / nn.LSTM / nn.GRU(I, H, L)
//   head  = nn.Linear(H, V)
// The model holds parameters only; every buffer of a forward/backward lives in a CharLMWorkspace sized once
// for (T, B), so training, sampling and probing each use their own and nothing allocates per step.
#pragma once
#include <memory>
#include <vector>

#include "engine/core/status.hpp"
#include "engine/layers/embedding.hpp"
#include "engine/layers/linear.hpp"
#include "engine/layers/recurrent_layer.hpp"
#include "engine/layers/recurrent_options.hpp"

namespace rp {

struct CharLMConfig {
  const CellType* cell = &default_cell();
  int vocab = 0;     // V
  int hidden = 128;  // H
  int layers = 1;    // L
  int embed = 0;     // E, 0 = one-hot input
  RecurrentOptions options;  // biases; dropout (what the trainer draws masks from)
};

// Limits chosen so that a config that passes cannot exhaust memory by itself (the trainer checks T and B).
Status validate(const CharLMConfig& c);

template <class T> struct RecurrentState {
  Tensor3<T> h;  // [L, B, H]
  Tensor3<T> c;  // [L, B, H] LSTM family; empty otherwise
};

template <class T> struct CharLMWorkspace {
  int max_steps = 0, batch = 0;
  Tensor3<T> embedded;                 // [T, B, E]
  Tensor3<T> d_embedded;               // [T, B, E]
  std::vector<LayerBuffers<T>> layers; // [L]
  std::vector<Tensor3<T>> d_out;       // [L] x [T, B, H]: gradient w.r.t. each layer's outputs
  Tensor2<T> logits;                   // [T*B, V]
  Tensor2<T> dlogits;                  // [T*B, V]
  Tensor1<T> row_loss;                 // [T*B] cross-entropy of each prediction
  Tensor3<T> out_mask;                 // [T|1, B, H] dropout on the top layer's output (empty: none)
  Tensor3<T> top_dropped;              // [T, B, H] the top layer's output as the head reads it
};

template <class T> class CharLM {
 public:
  explicit CharLM(const CharLMConfig& config);  // config must have passed validate()
  CharLM(const CharLM&) = delete;
  CharLM& operator=(const CharLM&) = delete;

  const CharLMConfig& config() const { return config_; }
  ParamStore<T>& params() { return params_; }
  const ParamStore<T>& params() const { return params_; }
  const RecurrentLayer<T>& layer(int l) const { return *layers_[l]; }
  bool has_cell_state() const { return config_.cell->cell_state; }

  // PyTorch's default initialisation, drawn from rng.
  void init(Rng& rng);
  // Must be called after anything writes parameter values (optimizer, loader, a test's perturbation).
  void weights_changed() { prepared_ = false; }

  void resize(CharLMWorkspace<T>& ws, int max_steps, int batch) const;
  void resize(RecurrentState<T>& state, int batch) const;  // zero state

  // Draws the dropout masks of the next window of Tn steps into ws (none when d.p is 0): each layer's (its
  // dense input, h(t-1) or W_hh), then the output's. They stay for every forward and backward with ws until the
  // next draw or clear_dropout; a workspace never drawn into has no dropout.
  void draw_dropout(const DropoutConfig& d, Rng& rng, int Tn, CharLMWorkspace<T>& ws) const;
  void clear_dropout(CharLMWorkspace<T>& ws) const;

  // Runs Tn steps of inputs [Tn, B] from `state`, leaves the final state in `state`. With targets [Tn, B],
  // returns the mean cross-entropy in nats (and keeps what backward needs); without, returns 0.
  double forward(const TokenId* inputs, const TokenId* targets, int Tn, CharLMWorkspace<T>& ws,
                 RecurrentState<T>& state);
  // After forward with targets: adds d(mean loss)/d(params) into params().grads(). Truncated BPTT: no gradient
  // flows into the initial state's past; d loss / d(initial state) is left in ws.layers[l].dh_carry/dc_carry.
  void backward(const TokenId* inputs, int Tn, CharLMWorkspace<T>& ws);

  // Logits of step t, stream b after forward: [V].
  const T* logits(const CharLMWorkspace<T>& ws, int t, int b) const {
    return ws.logits.data() + (size_t(t) * ws.batch + b) * config_.vocab;
  }

  // Sensitivity probe: for the text ids [Tn] run from a zero state, out [L, Tn] = ||dh_l(t)/dx(1)||_F, the
  // Frobenius norm of the Jacobian of each layer's state w.r.t. the first input (one-hot vector or embedding).
  void input_sensitivity(const TokenId* ids, int Tn, CharLMWorkspace<T>& ws, T* out);

 private:
  void prepare();
  LayerInput<T> layer_input(int l, const TokenId* inputs, const CharLMWorkspace<T>& ws) const;

  CharLMConfig config_;
  ParamStore<T> params_;
  std::unique_ptr<Embedding<T>> embed_;  // embed.weight [V, E]; null for one-hot input
  std::vector<std::unique_ptr<RecurrentLayer<T>>> layers_;
  std::unique_ptr<Linear<T>> head_;      // head.weight [V, H], head.bias [V]
  bool prepared_ = false;
};

}  // namespace rp
