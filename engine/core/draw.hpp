// Random draws on rp::Rng only, so native and WebAssembly agree: the data generators of every family use these.
#pragma once
#include <cstdint>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "engine/core/rng.hpp"

namespace rp::draw {

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

// One element of a non-empty list.
template <class T> const T& pick(Rng& rng, const std::vector<T>& v) { return v[size_t(below(rng, v.size()))]; }

}  // namespace rp::draw

namespace rp::draw {

// Draws `want` examples with distinct keys (so no held-out example is also trained on) from `next(rng)`,
// giving up after `patience` repeats in a row: true when enough were found, else `out` holds what was.
template <class Example, class Next, class Key>
bool distinct(Rng& rng, size_t want, Next next, Key key, std::vector<Example>& out, int patience = 20000) {
  out.clear();
  std::unordered_set<std::string> seen;
  for (int misses = 0; out.size() < want && misses < patience;) {
    Example e = next(rng);
    if (!seen.insert(key(e)).second) {
      ++misses;
      continue;
    }
    misses = 0;
    out.push_back(std::move(e));
  }
  return out.size() == want;
}

}  // namespace rp::draw
