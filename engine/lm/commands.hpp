// The command line's verbs for character language models — train, eval, sample — as data for the shared
// runner (engine/cli/verb.hpp). Their settings are the rows of lm_fields(). Native only (rp_cli).
#pragma once
#include "engine/cli/verb.hpp"

namespace rp {

cli::Family lm_commands();

}  // namespace rp
