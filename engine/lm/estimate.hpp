// The char LM's cost before it is built (engine/train/estimate.hpp): parameters as CharLM declares them,
// memory as the session allocates it (training window, probe workspaces), work per step.
#pragma once
#include "engine/lm/experiment.hpp"
#include "engine/train/estimate.hpp"

namespace rp {

// vocab: the text's distinct characters.
Estimate estimate_lm(const TrainConfig& c, int vocab);

// What to make smaller when a configuration does not fit (the page's and the command line's refusal).
constexpr const char* kLmSizeAdvice = "use a smaller hidden size, fewer layers, or a shorter window or batch";

}  // namespace rp
