// The heap a page's session holds for its model, shared by the families' sessions. WebAssembly memory ends at
// 2 GiB and a failed allocation aborts the module, so every configuration and every file being opened is
// estimated before anything is allocated; and when a new model and the current one would not fit side by
// side, the current one is let go first (the page has it saved).
#pragma once
#include <memory>

#include "engine/train/estimate.hpp"

namespace rp {

class SessionRoom {
 public:
  // Refuses an estimate over the budget. file_bytes: a model file being opened and its parsed copy, held while
  // the model is built (0 for a new configuration). `bytes` gets the session's own share, for hold().
  static Status check(Estimate e, const char* advice, double file_bytes, double& bytes) {
    bytes = e.bytes;
    e.bytes += file_bytes;
    return check_budget(e, advice, file_bytes ? "opening this file" : "this configuration");
  }
  // Before building a model of new_bytes: lets `current` go when the two would not fit together.
  template <class T> void make_room(std::unique_ptr<T>& current, double new_bytes) const {
    if (current && held_ + new_bytes > kHeapRoom) current.reset();
  }
  // What the session's current model holds, once it is in place.
  void hold(double bytes) { held_ = bytes; }

 private:
  double held_ = 0;
};

}  // namespace rp
