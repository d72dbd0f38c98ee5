// Dropout for recurrent layers (the second RNN lecture; ../shared/seeds/rnn-ii-dropout-seq2seq-attention.txt):
//   between      a new mask at every step on each layer's dense input (the embedding, the layer below) and on
//                the top layer's output before the head: the non-recurrent connections only, as PyTorch's
//                nn.LSTM(dropout=P) between its layers (Zaremba et al. 2014 add the input and the output)
//   naive        the same, and a new mask at every step on h(t-1) where it enters W_hh as well
//   variational  one mask per window for each layer's input, output and h(t-1), shared by every step
//                (Gal & Ghahramani, arXiv 1512.05287)
//   weight       `between` on the inputs and the output, and DropConnect on W_hh: one mask on the recurrent
//                weight matrix per window (Wan et al. 2013, as AWD-LSTM uses it)
// Masks are inverted (kept entries are 1/(1-P), dropped ones 0), so nothing changes at evaluation: dropout is
// only ever drawn by a trainer's step, from a generator derived from the run's seed. Evaluation, sampling and
// the probes use workspaces without masks.
#pragma once
#include <string>
#include <vector>

#include "engine/core/rng.hpp"

namespace rp {

enum class DropoutKind { Between, Naive, Variational, Weight };

struct DropoutConfig {
  double p = 0;  // the probability of dropping a unit (or a recurrent weight); 0 = off
  DropoutKind kind = DropoutKind::Between;

  bool on() const { return p > 0; }
  // A new mask at every step (between, naive, weight) or one per window (variational)?
  bool per_step() const { return kind != DropoutKind::Variational; }
  // Is h(t-1) masked where it enters W_hh?
  bool recurrent() const { return on() && (kind == DropoutKind::Naive || kind == DropoutKind::Variational); }
  // Is W_hh itself masked (DropConnect)?
  bool weights() const { return on() && kind == DropoutKind::Weight; }
};

const char* dropout_kind_name(DropoutKind k);
bool parse_dropout_kind(const std::string& name, DropoutKind& out);
std::vector<std::string> dropout_kind_names();
// One line for people about each kind, in menu order: {name, label, summary}.
struct DropoutKindInfo {
  DropoutKind kind;
  const char* name;
  const char* label;
  const char* summary;
};
const std::vector<DropoutKindInfo>& dropout_kinds();

// n entries of an inverted mask: 0 with probability p, else 1/(1-p). One draw per entry, in order.
template <class T> void draw_mask(Rng& rng, double p, T* mask, size_t n) {
  const T keep = T(1.0 / (1.0 - p));
  // Compare 53-bit integers: the same entries drop natively and in WebAssembly.
  const uint64_t threshold = uint64_t(p * 9007199254740992.0);  // p * 2^53
  for (size_t i = 0; i < n; ++i) mask[i] = (rng.next_u64() >> 11) < threshold ? T(0) : keep;
}

// y[i] = x[i] * mask[i]; and in place, x[i] *= mask[i].
template <class T> void apply_mask(const T* x, const T* mask, T* y, size_t n) {
  for (size_t i = 0; i < n; ++i) y[i] = x[i] * mask[i];
}
template <class T> void apply_mask(T* x, const T* mask, size_t n) {
  for (size_t i = 0; i < n; ++i) x[i] *= mask[i];
}

}  // namespace rp
