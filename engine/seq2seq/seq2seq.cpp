#include "engine/seq2seq/seq2seq.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "engine/core/kernels.hpp"
#include "engine/layers/cross_entropy.hpp"

namespace rp {

Status validate(const Seq2SeqConfig& c) {
  if (c.vocab < 4 || c.vocab > 65536) return Status::error("vocabulary must have between 1 and 65533 characters");
  if (c.embed < 1 || c.embed > 1024) return Status::error("embedding size must be between 1 and 1024");
  if (c.hidden < 1 || c.hidden > 1024) return Status::error("hidden size must be between 1 and 1024");
  if (c.layers < 1 || c.layers > 4) return Status::error("number of layers must be between 1 and 4");
  if (c.attn_size < 1 || c.attn_size > 1024) return Status::error("attention size must be between 1 and 1024");
  if (c.attention == AttentionKind::Dot && c.key_size() != c.hidden)
    return Status::error("dot attention needs equal decoder and encoder state sizes: use general or concat with a "
                         "bidirectional encoder");
  return Status::ok();
}

template <class T> Seq2Seq<T>::Seq2Seq(const Seq2SeqConfig& c) : config_(c) {
  const int V = c.vocab, E = c.embed, H = c.hidden, L = c.layers, Hd = c.key_size();
  enc_embed_ = std::make_unique<Embedding<T>>(V, E, "encoder.embed.", params_);
  encoder_ = std::make_unique<RecurrentStack<T>>(*c.encoder_cell, E, H, L, c.bidirectional, "encoder.rnn.", params_, c.options);
  bridge_ = std::make_unique<Linear<T>>(Hd, L * H, "bridge.", params_);
  dec_embed_ = std::make_unique<Embedding<T>>(V, E, "decoder.embed.", params_);
  for (int l = 0; l < L; ++l)
    dec_.push_back(std::make_unique<RecurrentLayer<T>>(*c.decoder_cell, l == 0 ? E + Hd : H, H, l, "decoder.rnn.", params_,
                                                       "", c.options));
  if (c.attention != AttentionKind::None) attn_ = std::make_unique<Attention<T>>(c.attention, H, Hd, c.attn_size, params_);
  out_ = std::make_unique<Linear<T>>(H + Hd, V, "out.", params_);
  params_.allocate();
}

template <class T>
void Seq2Seq<T>::draw_dropout(const DropoutConfig& d, Rng& rng, int S, int Tn, Seq2SeqWorkspace<T>& ws) const {
  if (!d.on()) {
    encoder_->clear_dropout(ws.enc);
    for (auto& buf : ws.dec) RecurrentLayer<T>::clear_dropout(buf);
    return;
  }
  encoder_->draw_dropout(d, true, S, rng, ws.enc);
  for (size_t l = 0; l < dec_.size(); ++l) dec_[l]->draw_dropout(d, true, Tn, rng, ws.dec[l]);
}

template <class T> void Seq2Seq<T>::init(Rng& rng) {
  // The draws' order is part of the contract (a seed gives the same weights), and differs from the
  // declaration order: embeddings, recurrent layers, attention, then bridge and output layer.
  enc_embed_->init(rng);
  dec_embed_->init(rng);
  encoder_->init(rng);
  for (auto& l : dec_) l->init(rng);
  if (attn_) attn_->init(rng);
  bridge_->init(rng);
  out_->init(rng);
  weights_changed();
}

template <class T> void Seq2Seq<T>::prepare() {
  if (prepared_) return;
  encoder_->prepare();
  for (auto& l : dec_) l->prepare();
  if (attn_) attn_->prepare();
  bridge_->prepare();
  out_->prepare();
  prepared_ = true;
}

template <class T> void Seq2Seq<T>::resize(Seq2SeqWorkspace<T>& ws, int max_src, int max_tgt, int batch) const {
  const size_t S = max_src, Tt = max_tgt, B = batch, E = config_.embed, H = config_.hidden, L = config_.layers;
  const size_t Hd = context_size(), V = config_.vocab;
  ws.max_src = max_src;
  ws.max_tgt = max_tgt;
  ws.batch = batch;
  ws.src_len.assign(B, 1);
  ws.src_emb = zeros<T>(S, B, E);
  ws.d_src_emb = zeros<T>(S, B, E);
  encoder_->resize(ws.enc, max_src, batch);
  ws.summary = zeros<T>(B, Hd);
  ws.d_summary = zeros<T>(B, Hd);
  ws.s0 = zeros<T>(B, L * H);
  ws.d_s0 = zeros<T>(B, L * H);
  if (attn_) attn_->resize(ws.attn, max_src, max_tgt, batch);
  ws.context = zeros<T>(Tt, B, Hd);
  ws.dec_in = zeros<T>(Tt, B, E + Hd);
  ws.dec.resize(L);
  ws.d_above.resize(L);
  for (size_t l = 0; l < L; ++l) {
    dec_[l]->resize(ws.dec[l], max_tgt, batch);
    ws.d_above[l] = zeros<T>(B, H);
  }
  ws.d_x = zeros<T>(B, E + Hd);
  ws.out_in = zeros<T>(Tt, B, H + Hd);
  ws.d_out_in = zeros<T>(Tt, B, H + Hd);
  ws.logits = zeros<T>(Tt * B, V);
  ws.dlogits = zeros<T>(Tt * B, V);
  ws.dq = zeros<T>(B, H);
  ws.dcontext = zeros<T>(B, Hd);
  ws.inputs.assign(Tt * B, kPad);
}

template <class T> void Seq2Seq<T>::encode(const TokenId* src, const int* src_len, int S, Seq2SeqWorkspace<T>& ws) {
  prepare();
  const int B = ws.batch, E = config_.embed, H = config_.hidden, L = config_.layers, Hd = context_size();
  ws.S = S;
  for (int b = 0; b < B; ++b) ws.src_len[b] = std::max(1, std::min(src_len[b], S));
  enc_embed_->forward(S * B, src, ws.src_emb.data(), E);
  encoder_->forward(LayerInput<T>{nullptr, ws.src_emb.data()}, ws.src_len.data(), S, ws.enc);
  // Final states: the forward direction after the last real character, the backward one after the first.
  encoder_->final_states(ws.enc, ws.summary.data());
  // Bridge to the decoder's initial states: s0 = tanh(W summary + b).
  bridge_->forward(B, ws.summary.data(), Hd, ws.s0.data(), L * H);
  simd::tanh(ws.s0.data(), ws.s0.data(), B * L * H);
  for (int l = 0; l < L; ++l) {
    auto& d = ws.dec[l];
    for (int b = 0; b < B; ++b) std::copy_n(ws.s0.data() + size_t(b) * L * H + size_t(l) * H, H, d.h.data() + size_t(b) * H);
    if (d.c.size()) std::fill_n(d.c.data(), size_t(B) * H, T(0));
  }
  if (attn_) attn_->prepare_keys(encoder_->output(ws.enc), S, ws.attn);
}

template <class T> void Seq2Seq<T>::decode_step(int t, const TokenId* inputs, Seq2SeqWorkspace<T>& ws) {
  const int B = ws.batch, E = config_.embed, H = config_.hidden, L = config_.layers, Hd = context_size();
  const int V = config_.vocab, O = H + Hd, I = E + Hd;
  T* context = ws.context.data() + size_t(t) * B * Hd;
  const T* query = ws.dec[L - 1].h.data() + size_t(t) * B * H;  // s(t-1)
  if (attn_)
    attn_->forward(t, query, encoder_->output(ws.enc), ws.src_len.data(), ws.S, ws.attn, context);
  else
    std::copy_n(ws.summary.data(), size_t(B) * Hd, context);
  T* x = ws.dec_in.data() + size_t(t) * B * I;  // [B, E + Hd] rows [embed(y(t-1)); c(t)]
  std::copy_n(inputs, B, ws.inputs.data() + size_t(t) * B);
  dec_embed_->forward(B, inputs, x, I);
  for (int b = 0; b < B; ++b) std::copy_n(context + size_t(b) * Hd, Hd, x + size_t(b) * I + E);
  for (int l = 0; l < L; ++l) {
    LayerInput<T> in;
    in.dense = l == 0 ? x : ws.dec[l - 1].h.data() + size_t(t + 1) * B * H;
    dec_[l]->forward_step(in, t, ws.dec[l]);
  }
  T* o = ws.out_in.data() + size_t(t) * B * O;
  for (int b = 0; b < B; ++b) {
    std::copy_n(ws.dec[L - 1].h.data() + (size_t(t + 1) * B + b) * H, H, o + size_t(b) * O);
    std::copy_n(context + size_t(b) * Hd, Hd, o + size_t(b) * O + H);
  }
  out_->forward(B, o, O, ws.logits.data() + size_t(t) * B * V, V);
}

template <class T> void Seq2Seq<T>::reorder(int t, const int* parent, Seq2SeqWorkspace<T>& ws) const {
  const int B = ws.batch, H = config_.hidden;
  std::vector<T> tmp(size_t(B) * H);
  for (auto& d : ws.dec)
    for (Tensor3<T>* state : {&d.h, &d.c}) {
      if (!state->size()) continue;
      T* rows = state->data() + size_t(t + 1) * B * H;
      for (int j = 0; j < B; ++j) std::copy_n(rows + size_t(parent[j]) * H, H, tmp.data() + size_t(j) * H);
      std::copy(tmp.begin(), tmp.end(), rows);
    }
}

template <class T>
double Seq2Seq<T>::forward(const Seq2SeqBatch& batch, Seq2SeqWorkspace<T>& ws, double sampling_rate, Rng* rng) {
  const int B = ws.batch, V = config_.vocab, Tn = batch.T;
  ws.steps = Tn;
  encode(batch.src.data(), batch.src_len.data(), batch.S, ws);
  std::vector<TokenId> inputs(B);
  for (int t = 0; t < Tn; ++t) {
    for (int b = 0; b < B; ++b) {
      inputs[b] = batch.tgt_in[size_t(t) * B + b];
      if (t > 0 && sampling_rate > 0 && rng && inputs[b] != kPad && rng->uniform() < sampling_rate) {
        const T* z = logits(ws, t - 1, b);
        inputs[b] = TokenId(std::max_element(z, z + V) - z);
      }
    }
    decode_step(t, inputs.data(), ws);
  }
  // Cross-entropy over the real target tokens (PAD ignored); forward leaves the gradient of the mean in dlogits.
  return softmax_cross_entropy(Tn * B, V, ws.logits.data(), batch.tgt_out.data(), kPad, ws.dlogits.data(),
                               static_cast<T*>(nullptr))
      .mean();
}

template <class T> void Seq2Seq<T>::backward(const Seq2SeqBatch& batch, Seq2SeqWorkspace<T>& ws) {
  const int B = ws.batch, E = config_.embed, H = config_.hidden, L = config_.layers, Hd = context_size();
  const int V = config_.vocab, O = H + Hd, I = E + Hd, Tn = ws.steps, S = ws.S;
  // Output layer, all steps at once.
  std::fill_n(ws.d_out_in.data(), size_t(Tn) * B * O, T(0));
  out_->backward(Tn * B, ws.out_in.data(), O, ws.dlogits.data(), V, ws.d_out_in.data(), O);

  encoder_->zero_output_grad(ws.enc);
  ws.d_summary.fill(T(0));
  ws.dq.fill(T(0));
  for (auto& d : ws.dec) {
    d.dh_carry.fill(T(0));
    d.dc_carry.fill(T(0));
  }
  for (int t = Tn - 1; t >= 0; --t) {
    // Gradient into s(t): from the output layer at t and from the attention query of step t + 1.
    T* dtop = ws.d_above[L - 1].data();
    const T* d_o = ws.d_out_in.data() + size_t(t) * B * O;
    for (int b = 0; b < B; ++b) {
      for (int j = 0; j < H; ++j) dtop[size_t(b) * H + j] = d_o[size_t(b) * O + j] + ws.dq(b, j);
      std::copy_n(d_o + size_t(b) * O + H, Hd, ws.dcontext.data() + size_t(b) * Hd);
    }
    for (int l = L - 1; l >= 0; --l) {
      T* dX = l > 0 ? ws.d_above[l - 1].data() : ws.d_x.data();
      dec_[l]->backward_step(t, ws.dec[l], ws.d_above[l].data(), dX);
    }
    // Layer 0's input was [embed(y(t-1)); c(t)].
    const T* dx = ws.d_x.data();  // [B, E + Hd]
    dec_embed_->backward(B, ws.inputs.data() + size_t(t) * B, dx, I);
    for (int b = 0; b < B; ++b) simd::add(dx + size_t(b) * I + E, ws.dcontext.data() + size_t(b) * Hd, Hd);
    ws.dq.fill(T(0));
    if (attn_)
      attn_->backward(t, ws.dec[L - 1].h.data() + size_t(t) * B * H, encoder_->output(ws.enc), ws.src_len.data(), S,
                      ws.attn, ws.dcontext.data(), ws.dq.data(), encoder_->d_output(ws.enc));
    else
      simd::add(ws.dcontext.data(), ws.d_summary.data(), int64_t(B) * Hd);
  }
  // The decoder's parameter gradients for all steps at once (their inputs are all known by now).
  for (int l = 0; l < L; ++l) {
    LayerInput<T> in;
    in.dense = l == 0 ? ws.dec_in.data() : ws.dec[l - 1].h.data() + size_t(B) * H;
    dec_[l]->weight_gradients(in, 0, Tn, ws.dec[l]);
  }
  // Initial decoder states -> bridge -> encoder summary.
  for (int l = 0; l < L; ++l)
    for (int b = 0; b < B; ++b)
      for (int j = 0; j < H; ++j) {
        T d = ws.dec[l].dh_carry(b, j) + (l == L - 1 ? ws.dq(b, j) : T(0));
        const T s = ws.s0(b, size_t(l) * H + j);
        ws.d_s0(b, size_t(l) * H + j) = d * (T(1) - s * s);
      }
  // The bridge adds into d_summary, which already holds the fixed context's gradient when there is no attention.
  bridge_->backward(B, ws.summary.data(), Hd, ws.d_s0.data(), L * H, ws.d_summary.data(), Hd);
  if (attn_) attn_->finish_backward(encoder_->output(ws.enc), S, ws.attn, encoder_->d_output(ws.enc));

  // The encoder: the attention's gradient in its output, the bridge's (and a fixed context's) in its final states.
  encoder_->backward(LayerInput<T>{nullptr, ws.src_emb.data()}, ws.enc, ws.d_summary.data(), ws.d_src_emb.data());
  enc_embed_->backward(S * B, batch.src.data(), ws.d_src_emb.data(), E);
}

template class Seq2Seq<float>;
template class Seq2Seq<double>;

}  // namespace rp
