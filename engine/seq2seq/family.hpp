// The encoder-decoder as a registered family (engine/families.hpp).
#pragma once
#include "engine/families.hpp"

namespace rp {

// data_json for the estimate: {} for a generated task, {"pairs": "source<TAB>target lines"} for your own.
Family seq2seq_family();

}  // namespace rp
