#include "engine/lm/text_stream.hpp"

#include <string>

namespace rp {

Status TextStreams::reset(std::vector<TokenId> ids, int batch, int steps) {
  const int64_t N = int64_t(ids.size());
  if (batch < 1 || steps < 1) return Status::error("batch and sequence length must be at least 1");
  const int64_t stride = (N - 1) / batch;
  if (N < 2 || stride < steps)
    return Status::error("text too short: " + std::to_string(N) + " characters cannot fill " +
                         std::to_string(batch) + " streams of " + std::to_string(steps) +
                         " steps; it needs at least " + std::to_string(int64_t(batch) * steps + 1) +
                         " (use a smaller batch or sequence length)");
  ids_ = std::move(ids);
  batch_ = batch;
  steps_ = steps;
  stride_ = stride;
  windows_ = stride / steps;
  window_ = 0;
  return Status::ok();
}

bool TextStreams::next(TokenId* inputs, TokenId* targets) {
  if (window_ >= windows_) window_ = 0;
  const bool new_pass = window_ == 0;
  const int64_t offset = window_ * steps_;
  for (int t = 0; t < steps_; ++t)
    for (int b = 0; b < batch_; ++b) {
      const int64_t pos = b * stride_ + offset + t;
      inputs[t * batch_ + b] = ids_[pos];
      targets[t * batch_ + b] = ids_[pos + 1];
    }
  ++window_;
  return new_pass;
}

}  // namespace rp
