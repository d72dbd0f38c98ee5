// The command line's verbs for encoder-decoders — train, eval, translate — as data for the shared runner
// (engine/cli/verb.hpp). Their settings are the rows of seq2seq_fields(). Native only (rp_cli).
#pragma once
#include "engine/cli/verb.hpp"

namespace rp {

cli::Family seq2seq_commands();

}  // namespace rp
