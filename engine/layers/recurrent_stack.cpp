#include "engine/layers/recurrent_stack.hpp"

#include <algorithm>

#include "engine/core/kernels.hpp"

namespace rp {
namespace {

// Position that step t of the backward direction reads: each sequence reversed within its length, padding
// left in place after it.
inline int reversed(int t, int len) { return t < len ? len - 1 - t : t; }

template <class T> void zero_state(LayerBuffers<T>& b) {
  std::fill_n(b.h.data(), size_t(b.batch) * b.h.shape()[2], T(0));
  if (b.c.size()) std::fill_n(b.c.data(), size_t(b.batch) * b.c.shape()[2], T(0));
}

}  // namespace

template <class T>
RecurrentStack<T>::RecurrentStack(const CellType& cell, int input_size, int hidden, int layers, bool bidirectional,
                                  const std::string& prefix, ParamStore<T>& store, const RecurrentOptions& options)
    : in_(input_size), H_(hidden) {
  const int D = bidirectional ? 2 * hidden : hidden;
  for (int l = 0; l < layers; ++l) {
    const int in = l == 0 ? input_size : D;
    fwd_.push_back(std::make_unique<RecurrentLayer<T>>(cell, in, hidden, l, prefix, store, "", options));
    if (bidirectional)
      bwd_.push_back(std::make_unique<RecurrentLayer<T>>(cell, in, hidden, l, prefix, store, "_reverse", options));
  }
}

template <class T> void RecurrentStack<T>::init(Rng& rng) {
  for (auto& l : fwd_) l->init(rng);
  for (auto& l : bwd_) l->init(rng);
}

template <class T> void RecurrentStack<T>::prepare() {
  for (auto& l : fwd_) l->prepare();
  for (auto& l : bwd_) l->prepare();
}

template <class T> void RecurrentStack<T>::resize(StackBuffers<T>& buf, int max_steps, int batch) const {
  const size_t S = max_steps, B = batch, H = H_, D = output_size(), L = fwd_.size();
  buf.max_steps = max_steps;
  buf.batch = batch;
  buf.S = 0;
  buf.len.assign(B, 1);
  buf.fwd.resize(L);
  buf.bwd.resize(bidirectional() ? L : 0);
  buf.rev_in.resize(bidirectional() ? L : 0);
  buf.rev_ids.assign(bidirectional() ? S * B : 0, 0);
  buf.out.resize(L);
  buf.d_out.resize(L);
  for (size_t l = 0; l < L; ++l) {
    fwd_[l]->resize(buf.fwd[l], max_steps, batch);
    if (bidirectional()) {
      bwd_[l]->resize(buf.bwd[l], max_steps, batch);
      buf.rev_in[l] = zeros<T>(S, B, l == 0 ? size_t(in_) : D);
    }
    buf.out[l] = zeros<T>(S, B, D);
    buf.d_out[l] = zeros<T>(S, B, D);
  }
  buf.dh_f = zeros<T>(S, B, H);
  buf.dh_b = zeros<T>(bidirectional() ? S : 0, B, H);
  buf.d_rev = zeros<T>(bidirectional() ? S : 0, B, std::max(size_t(in_), D));
}

template <class T>
void RecurrentStack<T>::draw_dropout(const DropoutConfig& d, bool dense_input, int S, Rng& rng, StackBuffers<T>& buf) const {
  for (size_t l = 0; l < fwd_.size(); ++l) {
    fwd_[l]->draw_dropout(d, l > 0 || dense_input, S, rng, buf.fwd[l]);
    if (bidirectional()) bwd_[l]->draw_dropout(d, l > 0 || dense_input, S, rng, buf.bwd[l]);
  }
}

template <class T> void RecurrentStack<T>::clear_dropout(StackBuffers<T>& buf) const {
  for (auto& b : buf.fwd) RecurrentLayer<T>::clear_dropout(b);
  for (auto& b : buf.bwd) RecurrentLayer<T>::clear_dropout(b);
}

template <class T>
void RecurrentStack<T>::forward(LayerInput<T> x, const int* len, int S, StackBuffers<T>& buf) const {
  const int B = buf.batch, H = H_, D = output_size();
  buf.S = S;
  for (int b = 0; b < B; ++b) buf.len[size_t(b)] = std::max(1, std::min(len[b], S));
  for (size_t l = 0; l < fwd_.size(); ++l) {
    const int I = l == 0 ? in_ : D;
    LayerInput<T> in = x;
    if (l > 0) in = LayerInput<T>{nullptr, buf.out[l - 1].data()};
    auto& f = buf.fwd[l];
    zero_state(f);
    fwd_[l]->forward(in, S, f);
    T* out = buf.out[l].data();
    for (int s = 0; s < S; ++s)
      for (int b = 0; b < B; ++b) std::copy_n(f.h.data() + (size_t(s + 1) * B + b) * H, H, out + (size_t(s) * B + b) * D);
    if (!bidirectional()) continue;
    LayerInput<T> rin;
    if (in.ids) {
      for (int t = 0; t < S; ++t)
        for (int b = 0; b < B; ++b) buf.rev_ids[size_t(t) * B + b] = in.ids[size_t(reversed(t, buf.len[b])) * B + b];
      rin.ids = buf.rev_ids.data();
    } else {
      T* r = buf.rev_in[l].data();
      for (int t = 0; t < S; ++t)
        for (int b = 0; b < B; ++b)
          std::copy_n(in.dense + (size_t(reversed(t, buf.len[b])) * B + b) * I, I, r + (size_t(t) * B + b) * I);
      rin.dense = r;
    }
    auto& r = buf.bwd[l];
    zero_state(r);
    bwd_[l]->forward(rin, S, r);
    for (int t = 0; t < S; ++t)
      for (int b = 0; b < B; ++b)
        std::copy_n(r.h.data() + (size_t(t + 1) * B + b) * H, H, out + (size_t(reversed(t, buf.len[b])) * B + b) * D + H);
  }
}

template <class T> void RecurrentStack<T>::final_states(const StackBuffers<T>& buf, T* out) const {
  const int B = buf.batch, H = H_, D = output_size();
  for (int b = 0; b < B; ++b) {
    const size_t at = (size_t(buf.len[b]) * B + b) * H;
    std::copy_n(buf.fwd.back().h.data() + at, H, out + size_t(b) * D);
    if (bidirectional()) std::copy_n(buf.bwd.back().h.data() + at, H, out + size_t(b) * D + H);
  }
}

template <class T>
void RecurrentStack<T>::backward(LayerInput<T> x, StackBuffers<T>& buf, const T* d_final, T* dX) {
  const int B = buf.batch, H = H_, D = output_size(), S = buf.S, L = layers();
  // Top layer down. Each direction's output gradient is split from d_out (the backward direction's in its own
  // reversed time); the final states' gradient enters at each direction's last step.
  for (int l = L - 1; l >= 0; --l) {
    const int I = l == 0 ? in_ : D;
    const T* d_out = buf.d_out[size_t(l)].data();
    for (int s = 0; s < S; ++s)
      for (int b = 0; b < B; ++b) {
        std::copy_n(d_out + (size_t(s) * B + b) * D, H, buf.dh_f.data() + (size_t(s) * B + b) * H);
        if (bidirectional())
          std::copy_n(d_out + (size_t(reversed(s, buf.len[b])) * B + b) * D + H, H, buf.dh_b.data() + (size_t(s) * B + b) * H);
      }
    if (l == L - 1 && d_final)
      for (int b = 0; b < B; ++b) {
        const size_t last = (size_t(buf.len[b] - 1) * B + b) * H;
        simd::add(d_final + size_t(b) * D, buf.dh_f.data() + last, H);
        if (bidirectional()) simd::add(d_final + size_t(b) * D + H, buf.dh_b.data() + last, H);
      }
    T* dIn = l > 0 ? buf.d_out[size_t(l) - 1].data() : (x.ids ? nullptr : dX);
    LayerInput<T> in = x;
    if (l > 0) in = LayerInput<T>{nullptr, buf.out[size_t(l) - 1].data()};
    auto& f = buf.fwd[size_t(l)];
    f.dh_carry.fill(T(0));
    f.dc_carry.fill(T(0));
    fwd_[size_t(l)]->backward(in, S, f, buf.dh_f.data(), dIn);
    if (!bidirectional()) continue;
    auto& r = buf.bwd[size_t(l)];
    r.dh_carry.fill(T(0));
    r.dc_carry.fill(T(0));
    LayerInput<T> rin;
    if (in.ids) rin.ids = buf.rev_ids.data();
    else rin.dense = buf.rev_in[size_t(l)].data();
    bwd_[size_t(l)]->backward(rin, S, r, buf.dh_b.data(), dIn ? buf.d_rev.data() : nullptr);
    if (!dIn) continue;
    for (int t = 0; t < S; ++t)
      for (int b = 0; b < B; ++b)
        simd::add(buf.d_rev.data() + (size_t(t) * B + b) * I, dIn + (size_t(reversed(t, buf.len[b])) * B + b) * I, I);
  }
}

template class RecurrentStack<float>;
template class RecurrentStack<double>;

}  // namespace rp
