// Helpers shared by the tests.
#pragma once
#include <string>
#include <vector>

#include "engine/lm/char_lm.hpp"
#include "engine/core/rng.hpp"

namespace rp::test {

// Random ids in [0, V).
inline std::vector<TokenId> random_ids(Rng& rng, size_t n, int V) {
  std::vector<TokenId> ids(n);
  for (auto& id : ids) id = TokenId(rng.next_u64() % uint64_t(V));
  return ids;
}

template <class T> void fill_uniform(Rng& rng, T* p, size_t n, double lo, double hi) {
  for (size_t i = 0; i < n; ++i) p[i] = T(rng.uniform(lo, hi));
}

// Every registered cell: tests loop over this, so a new cell is checked with no test edit.
inline std::vector<const CellType*> every_cell() {
  std::vector<const CellType*> out;
  for (const CellType& c : cell_types()) out.push_back(&c);
  return out;
}

inline std::string golden_path(const std::string& name) { return std::string(RP_GOLDEN_DIR) + "/" + name; }

// A short text repeated until it is at least n characters long.
inline std::string repeat_text(const std::string& unit, size_t n) {
  std::string s;
  while (s.size() < n) s += unit;
  return s;
}

}  // namespace rp::test
