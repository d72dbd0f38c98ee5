// Random draws for the task generators, on rp::Rng only, so native and WebAssembly agree. Internal to
// engine/seq2seq/tasks*.
#pragma once
#include <cstdint>
#include <utility>
#include <vector>

#include "engine/core/rng.hpp"

namespace rp::seq2seq::detail {

// Uniform in [0, n), n >= 1. Rejects the lowest 2^64 mod n values so small results are not favoured.
inline uint64_t below(Rng& rng, uint64_t n) {
  const uint64_t threshold = (0 - n) % n;
  for (;;) {
    const uint64_t x = rng.next_u64();
    if (x >= threshold) return x % n;
  }
}

inline int between(Rng& rng, int lo, int hi) { return lo + static_cast<int>(below(rng, uint64_t(hi - lo) + 1)); }

template <class T> void fisher_yates(std::vector<T>& v, Rng& rng) {
  for (size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[below(rng, i)]);
}

}  // namespace rp::seq2seq::detail
