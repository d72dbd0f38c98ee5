#include "engine/train/estimate.hpp"

#include <cstdio>

namespace rp {

int optimizer_states(OptimKind kind) {
  switch (kind) {
    case OptimKind::Sgd: return 0;
    case OptimKind::Adam: return 2;
    default: return 1;
  }
}

Status check_budget(const Estimate& e, const std::string& advice, const char* what) {
  if (e.bytes <= kSessionMemoryBudget) return Status::ok();
  char buf[160];
  std::snprintf(buf, sizeof buf, "%s needs about %.1f GB of memory; the page can use at most %.2f GB",
                what, e.bytes / 1e9, kSessionMemoryBudget / 1e9);
  return Status::error(std::string(buf) + " (" + advice + ")");
}

}  // namespace rp
