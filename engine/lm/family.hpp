// The char LM as a registered family (engine/families.hpp).
#pragma once
#include "engine/families.hpp"

namespace rp {

// data_json for the estimate: {"vocab": distinct characters of the text}.
Family lm_family();

}  // namespace rp
