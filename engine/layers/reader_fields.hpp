// The settings of a sequence reader (engine/layers/sequence_reader.hpp) as a field table
// (engine/core/fields.hpp), shared by every family that reads whole sequences with one: cell, embed, hidden,
// layers, bidirectional, stored in checkpoints under PyTorch's names (embedding_dim, hidden_size, ...).
#pragma once
#include "engine/core/fields.hpp"
#include "engine/layers/sequence_reader.hpp"

namespace rp {

const FieldTable<ReaderConfig>& reader_fields();

}  // namespace rp
