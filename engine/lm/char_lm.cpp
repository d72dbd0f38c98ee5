#include "engine/lm/char_lm.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "engine/core/kernels.hpp"
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
  if (E > 0) embed_w_ = params_.add("embed.weight", {V, E});
  for (int l = 0; l < config.layers; ++l) {
    const int in = l == 0 ? (E > 0 ? E : V) : H;
    layers_.push_back(std::make_unique<RecurrentLayer<T>>(*config.cell, in, H, l, "rnn.", params_));
  }
  head_w_ = params_.add("head.weight", {V, H});
  head_b_ = params_.add("head.bias", {V});
  params_.allocate();
  head_w_t_ = Tensor2<T>::from_shape({size_t(H), size_t(V)});
}

template <class T> void CharLM<T>::init(Rng& rng) {
  if (embed_w_ >= 0) {
    T* w = params_.value(embed_w_);
    for (int64_t i = 0; i < params_.specs()[embed_w_].size; ++i) w[i] = T(rng.normal());
  }
  for (auto& layer : layers_) layer->init(rng);
  const double bound = 1.0 / std::sqrt(double(config_.hidden));
  for (int id : {head_w_, head_b_}) {
    T* p = params_.value(id);
    for (int64_t i = 0; i < params_.specs()[id].size; ++i) p[i] = T(rng.uniform(-bound, bound));
  }
  weights_changed();
}

template <class T> void CharLM<T>::prepare() {
  if (prepared_) return;
  for (auto& layer : layers_) layer->prepare();
  const int V = config_.vocab, H = config_.hidden;
  const T* w = params_.value(head_w_);
  for (int v = 0; v < V; ++v)
    for (int j = 0; j < H; ++j) head_w_t_(j, v) = w[v * H + j];
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
  if (E > 0) {
    const T* table = params_.value(embed_w_);
    for (int r = 0; r < rows; ++r) std::copy_n(table + size_t(inputs[r]) * E, E, ws.embedded.data() + size_t(r) * E);
  }
  for (int l = 0; l < L; ++l) {
    auto& buf = ws.layers[l];
    std::copy_n(state.h.data() + l * step_h, step_h, buf.h.data());
    if (has_cell_state()) std::copy_n(state.c.data() + l * step_h, step_h, buf.c.data());
    layers_[l]->forward(layer_input(l, inputs, ws), Tn, buf);
    std::copy_n(buf.h.data() + Tn * step_h, step_h, state.h.data() + l * step_h);
    if (has_cell_state()) std::copy_n(buf.c.data() + Tn * step_h, step_h, state.c.data() + l * step_h);
  }
  const T* top = ws.layers[L - 1].h.data() + step_h;
  T* logits = ws.logits.data();
  simd::gemm(rows, V, H, top, H, 1, head_w_t_.data(), V, logits, V, false);
  const T* bias = params_.value(head_b_);
  for (int r = 0; r < rows; ++r) simd::add(bias, logits + size_t(r) * V, V);
  if (!targets) return 0.0;
  // Cross-entropy through a numerically stable log-sum-exp. The gradient of the mean loss,
  // (softmax - onehot) / rows, costs little more than the loss, so forward leaves it in dlogits for backward.
  double total = 0.0;
  const T inv_rows = T(1) / T(rows);
  for (int r = 0; r < rows; ++r) {
    const T* z = logits + size_t(r) * V;
    T* p = ws.dlogits.data() + size_t(r) * V;
    const T zmax = *std::max_element(z, z + V);
    T sum = 0;
    for (int v = 0; v < V; ++v) sum += (p[v] = std::exp(z[v] - zmax));
    const T inv = T(1) / sum;
    for (int v = 0; v < V; ++v) p[v] *= inv;
    const T loss = std::log(sum) + zmax - z[targets[r]];
    ws.row_loss(r) = loss;
    total += double(loss);
    p[targets[r]] -= T(1);
    simd::scale(p, V, inv_rows);
  }
  return total / rows;
}

template <class T> void CharLM<T>::backward(const TokenId* inputs, int Tn, CharLMWorkspace<T>& ws) {
  const int B = ws.batch, H = config_.hidden, V = config_.vocab, E = config_.embed, L = config_.layers;
  const int rows = Tn * B;
  const size_t step_h = size_t(B) * H;
  T* d = ws.dlogits.data();
  const T* top = ws.layers[L - 1].h.data() + step_h;
  simd::gemm(V, H, rows, d, 1, V, top, H, params_.grad(head_w_), H, true);
  T* db = params_.grad(head_b_);
  for (int r = 0; r < rows; ++r) simd::add(d + size_t(r) * V, db, V);
  simd::gemm(rows, H, V, d, V, 1, params_.value(head_w_), H, ws.d_out[L - 1].data(), H, false);
  for (int l = L - 1; l >= 0; --l) {
    auto& buf = ws.layers[l];
    buf.dh_carry.fill(T(0));
    buf.dc_carry.fill(T(0));
    T* dX = l > 0 ? ws.d_out[l - 1].data() : (E > 0 ? ws.d_embedded.data() : nullptr);
    layers_[l]->backward(layer_input(l, inputs, ws), Tn, buf, ws.d_out[l].data(), dX);
  }
  if (E > 0) {
    T* table_grad = params_.grad(embed_w_);
    for (int r = 0; r < rows; ++r)
      simd::add(ws.d_embedded.data() + size_t(r) * E, table_grad + size_t(inputs[r]) * E, E);
  }
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
