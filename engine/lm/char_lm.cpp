#include "engine/lm/char_lm.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "engine/core/kernels.hpp"
#include "engine/layers/cross_entropy.hpp"
#include "engine/lm/experiment.hpp"

namespace rp {

Status validate(const CharLMConfig& c) {
  if (c.vocab < 2 || c.vocab > 65536)
    return Status::error("vocabulary size must be between 2 and 65536, got " + std::to_string(c.vocab));
  RP_TRY(lm_model_fields().check(c));
  const int64_t per_layer = int64_t(c.cell->blocks) * c.hidden * (std::max(c.vocab, c.hidden) + c.hidden);
  if (per_layer * c.layers + int64_t(c.vocab) * (c.hidden + c.embed) > (int64_t(1) << 27))
    return Status::error("model too large: more than 134M parameters");
  return Status::ok();
}

template <class T> CharLM<T>::CharLM(const CharLMConfig& config) : config_(config) {
  const int V = config.vocab, H = config.hidden, E = config.embed;
  if (E > 0) embed_ = std::make_unique<Embedding<T>>(V, E, "embed.", params_);
  for (int l = 0; l < config.layers; ++l) {
    const int in = l == 0 ? (E > 0 ? E : V) : H;
    layers_.push_back(std::make_unique<RecurrentLayer<T>>(*config.cell, in, H, l, "rnn.", params_, "", config.options));
  }
  head_ = std::make_unique<Linear<T>>(H, V, "head.", params_);
  params_.allocate();
}

template <class T> void CharLM<T>::init(Rng& rng) {
  // The draws' order is part of the contract (a seed gives the same weights): embedding, layers, head.
  if (embed_) embed_->init(rng);
  for (auto& layer : layers_) layer->init(rng);
  head_->init(rng);
  weights_changed();
}

template <class T> void CharLM<T>::prepare() {
  if (prepared_) return;
  for (auto& layer : layers_) layer->prepare();
  head_->prepare();
  prepared_ = true;
}

template <class T> void CharLM<T>::resize(CharLMWorkspace<T>& ws, int max_steps, int batch) const {
  const size_t Tn = max_steps, B = batch, E = config_.embed, H = config_.hidden, V = config_.vocab;
  ws.max_steps = max_steps;
  ws.batch = batch;
  ws.embedded = Tensor3<T>::from_shape({E ? Tn : 0, B, E});
  ws.d_embedded = Tensor3<T>::from_shape({E ? Tn : 0, B, E});
  ws.layers.resize(layers_.size());
  ws.d_out.resize(layers_.size());
  for (size_t l = 0; l < layers_.size(); ++l) {
    layers_[l]->resize(ws.layers[l], max_steps, batch);
    ws.d_out[l] = Tensor3<T>::from_shape({Tn, B, H});
  }
  ws.logits = Tensor2<T>::from_shape({Tn * B, V});
  ws.dlogits = Tensor2<T>::from_shape({Tn * B, V});
  ws.row_loss = Tensor1<T>::from_shape({Tn * B});
}

template <class T> void CharLM<T>::resize(RecurrentState<T>& state, int batch) const {
  const size_t L = config_.layers, B = batch, H = config_.hidden;
  state.h = Tensor3<T>::from_shape({L, B, H});
  state.h.fill(T(0));
  state.c = Tensor3<T>::from_shape({has_cell_state() ? L : 0, B, H});
  state.c.fill(T(0));
}

template <class T>
void CharLM<T>::draw_dropout(const DropoutConfig& d, Rng& rng, int Tn, CharLMWorkspace<T>& ws) const {
  if (!d.on()) return clear_dropout(ws);
  for (size_t l = 0; l < layers_.size(); ++l)
    layers_[l]->draw_dropout(d, l > 0 || config_.embed > 0, Tn, rng, ws.layers[l]);
  const size_t B = ws.batch, H = config_.hidden, steps = d.per_step() ? Tn : 1;
  const size_t mask_rows = d.per_step() ? size_t(ws.max_steps) : 1;
  if (ws.out_mask.shape(0) != mask_rows) ws.out_mask = Tensor3<T>::from_shape({mask_rows, B, H});  // sized once
  if (ws.top_dropped.shape(0) != size_t(ws.max_steps)) ws.top_dropped = Tensor3<T>::from_shape({size_t(ws.max_steps), B, H});
  draw_mask(rng, d.p, ws.out_mask.data(), steps * B * H);
}

template <class T> void CharLM<T>::clear_dropout(CharLMWorkspace<T>& ws) const {
  for (auto& buf : ws.layers) RecurrentLayer<T>::clear_dropout(buf);
  ws.out_mask = Tensor3<T>();
}

namespace {
// x [Tn, B, H] times the output mask (a step's mask for every step when it holds one), into y, or in place.
template <class T> void mask_steps(const T* x, const Tensor3<T>& mask, int Tn, T* y) {
  const size_t step = mask.shape(1) * mask.shape(2);
  const bool per_step = mask.shape(0) > 1;
  for (int t = 0; t < Tn; ++t) apply_mask(x + t * step, mask.data() + (per_step ? t * step : 0), y + t * step, step);
}
}  // namespace

template <class T>
LayerInput<T> CharLM<T>::layer_input(int l, const TokenId* inputs, const CharLMWorkspace<T>& ws) const {
  LayerInput<T> x;
  if (l > 0) {
    const auto& below = ws.layers[l - 1];
    x.dense = below.h.data() + size_t(below.batch) * config_.hidden;  // h[1..T] of the layer below
  } else if (config_.embed > 0) {
    x.dense = ws.embedded.data();
  } else {
    x.ids = inputs;
  }
  return x;
}

template <class T>
double CharLM<T>::forward(const TokenId* inputs, const TokenId* targets, int Tn, CharLMWorkspace<T>& ws,
                          RecurrentState<T>& state) {
  prepare();
  const int B = ws.batch, H = config_.hidden, V = config_.vocab, E = config_.embed, L = config_.layers;
  const int rows = Tn * B;
  const size_t step_h = size_t(B) * H;
  if (embed_) embed_->forward(rows, inputs, ws.embedded.data(), E);
  for (int l = 0; l < L; ++l) {
    auto& buf = ws.layers[l];
    std::copy_n(state.h.data() + l * step_h, step_h, buf.h.data());
    if (has_cell_state()) std::copy_n(state.c.data() + l * step_h, step_h, buf.c.data());
    layers_[l]->forward(layer_input(l, inputs, ws), Tn, buf);
    std::copy_n(buf.h.data() + Tn * step_h, step_h, state.h.data() + l * step_h);
    if (has_cell_state()) std::copy_n(buf.c.data() + Tn * step_h, step_h, state.c.data() + l * step_h);
  }
  const T* top = ws.layers[L - 1].h.data() + step_h;  // h[1..T] of the top layer, [T*B, H]
  if (ws.out_mask.size()) {
    mask_steps(top, ws.out_mask, Tn, ws.top_dropped.data());
    top = ws.top_dropped.data();
  }
  head_->forward(rows, top, H, ws.logits.data(), V);
  if (!targets) return 0.0;
  // Every row counts; forward leaves d(mean loss)/d(logits) in dlogits for backward.
  return softmax_cross_entropy(rows, V, ws.logits.data(), targets, kNoIgnore, ws.dlogits.data(), ws.row_loss.data())
      .mean();
}

template <class T> void CharLM<T>::backward(const TokenId* inputs, int Tn, CharLMWorkspace<T>& ws) {
  const int B = ws.batch, H = config_.hidden, V = config_.vocab, E = config_.embed, L = config_.layers;
  const int rows = Tn * B;
  const size_t step_h = size_t(B) * H;
  const T* top = ws.out_mask.size() ? ws.top_dropped.data() : ws.layers[L - 1].h.data() + step_h;
  T* d_top = ws.d_out[L - 1].data();  // [T*B, H]; the head adds into it
  std::fill_n(d_top, size_t(rows) * H, T(0));
  head_->backward(rows, top, H, ws.dlogits.data(), V, d_top, H);
  if (ws.out_mask.size()) mask_steps(d_top, ws.out_mask, Tn, d_top);
  for (int l = L - 1; l >= 0; --l) {
    auto& buf = ws.layers[l];
    buf.dh_carry.fill(T(0));
    buf.dc_carry.fill(T(0));
    T* dX = l > 0 ? ws.d_out[l - 1].data() : (E > 0 ? ws.d_embedded.data() : nullptr);
    layers_[l]->backward(layer_input(l, inputs, ws), Tn, buf, ws.d_out[l].data(), dX);
  }
  if (embed_) embed_->backward(rows, inputs, ws.d_embedded.data(), E);
}

template <class T>
void CharLM<T>::input_sensitivity(const TokenId* ids, int Tn, CharLMWorkspace<T>& ws, T* out) {
  RecurrentState<T> zero;
  resize(zero, 1);
  forward(ids, nullptr, Tn, ws, zero);
  const int H = config_.hidden, L = config_.layers;
  const int K = config_.embed > 0 ? config_.embed : config_.vocab;
  Tensor3<T> tangents[2] = {Tensor3<T>::from_shape({size_t(Tn), size_t(K), size_t(H)}),
                            Tensor3<T>::from_shape({size_t(Tn), size_t(K), size_t(H)})};
  TangentBuffers<T> tb;
  for (int l = 0; l < L; ++l) {
    layers_[l]->resize(tb, K);
    // The first layer's input tangent is the identity at step 0 (an embedding's output is its own input
    // direction); higher layers take the tangent of the layer below.
    const T* dX = l == 0 ? nullptr : tangents[(l - 1) % 2].data();
    T* dH = tangents[l % 2].data();
    layers_[l]->tangent(dX, Tn, K, ws.layers[l], tb, dH);
    for (int t = 0; t < Tn; ++t)
      out[size_t(l) * Tn + t] = std::sqrt(simd::sum_squares(dH + size_t(t) * K * H, int64_t(K) * H));
  }
}

template class CharLM<float>;
template class CharLM<double>;

}  // namespace rp
