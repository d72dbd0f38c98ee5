// Encoder-decoder with attention over characters (Sutskever et al. 2014; Bahdanau et al. 2015).
//   encoder  embedding -> L recurrent layers, optionally bidirectional: h(j) = [fwd h(j); bwd h(j)], Hd = H or 2H
//   bridge   the decoder's initial state per layer: s0_l = tanh(W_l [final fwd; final bwd] + b_l); c0 = 0
//   decoder  at step t: context c(t) = attention(query s(t-1), keys h), input [embed(y(t-1)); c(t)]
//            -> L recurrent layers -> s(t); logits = W_out [s(t); c(t)] + b_out
// Token ids: 0 PAD, 1 BOS, 2 EOS, then the vocabulary's characters from 3. Sources end with EOS.
// Parameter names (PyTorch's for the recurrent parts, "_reverse" for the backward direction):
//   encoder.embed.weight [V,E]  encoder.rnn.*_l{k}[_reverse]  bridge.weight [L*H, Hd]  bridge.bias [L*H]
//   decoder.embed.weight [V,E]  decoder.rnn.*_l{k} (input E + Hd)  attn.* (engine/layers/attention.hpp)
//   out.weight [V, H + Hd]  out.bias [V]
#pragma once
#include <memory>
#include <vector>

#include "engine/layers/attention.hpp"
#include "engine/layers/embedding.hpp"
#include "engine/layers/linear.hpp"
#include "engine/layers/recurrent_stack.hpp"

namespace rp {

constexpr TokenId kPad = 0, kBos = 1, kEos = 2, kFirstChar = 3;

struct Seq2SeqConfig {
  int vocab = 0;  // V, including the three special tokens
  int embed = 32;
  int hidden = 64;
  int layers = 1;
  const CellType* encoder_cell = &default_cell();
  const CellType* decoder_cell = &default_cell();
  bool bidirectional = false;
  AttentionKind attention = AttentionKind::Bahdanau;
  int attn_size = 64;  // A (bahdanau, concat)
  RecurrentOptions options;  // the encoder's and decoder's layers: biases, normalisation; dropout (the trainer's)
  int key_size() const { return bidirectional ? 2 * hidden : hidden; }  // Hd
};

Status validate(const Seq2SeqConfig& c);

// A padded batch, time-major. Positions at or beyond a length hold kPad.
struct Seq2SeqBatch {
  int S = 0, T = 0, B = 0;
  std::vector<TokenId> src;      // [S, B] characters then EOS
  std::vector<int> src_len;      // [B]
  std::vector<TokenId> tgt_in;   // [T, B] BOS y1 .. yn
  std::vector<TokenId> tgt_out;  // [T, B] y1 .. yn EOS
  std::vector<int> tgt_len;      // [B] n + 1
};

template <class T> struct Seq2SeqWorkspace {
  int max_src = 0, max_tgt = 0, batch = 0;
  int S = 0, steps = 0;                       // the current batch's padded lengths
  std::vector<int> src_len;                   // [B]
  Tensor3<T> src_emb, d_src_emb;              // [S, B, E]
  StackBuffers<T> enc;                        // the encoder's layers; its output [S, B, Hd] is the keys
  Tensor2<T> summary, d_summary;              // [B, Hd] final encoder states
  Tensor2<T> s0, d_s0;                        // [B, L*H] bridge output
  AttentionBuffers<T> attn;
  Tensor3<T> context;                         // [T, B, Hd]
  Tensor3<T> dec_in;                          // [T, B, E + Hd]
  std::vector<LayerBuffers<T>> dec;           // [L]
  std::vector<Tensor2<T>> d_above;            // [L] [B, H] gradient into each decoder layer's output at step t
  Tensor2<T> d_x;                             // [B, E + Hd] gradient into the decoder input at step t
  Tensor3<T> out_in, d_out_in;                // [T, B, H + Hd]
  Tensor2<T> logits, dlogits;                 // [T*B, V]
  Tensor2<T> dq, dcontext;                    // [B, H], [B, Hd]
  std::vector<TokenId> inputs;                // [T, B] the decoder inputs actually used
};

template <class T> class Seq2Seq {
 public:
  explicit Seq2Seq(const Seq2SeqConfig& config);  // config must have passed validate()
  Seq2Seq(const Seq2Seq&) = delete;
  Seq2Seq& operator=(const Seq2Seq&) = delete;

  const Seq2SeqConfig& config() const { return config_; }
  ParamStore<T>& params() { return params_; }
  const ParamStore<T>& params() const { return params_; }
  void init(Rng& rng);
  void weights_changed() { prepared_ = false; }
  void resize(Seq2SeqWorkspace<T>& ws, int max_src, int max_tgt, int batch) const;
  // Dropout masks for the encoder's S and the decoder's T steps (none when d.p is 0), in every recurrent layer
  // (its input, and h(t-1) or W_hh as the kind says), kept in ws until the next draw; a workspace never drawn
  // into (evaluation's, decoding's) has none.
  void draw_dropout(const DropoutConfig& d, Rng& rng, int S, int Tn, Seq2SeqWorkspace<T>& ws) const;

  // Encoder, bridge and attention keys for the batch's sources (src [S, B], lengths [B]).
  void encode(const TokenId* src, const int* src_len, int S, Seq2SeqWorkspace<T>& ws);
  // Decoder step t (after encode and steps 0..t-1): inputs [B] are the previous tokens (BOS at t = 0).
  // Leaves logits of step t in ws.logits rows [t*B, (t+1)*B) and the attention weights in ws.attn.alpha[t].
  void decode_step(int t, const TokenId* inputs, Seq2SeqWorkspace<T>& ws);
  const T* logits(const Seq2SeqWorkspace<T>& ws, int t, int b) const {
    return ws.logits.data() + (size_t(t) * ws.batch + b) * config_.vocab;
  }
  // Reorders the decoder state after step t by parent rows (beam search): row j takes row parent[j].
  void reorder(int t, const int* parent, Seq2SeqWorkspace<T>& ws) const;

  // Teacher-forced loss: mean cross-entropy over the real target tokens. With sampling_rate > 0 each decoder
  // input after the first is, with that probability, the model's own previous argmax (scheduled sampling).
  double forward(const Seq2SeqBatch& batch, Seq2SeqWorkspace<T>& ws, double sampling_rate = 0, Rng* rng = nullptr);
  // After forward: adds d(mean loss)/d(params) into params().grads().
  void backward(const Seq2SeqBatch& batch, Seq2SeqWorkspace<T>& ws);

 private:
  void prepare();
  int context_size() const { return config_.key_size(); }

  Seq2SeqConfig config_;
  ParamStore<T> params_;
  // Created in the order their parameters are declared (the store's order is the checkpoint's).
  std::unique_ptr<Embedding<T>> enc_embed_;                 // encoder.embed.weight [V, E]
  std::unique_ptr<RecurrentStack<T>> encoder_;              // encoder.rnn.*_l{k}[_reverse]
  std::vector<std::unique_ptr<RecurrentLayer<T>>> dec_;
  std::unique_ptr<Linear<T>> bridge_;                       // bridge.weight [L*H, Hd], bridge.bias [L*H]
  std::unique_ptr<Embedding<T>> dec_embed_;                 // decoder.embed.weight [V, E]
  std::unique_ptr<Attention<T>> attn_;
  std::unique_ptr<Linear<T>> out_;                          // out.weight [V, H + Hd], out.bias [V]
  bool prepared_ = false;
};

}  // namespace rp
