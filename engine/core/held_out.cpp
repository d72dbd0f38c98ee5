#include "engine/core/held_out.hpp"

#include <algorithm>
#include <unordered_map>

#include "engine/core/draw.hpp"

namespace rp {

std::vector<char> held_out_rows(const std::vector<std::string_view>& keys, double held_fraction, uint64_t seed) {
  const size_t n = keys.size();
  double fraction = held_fraction > 0 ? held_fraction : 0;  // also maps NaN to 0
  if (fraction > 1) fraction = 1;
  size_t want = size_t(fraction * double(n) + 0.5);
  if (n < 2) want = 0;
  else want = std::min(std::max<size_t>(want, 1), n - 1);

  // Groups of rows sharing a key, in order of first appearance.
  std::unordered_map<std::string_view, size_t> group_of;
  std::vector<std::vector<size_t>> groups;
  for (size_t i = 0; i < n; ++i) {
    const auto found = group_of.emplace(keys[i], groups.size());
    if (found.second) groups.emplace_back();
    groups[found.first->second].push_back(i);
  }

  Rng rng(seed);
  std::vector<char> is_held(n, 0);
  if (want > 0 && groups.size() >= 2) {
    std::vector<size_t> order(groups.size());
    for (size_t g = 0; g < order.size(); ++g) order[g] = g;
    draw::fisher_yates(order, rng);
    size_t taken = 0;
    for (size_t g : order)
      if (taken + groups[g].size() <= want) {
        for (size_t i : groups[g]) is_held[i] = 1;
        taken += groups[g].size();
      }
    if (taken == 0) {
      // Every group is bigger than the target: hold out the smallest one, which leaves training non-empty.
      size_t best = order[0];
      for (size_t g : order)
        if (groups[g].size() < groups[best].size()) best = g;
      for (size_t i : groups[best]) is_held[i] = 1;
    }
  } else if (want > 0) {
    // A single key repeated: keeping it on one side would leave the other empty, so split the rows.
    std::vector<size_t> order(n);
    for (size_t i = 0; i < n; ++i) order[i] = i;
    draw::fisher_yates(order, rng);
    for (size_t k = 0; k < want; ++k) is_held[order[k]] = 1;
  }
  return is_held;
}

}  // namespace rp
