#include "engine/lm/ngram.hpp"

#include <algorithm>
#include <cmath>

namespace rp {

std::string NgramModel::key(const TokenId* ids, int n) {
  return std::string(reinterpret_cast<const char*>(ids), size_t(n) * sizeof(TokenId));
}

Status NgramModel::build(const std::vector<TokenId>& ids, int vocab, int order, NgramModel& out) {
  if (order < 1 || order > kMaxNgramOrder)
    return Status::error("n-gram order must be between 1 and " + std::to_string(kMaxNgramOrder) + ", got " + std::to_string(order));
  if (vocab < 1) return Status::error("n-gram vocabulary must have at least one character");
  if (ids.empty()) return Status::error("the n-gram model needs a training text");
  for (TokenId id : ids)
    if (id < 0 || id >= vocab) return Status::error("n-gram text contains an id outside the vocabulary");
  NgramModel m;
  m.order_ = order;
  m.V_ = vocab;
  m.unigram_.assign(size_t(vocab), 0);
  m.contexts_.resize(size_t(order - 1));
  m.pairs_.resize(size_t(order - 1));
  int64_t entries = 0;
  for (size_t i = 0; i < ids.size(); ++i) {
    if (entries > kMaxNgramEntries)
      return Status::error("an order-" + std::to_string(order) + " n-gram model of this text needs more than " +
                           std::to_string(kMaxNgramEntries) + " counts (stopped at character " + std::to_string(i) +
                           " of " + std::to_string(ids.size()) + "): use a lower order or a shorter text");
    if (m.unigram_[size_t(ids[i])]++ == 0) ++m.seen_;
    for (int k = 1; k < order && size_t(k) <= i; ++k) {
      const TokenId* h = ids.data() + i - size_t(k);
      Context& c = m.contexts_[size_t(k - 1)][key(h, k)];
      entries += c.total++ == 0;
      if (m.pairs_[size_t(k - 1)][key(h, k + 1)]++ == 0) {
        ++c.distinct;
        ++entries;
      }
    }
  }
  m.tokens_ = int64_t(ids.size());
  out = std::move(m);
  return Status::ok();
}

double NgramModel::probability(const TokenId* context, int length, TokenId next) const {
  double p = (double(unigram_[size_t(next)]) + double(seen_) / V_) / double(tokens_ + seen_);
  const int longest = std::min(length, order_ - 1);
  std::vector<TokenId> hw(size_t(longest) + 1);
  for (int k = 1; k <= longest; ++k) {
    const TokenId* h = context + length - k;
    const auto c = contexts_[size_t(k - 1)].find(key(h, k));
    if (c == contexts_[size_t(k - 1)].end()) break;  // never seen: neither is any longer context ending here
    std::copy_n(h, k, hw.begin());
    hw[size_t(k)] = next;
    const auto pair = pairs_[size_t(k - 1)].find(key(hw.data(), k + 1));
    const double count = pair == pairs_[size_t(k - 1)].end() ? 0.0 : double(pair->second);
    p = (count + double(c->second.distinct) * p) / double(c->second.total + c->second.distinct);
  }
  return p;
}

void NgramModel::distribution(const TokenId* context, int length, double* probs) const {
  for (int v = 0; v < V_; ++v) probs[v] = probability(context, length, TokenId(v));
}

Status NgramModel::evaluate(const std::vector<TokenId>& ids, double& loss) const {
  if (ids.size() < 2) return Status::error("evaluation text needs at least 2 characters");
  for (TokenId id : ids)
    if (id < 0 || id >= V_) return Status::error("evaluation text contains an id outside the vocabulary");
  double total = 0;
  for (size_t p = 0; p + 1 < ids.size(); ++p) {
    const int length = int(std::min<size_t>(p + 1, size_t(order_ - 1)));
    total -= std::log(probability(ids.data() + p + 1 - size_t(length), length, ids[p + 1]));
  }
  loss = total / double(ids.size() - 1);
  return Status::ok();
}

}  // namespace rp
