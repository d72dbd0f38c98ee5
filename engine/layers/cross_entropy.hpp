// Softmax cross-entropy over rows of logits, the loss of every family that predicts a token per row:
//   loss(r) = logsumexp(z(r)) - z(r, y(r)),   mean loss = sum over counted rows / number of counted rows,
// where a row is counted unless its target is the ignored id (seq2seq's PAD; PyTorch's ignore_index).
// The gradient of the mean, (softmax(z(r)) - onehot(y(r))) / count per counted row and zero for ignored rows,
// costs little more than the loss, so the same pass leaves it in dlogits for the backward of the layer below.
// Numerically stable: the exponentials are taken of z - max(z), so no logit overflows or underflows the sum.
#pragma once
#include <algorithm>
#include <cmath>

#include "engine/core/dims.hpp"
#include "engine/core/kernels.hpp"

namespace rp {

constexpr TokenId kNoIgnore = -1;  // ignore_id meaning "every row counts"

struct CrossEntropyTotal {
  double loss = 0;  // sum of the counted rows' losses, nats
  int count = 0;    // rows whose target is not the ignored id
  double mean() const { return count > 0 ? loss / count : 0.0; }
};

// logits:   [rows, V] contiguous.
// targets:  [rows] in [0, V), or ignore_id.
// dlogits:  [rows, V] or null; overwritten with d(mean loss)/d(logits) (zero rows for ignored targets).
// row_loss: [rows] or null; overwritten with each row's loss (0 for ignored rows).
template <class T>
CrossEntropyTotal softmax_cross_entropy(int rows, int V, const T* logits, const TokenId* targets, TokenId ignore_id,
                                        T* dlogits, T* row_loss) {
  CrossEntropyTotal out;
  for (int r = 0; r < rows; ++r) out.count += targets[r] != ignore_id;
  const T inv_count = T(1) / T(std::max(out.count, 1));
  for (int r = 0; r < rows; ++r) {
    const TokenId y = targets[r];
    T* p = dlogits ? dlogits + size_t(r) * V : nullptr;  // [V]
    if (y == ignore_id) {
      if (p) std::fill_n(p, V, T(0));
      if (row_loss) row_loss[r] = T(0);
      continue;
    }
    const T* z = logits + size_t(r) * V;  // [V]
    const T zmax = *std::max_element(z, z + V);
    T sum = 0;
    if (p) {
      for (int v = 0; v < V; ++v) sum += (p[v] = std::exp(z[v] - zmax));
    } else {
      for (int v = 0; v < V; ++v) sum += std::exp(z[v] - zmax);
    }
    const T loss = std::log(sum) + zmax - z[y];
    if (row_loss) row_loss[r] = loss;
    out.loss += double(loss);
    if (p) {
      const T inv_sum = T(1) / sum;
      for (int v = 0; v < V; ++v) p[v] *= inv_sum;
      p[y] -= T(1);
      simd::scale(p, V, inv_count);
    }
  }
  return out;
}

}  // namespace rp
