// Attention of a decoder over encoder states (Bahdanau et al. 2015; Luong et al. 2015). At decoder step t the
// query q is the decoder's previous top state s(t-1) [B, Hq]; the keys are the encoder states h(j) [S, B, Hk];
//   none      no attention: the context is the encoder's final summary (the fixed-context baseline)
//   bahdanau  e(j) = v . tanh(W q + U h(j))          attn.query.weight [A, Hq], attn.key.weight [A, Hk], attn.v.weight [1, A]
//   dot       e(j) = q . h(j)                        (Hq == Hk)
//   general   e(j) = q . (W h(j))                    attn.key.weight [Hq, Hk]
//   concat    e(j) = v . tanh(W [q; h(j)])           attn.proj.weight [A, Hq + Hk], attn.v.weight [1, A]
// a = softmax(e) over the source positions j < len(b) (padding masked to weight 0), context c = sum_j a(j) h(j).
// Keys are projected once per batch (prepare_keys); each step then costs O(B S A).
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/dims.hpp"
#include "engine/core/param_store.hpp"
#include "engine/core/rng.hpp"
#include "engine/core/status.hpp"

namespace rp {

enum class AttentionKind { None, Bahdanau, Dot, General, Concat };

// The kinds as menus and the catalogue list them.
struct AttentionInfo {
  AttentionKind kind;
  const char* name;     // checkpoint metadata, command line, JSON and links
  const char* label;    // "Bahdanau attention"
  const char* score;    // the score function, e(j) = ...
};
const std::vector<AttentionInfo>& attention_kinds();
const char* attention_name(AttentionKind k);
bool parse_attention(std::string_view name, AttentionKind& out);
std::string attention_names();

// Per-batch buffers of attention, sized for (S, T, B).
// Rows are laid out with the allocated S as stride whatever the batch's own source length, so alpha(t, b, s)
// indexes them directly.
template <class T> struct AttentionBuffers {
  int S = 0, steps = 0, B = 0;
  Tensor3<T> keys;     // [S, B, A] (additive: U h) or [S, B, Hq] (general: W h); unused for dot/none
  Tensor3<T> dkeys;    // same shape: gradient accumulated over all steps
  Tensor3<T> u;        // [T, B*S, A] tanh(W q + U h) of every step (additive)
  Tensor3<T> alpha;    // [T, B, S] attention weights
  Tensor2<T> qproj;    // [B, A] W q of the current step (additive)
  Tensor2<T> de;       // [B, S] score gradients of the current step
  Tensor2<T> dq_rows;  // [B, A] scratch
};

template <class T> class Attention {
 public:
  Attention(AttentionKind kind, int query_size, int key_size, int attn_size, ParamStore<T>& store);
  AttentionKind kind() const { return kind_; }
  void init(Rng& rng);
  void prepare();  // refresh transposed weight copies after the weights change
  void resize(AttentionBuffers<T>& buf, int S, int T_steps, int B) const;

  // keys: encoder states hs [S, B, Hk]; computes the projected keys for the batch.
  void prepare_keys(const T* hs, int S, AttentionBuffers<T>& buf) const;
  // Step t: query q [B, Hq] -> weights into buf.alpha[t], context [B, Hk].
  void forward(int t, const T* q, const T* hs, const int* src_len, int S, AttentionBuffers<T>& buf, T* context) const;
  // Step t backward: dcontext [B, Hk] -> adds dq [B, Hq], dhs [S, B, Hk] (values part) and parameter gradients;
  // key-projection gradients accumulate in buf.dkeys until finish_backward.
  void backward(int t, const T* q, const T* hs, const int* src_len, int S, AttentionBuffers<T>& buf,
                const T* dcontext, T* dq, T* dhs);
  // After all steps: gradients of the key projection into its weights and into dhs.
  void finish_backward(const T* hs, int S, AttentionBuffers<T>& buf, T* dhs);

 private:
  bool additive() const { return kind_ == AttentionKind::Bahdanau || kind_ == AttentionKind::Concat; }
  const T* w_query() const;  // [A, Hq] block, row stride ldq()
  const T* w_key() const;    // [A or Hq, Hk] block, row stride ldk()
  T* dw_query();
  T* dw_key();
  int ldq() const { return kind_ == AttentionKind::Concat ? Hq_ + Hk_ : Hq_; }
  int ldk() const { return kind_ == AttentionKind::Concat ? Hq_ + Hk_ : Hk_; }

  AttentionKind kind_;
  int Hq_, Hk_, A_;
  ParamStore<T>& store_;
  int query_ = -1, key_ = -1, proj_ = -1, v_ = -1;
  Tensor2<T> wq_t_, wk_t_;  // transposes: [Hq, A], [Hk, A or Hq]
};

}  // namespace rp
