#include "engine/layers/attention.hpp"

#include <algorithm>
#include <cmath>

#include "engine/core/kernels.hpp"

namespace rp {

const std::vector<AttentionInfo>& attention_kinds() {
  static const std::vector<AttentionInfo> rows = {
      {AttentionKind::None, "none", "no attention", "the context is the encoder's final state, at every step"},
      {AttentionKind::Bahdanau, "bahdanau", "Bahdanau attention", "e(j) = v . tanh(W q + U h(j))  (additive)"},
      {AttentionKind::Dot, "dot", "dot attention", "e(j) = q . h(j)  (Luong)"},
      {AttentionKind::General, "general", "general attention", "e(j) = q . (W h(j))  (Luong)"},
      {AttentionKind::Concat, "concat", "concat attention", "e(j) = v . tanh(W [q; h(j)])  (Luong)"},
  };
  return rows;
}

const char* attention_name(AttentionKind k) {
  for (const auto& a : attention_kinds())
    if (a.kind == k) return a.name;
  return "?";
}

bool parse_attention(std::string_view name, AttentionKind& out) {
  for (const auto& a : attention_kinds())
    if (name == a.name) {
      out = a.kind;
      return true;
    }
  return false;
}

std::string attention_names() {
  std::string s;
  for (const auto& a : attention_kinds()) s += (s.empty() ? "" : ", ") + std::string(a.name);
  return s;
}

template <class T>
Attention<T>::Attention(AttentionKind kind, int query_size, int key_size, int attn_size, ParamStore<T>& store)
    : kind_(kind), Hq_(query_size), Hk_(key_size), A_(attn_size), store_(store) {
  switch (kind) {
    case AttentionKind::Bahdanau:
      query_ = store.add("attn.query.weight", {A_, Hq_});
      key_ = store.add("attn.key.weight", {A_, Hk_});
      v_ = store.add("attn.v.weight", {1, A_});
      break;
    case AttentionKind::Concat:
      proj_ = store.add("attn.proj.weight", {A_, Hq_ + Hk_});
      v_ = store.add("attn.v.weight", {1, A_});
      break;
    case AttentionKind::General:
      key_ = store.add("attn.key.weight", {Hq_, Hk_});
      break;
    default: break;
  }
  const int key_out = kind == AttentionKind::General ? Hq_ : A_;
  wq_t_ = Tensor2<T>::from_shape({size_t(Hq_), size_t(A_)});
  wk_t_ = Tensor2<T>::from_shape({size_t(Hk_), size_t(key_out)});
}

template <class T> void Attention<T>::init(Rng& rng) {
  // nn.Linear's default: U(-1/sqrt(fan_in), 1/sqrt(fan_in)).
  for (int id : {query_, key_, proj_, v_}) {
    if (id < 0) continue;
    const auto& spec = store_.specs()[id];
    const double bound = 1.0 / std::sqrt(double(spec.shape[1]));
    T* p = store_.value(id);
    for (int64_t i = 0; i < spec.size; ++i) p[i] = T(rng.uniform(-bound, bound));
  }
}

template <class T> const T* Attention<T>::w_query() const {
  return kind_ == AttentionKind::Concat ? store_.value(proj_) : store_.value(query_);
}
template <class T> const T* Attention<T>::w_key() const {
  return kind_ == AttentionKind::Concat ? store_.value(proj_) + Hq_ : store_.value(key_);
}
template <class T> T* Attention<T>::dw_query() {
  return kind_ == AttentionKind::Concat ? store_.grad(proj_) : store_.grad(query_);
}
template <class T> T* Attention<T>::dw_key() {
  return kind_ == AttentionKind::Concat ? store_.grad(proj_) + Hq_ : store_.grad(key_);
}

template <class T> void Attention<T>::prepare() {
  if (additive()) {
    const T* wq = w_query();
    for (int a = 0; a < A_; ++a)
      for (int j = 0; j < Hq_; ++j) wq_t_(j, a) = wq[size_t(a) * ldq() + j];
  }
  if (additive() || kind_ == AttentionKind::General) {
    const T* wk = w_key();
    const int rows = kind_ == AttentionKind::General ? Hq_ : A_;
    for (int a = 0; a < rows; ++a)
      for (int j = 0; j < Hk_; ++j) wk_t_(j, a) = wk[size_t(a) * ldk() + j];
  }
}

template <class T> void Attention<T>::resize(AttentionBuffers<T>& buf, int S, int T_steps, int B) const {
  const size_t key_w = kind_ == AttentionKind::General ? Hq_ : (additive() ? A_ : 0);
  buf.S = S;
  buf.steps = T_steps;
  buf.B = B;
  buf.keys = Tensor3<T>::from_shape({size_t(S), size_t(B), key_w});
  buf.dkeys = Tensor3<T>::from_shape({size_t(S), size_t(B), key_w});
  buf.u = Tensor3<T>::from_shape({additive() ? size_t(T_steps) : 0, size_t(B) * S, size_t(A_)});
  buf.alpha = Tensor3<T>::from_shape({size_t(T_steps), size_t(B), size_t(S)});
  buf.alpha.fill(T(0));
  buf.qproj = Tensor2<T>::from_shape({size_t(B), size_t(A_)});
  buf.de = Tensor2<T>::from_shape({size_t(B), size_t(S)});
  buf.dq_rows = Tensor2<T>::from_shape({size_t(B), size_t(A_)});
}

template <class T> void Attention<T>::prepare_keys(const T* hs, int S, AttentionBuffers<T>& buf) const {
  const int B = buf.B;
  if (additive())
    simd::gemm(S * B, A_, Hk_, hs, Hk_, 1, wk_t_.data(), A_, buf.keys.data(), A_, false);
  else if (kind_ == AttentionKind::General)
    simd::gemm(S * B, Hq_, Hk_, hs, Hk_, 1, wk_t_.data(), Hq_, buf.keys.data(), Hq_, false);
  buf.dkeys.fill(T(0));
}

template <class T>
void Attention<T>::forward(int t, const T* q, const T* hs, const int* src_len, int S, AttentionBuffers<T>& buf,
                           T* context) const {
  const int B = buf.B, SS = buf.S;  // SS: the buffers' row stride (allocated source length)
  T* alpha = buf.alpha.data() + size_t(t) * B * SS;
  if (additive()) simd::gemm(B, A_, Hq_, q, Hq_, 1, wq_t_.data(), A_, buf.qproj.data(), A_, false);
  const T* v = v_ >= 0 ? store_.value(v_) : nullptr;
  for (int b = 0; b < B; ++b) {
    const int len = std::max(1, std::min(src_len[b], S));
    T* e = alpha + size_t(b) * SS;
    for (int s = 0; s < len; ++s) {
      const T* h = hs + (size_t(s) * B + b) * Hk_;
      T score = 0;
      if (additive()) {
        T* u = buf.u.data() + (size_t(t) * B * SS + size_t(b) * SS + s) * A_;
        const T* key = buf.keys.data() + (size_t(s) * B + b) * A_;
        const T* qp = buf.qproj.data() + size_t(b) * A_;
        for (int a = 0; a < A_; ++a) u[a] = qp[a] + key[a];
        simd::tanh(u, u, A_);
        for (int a = 0; a < A_; ++a) score += v[a] * u[a];
      } else if (kind_ == AttentionKind::General) {
        const T* key = buf.keys.data() + (size_t(s) * B + b) * Hq_;
        for (int j = 0; j < Hq_; ++j) score += q[size_t(b) * Hq_ + j] * key[j];
      } else {
        for (int j = 0; j < Hk_; ++j) score += q[size_t(b) * Hq_ + j] * h[j];
      }
      e[s] = score;
    }
    // Masked softmax: padding positions get exactly zero weight.
    const T emax = *std::max_element(e, e + len);
    T sum = 0;
    for (int s = 0; s < len; ++s) sum += (e[s] = std::exp(e[s] - emax));
    for (int s = 0; s < len; ++s) e[s] /= sum;
    std::fill(e + len, e + SS, T(0));
    T* c = context + size_t(b) * Hk_;
    std::fill_n(c, Hk_, T(0));
    for (int s = 0; s < len; ++s) {
      const T* h = hs + (size_t(s) * B + b) * Hk_;
      for (int j = 0; j < Hk_; ++j) c[j] += e[s] * h[j];
    }
  }
}

template <class T>
void Attention<T>::backward(int t, const T* q, const T* hs, const int* src_len, int S, AttentionBuffers<T>& buf,
                            const T* dcontext, T* dq, T* dhs) {
  const int B = buf.B, SS = buf.S;
  const T* alpha = buf.alpha.data() + size_t(t) * B * SS;
  const T* v = v_ >= 0 ? store_.value(v_) : nullptr;
  T* dv = v_ >= 0 ? store_.grad(v_) : nullptr;
  if (additive()) buf.dq_rows.fill(T(0));
  for (int b = 0; b < B; ++b) {
    const int len = std::max(1, std::min(src_len[b], S));
    const T* a = alpha + size_t(b) * SS;
    const T* dc = dcontext + size_t(b) * Hk_;
    T* de = buf.de.data() + size_t(b) * SS;
    // Through the weighted sum (values) and the softmax.
    T dot_sum = 0;
    for (int s = 0; s < len; ++s) {
      const T* h = hs + (size_t(s) * B + b) * Hk_;
      T* dh = dhs + (size_t(s) * B + b) * Hk_;
      T da = 0;
      for (int j = 0; j < Hk_; ++j) {
        da += dc[j] * h[j];
        dh[j] += a[s] * dc[j];
      }
      de[s] = da;
      dot_sum += a[s] * da;
    }
    for (int s = 0; s < len; ++s) de[s] = a[s] * (de[s] - dot_sum);
    // Through the score.
    for (int s = 0; s < len; ++s) {
      if (additive()) {
        const T* u = buf.u.data() + (size_t(t) * B * SS + size_t(b) * SS + s) * A_;
        T* dk = buf.dkeys.data() + (size_t(s) * B + b) * A_;
        T* dqr = buf.dq_rows.data() + size_t(b) * A_;
        for (int k = 0; k < A_; ++k) {
          dv[k] += de[s] * u[k];
          const T dpre = de[s] * v[k] * (T(1) - u[k] * u[k]);
          dk[k] += dpre;
          dqr[k] += dpre;
        }
      } else if (kind_ == AttentionKind::General) {
        const T* key = buf.keys.data() + (size_t(s) * B + b) * Hq_;
        T* dk = buf.dkeys.data() + (size_t(s) * B + b) * Hq_;
        for (int j = 0; j < Hq_; ++j) {
          dq[size_t(b) * Hq_ + j] += de[s] * key[j];
          dk[j] += de[s] * q[size_t(b) * Hq_ + j];
        }
      } else {
        const T* h = hs + (size_t(s) * B + b) * Hk_;
        T* dh = dhs + (size_t(s) * B + b) * Hk_;
        for (int j = 0; j < Hk_; ++j) {
          dq[size_t(b) * Hq_ + j] += de[s] * h[j];
          dh[j] += de[s] * q[size_t(b) * Hq_ + j];
        }
      }
    }
  }
  if (additive()) {
    // W q: dW += dq_rows^T q, dq += dq_rows W.
    simd::gemm(A_, Hq_, B, buf.dq_rows.data(), 1, A_, q, Hq_, dw_query(), ldq(), true);
    simd::gemm(B, Hq_, A_, buf.dq_rows.data(), A_, 1, w_query(), ldq(), dq, Hq_, true);
  }
}

template <class T> void Attention<T>::finish_backward(const T* hs, int S, AttentionBuffers<T>& buf, T* dhs) {
  const int B = buf.B;
  if (additive()) {
    simd::gemm(A_, Hk_, S * B, buf.dkeys.data(), 1, A_, hs, Hk_, dw_key(), ldk(), true);
    simd::gemm(S * B, Hk_, A_, buf.dkeys.data(), A_, 1, w_key(), ldk(), dhs, Hk_, true);
  } else if (kind_ == AttentionKind::General) {
    simd::gemm(Hq_, Hk_, S * B, buf.dkeys.data(), 1, Hq_, hs, Hk_, dw_key(), Hk_, true);
    simd::gemm(S * B, Hk_, Hq_, buf.dkeys.data(), Hq_, 1, w_key(), Hk_, dhs, Hk_, true);
  }
}

template class Attention<float>;
template class Attention<double>;

}  // namespace rp
