// Words for numbers that are not finite, shared by training (a diverged step) and checkpoints (a refused
// tensor), so the page and the command line say the same thing.
#pragma once
#include <cmath>
#include <cstdint>

namespace rp {

inline const char* nonfinite_text(double v) { return std::isnan(v) ? "NaN" : v > 0 ? "+infinity" : "-infinity"; }

template <class T> bool all_finite(const T* v, int64_t n) {
  for (int64_t i = 0; i < n; ++i)
    if (!std::isfinite(v[i])) return false;
  return true;
}

}  // namespace rp
