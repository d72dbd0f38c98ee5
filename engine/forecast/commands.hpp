// `rnn forecast train|eval`: the forecaster's verbs (engine/cli/verb.hpp), flags from its field table.
#pragma once
#include "engine/cli/verb.hpp"

namespace rp {

cli::Family forecast_commands();

}  // namespace rp
