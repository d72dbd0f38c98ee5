// Minibatches of B parallel streams through one text, for truncated BPTT: stream b reads from
// b * S, S = floor((N - 1) / B), and window w of a pass covers offsets [w T, w T + T) of every stream, so the
// state a stream ends a window with is the right initial state for its next window. When the next window
// would leave the stream, a new pass starts from the beginning (and the trainer zeroes the state).
#pragma once
#include <vector>

#include "engine/core/dims.hpp"
#include "engine/core/status.hpp"

namespace rp {

class TextStreams {
 public:
  Status reset(std::vector<TokenId> ids, int batch, int steps);

  // Fills inputs and targets [T, B]; returns true when this window starts a new pass.
  bool next(TokenId* inputs, TokenId* targets);

  int64_t windows_per_pass() const { return windows_; }
  int64_t position() const { return window_; }  // windows served so far in this pass
  void set_position(int64_t window) { window_ = window; }
  int64_t length() const { return int64_t(ids_.size()); }
  const std::vector<TokenId>& ids() const { return ids_; }

 private:
  std::vector<TokenId> ids_;
  int batch_ = 0, steps_ = 0;
  int64_t stride_ = 0, windows_ = 0, window_ = 0;
};

}  // namespace rp
