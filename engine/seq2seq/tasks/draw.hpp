// Random draws for the task generators (engine/core/draw.hpp). Internal to engine/seq2seq/tasks*.
#pragma once
#include "engine/core/draw.hpp"

namespace rp::seq2seq::detail {

using draw::below;
using draw::between;
using draw::fisher_yates;

}  // namespace rp::seq2seq::detail
