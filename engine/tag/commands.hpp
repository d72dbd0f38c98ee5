// `rnn tag train|eval|predict`: the tagger's verbs (engine/cli/verb.hpp), flags from its field table.
#pragma once
#include "engine/cli/verb.hpp"

namespace rp {

cli::Family tag_commands();

}  // namespace rp
