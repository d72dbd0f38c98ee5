// The char LM's cost before it is built (engine/train/estimate.hpp): parameters as CharLM declares them,
// memory as the session allocates it (training window, probe workspaces), work per step.
#pragma once
#include "engine/lm/experiment.hpp"
#include "engine/train/estimate.hpp"

namespace rp {

// vocab: the text's distinct characters.
Estimate estimate_lm(const TrainConfig& c, int vocab);

}  // namespace rp
