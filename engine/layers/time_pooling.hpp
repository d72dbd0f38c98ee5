// Pooling over time: a padded batch of states x [S, B, D] into one vector per sequence y [B, D], reading only
// each sequence's real positions [0, len(b)). The three summaries the lectures list for many-to-one models:
//   last  the state after the last real step. For a bidirectional output (directions = 2, D = 2H) each half
//         is taken where its direction finished: the forward half at position len-1, the backward half at
//         position 0 (PyTorch's h_n of a packed sequence).
//   max   the elementwise maximum over the real positions; its gradient goes to the first position that holds it.
//   mean  the mean over the real positions.
// backward ADDS into dx (zeroing is the caller's step), as every layer here does.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/dims.hpp"
#include "engine/core/status.hpp"

namespace rp {

enum class PoolKind { Last, Max, Mean };

struct PoolInfo {
  PoolKind kind;
  const char* name;   // "last", "max", "mean": JSON, links, the command line
  const char* label;  // for people
};
// In menu order.
const std::vector<PoolInfo>& pool_kinds();
const char* pool_name(PoolKind kind);
bool parse_pool(std::string_view name, PoolKind& out);

// x: [S, B, D]; len: [B], each in [1, S]; y: [B, D] overwritten; argmax: [B, D] (max only: the position taken).
template <class T>
void pool_forward(PoolKind kind, int S, int B, int D, int directions, const T* x, const int* len, T* y, int* argmax) {
  const int half = D / directions;
  for (int b = 0; b < B; ++b) {
    T* out = y + size_t(b) * D;
    const int n = len[b];
    auto at = [&](int s, int j) { return x[(size_t(s) * B + b) * D + j]; };
    for (int j = 0; j < D; ++j) {
      if (kind == PoolKind::Last) {
        out[j] = at(j < half ? n - 1 : 0, j);
      } else if (kind == PoolKind::Max) {
        int best = 0;
        for (int s = 1; s < n; ++s)
          if (at(s, j) > at(best, j)) best = s;
        out[j] = at(best, j);
        argmax[size_t(b) * D + j] = best;
      } else {
        T sum = 0;
        for (int s = 0; s < n; ++s) sum += at(s, j);
        out[j] = sum / T(n);
      }
    }
  }
  (void)S;
}

// dy: [B, D]; dx: [S, B, D], added into at the positions forward read.
template <class T>
void pool_backward(PoolKind kind, int S, int B, int D, int directions, const int* len, const int* argmax, const T* dy,
                   T* dx) {
  const int half = D / directions;
  for (int b = 0; b < B; ++b) {
    const T* d = dy + size_t(b) * D;
    const int n = len[b];
    auto at = [&](int s, int j) -> T& { return dx[(size_t(s) * B + b) * D + j]; };
    for (int j = 0; j < D; ++j) {
      if (kind == PoolKind::Last) at(j < half ? n - 1 : 0, j) += d[j];
      else if (kind == PoolKind::Max) at(argmax[size_t(b) * D + j], j) += d[j];
      else
        for (int s = 0; s < n; ++s) at(s, j) += d[j] / T(n);
    }
  }
  (void)S;
}

}  // namespace rp
