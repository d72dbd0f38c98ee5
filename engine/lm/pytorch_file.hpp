// A char LM saved by PyTorch without our metadata (`save_file(model.state_dict(), path)`): the cell, sizes,
// layers and embedding are read from the tensors' shapes, and the vocabulary, which no shape tells, from a
// text whose distinct characters (sorted by code point, as our files order them) are exactly as many as the
// head's rows. Anything else missing is refused with the few lines of Python that add the metadata.
#pragma once
#include <string>

#include "engine/core/status.hpp"
#include "engine/io/safetensors.hpp"

namespace rp {

// When `file` has no 'model' metadata, fills in what the shapes (and `vocab_text`, which may be empty) tell,
// and says how in `notice`; a file with metadata is left as it is. Works on a header-only File too.
Status complete_char_lm_metadata(safetensors::File& file, const std::string& vocab_text, std::string& notice);

}  // namespace rp
