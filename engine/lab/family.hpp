// The worked-example lab as a registered family (engine/families.hpp): a network the user types, run by
// the engine, with no training loop and no checkpoints.
#pragma once
#include "engine/families.hpp"

namespace rp {

Family lab_family();

}  // namespace rp
