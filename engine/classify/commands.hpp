// The command line's verbs for classifiers — train, eval, predict — as data for the shared runner
// (engine/cli/verb.hpp). Their settings are the rows of classify_fields(). Native only (rp_cli).
#pragma once
#include "engine/cli/verb.hpp"

namespace rp {

cli::Family classify_commands();

}  // namespace rp
