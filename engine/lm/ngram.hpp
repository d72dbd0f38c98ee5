// A memoryless baseline for the char LM: a character n-gram model, counted from the training split in one
// pass and smoothed by interpolated Witten-Bell (Witten & Bell 1991; Chen & Goodman 1998, section 2.5).
// With h_k the last k characters before w (k = 0 .. n-1), c(h_k) the times h_k was followed by a character
// in the training text, c(h_k w) the times by w, and u(h_k) the number of distinct characters that followed it:
//   P_k(w | h_k) = (c(h_k w) + u(h_k) P_{k-1}(w | h_{k-1})) / (c(h_k) + u(h_k))    when c(h_k) > 0
//   P_k(w | h_k) = P_{k-1}(w | h_{k-1})                                           when h_k was never seen
//   P_0(w)       = (c(w) + u() / V) / (N + u())                                  (the base: uniform over V)
// Why Witten-Bell: every probability is above zero and each level sums to one by construction, with no
// discount to tune; an unsmoothed model gives a held-out character it never saw after a context probability
// 0, so its held-out loss is infinite on almost any text.
#pragma once
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/core/dims.hpp"
#include "engine/core/status.hpp"

namespace rp {

constexpr int kMaxNgramOrder = 8;
// The distinct contexts and (context, next) pairs counted, at most: about 100 bytes each, so some 400 MB at
// worst (WebAssembly's memory ends at 2 GiB). A text and order that need more are refused while counting.
constexpr int64_t kMaxNgramEntries = int64_t(4) << 20;

class NgramModel {
 public:
  // Counts every (context, next) pair of `ids` with contexts of 0 .. order-1 characters (a context never
  // reaches before ids[0]). order 1..8; ids in [0, vocab).
  static Status build(const std::vector<TokenId>& ids, int vocab, int order, NgramModel& out);

  int order() const { return order_; }
  int vocab() const { return V_; }

  // P(next | the characters before it): `context` holds `length` ids, most recent last; only the last
  // order-1 are read.
  double probability(const TokenId* context, int length, TokenId next) const;
  // The whole distribution [V] after a context.
  void distribution(const TokenId* context, int length, double* probs) const;
  // Mean nats per predicted character of `ids` read as one stream: ids[p+1] after ids[0..p] (the same
  // predictions the recurrent model's held-out loss averages).
  Status evaluate(const std::vector<TokenId>& ids, double& loss) const;

 private:
  struct Context {
    int64_t total = 0;     // c(h)
    int64_t distinct = 0;  // u(h)
  };
  static std::string key(const TokenId* ids, int n);

  int order_ = 0, V_ = 0;
  std::vector<int64_t> unigram_;   // [V] c(w)
  int64_t tokens_ = 0, seen_ = 0;  // N and u()
  // level k-1 holds the contexts of k characters (k = 1 .. order-1) and their (context, next) pairs
  std::vector<std::unordered_map<std::string, Context>> contexts_;
  std::vector<std::unordered_map<std::string, int64_t>> pairs_;
};

}  // namespace rp
