// The classifier as a registered family (engine/families.hpp).
#pragma once
#include "engine/families.hpp"

namespace rp {

// data_json for the estimate: {} for a generated task, {"pairs": "label<TAB>text lines"} for your own.
Family classify_family();

}  // namespace rp
