// Tagger checkpoints as safetensors. Tensor names are listed in engine/tag/tagger.hpp (PyTorch's embed / rnn /
// head); metadata:
//   model=tagger, words (JSON array of the words in index order, "<unk>" first), tags (JSON array of the tags
//   in index order), cell, embedding_dim, hidden_size, num_layers, bidirectional.
// The session and the command line add `experiment` (the task and its settings, so eval regenerates the split).
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "engine/core/word_vocab.hpp"
#include "engine/io/safetensors.hpp"
#include "engine/tag/tagger.hpp"

namespace rp {

void export_tagger(const Tagger<float>& model, const WordVocab& words, const std::vector<std::string>& tags,
                   safetensors::File& out);
// From the header alone (safetensors::parse_header), before the tensors are paid for: the configuration,
// checked against the tensors' sizes.
Status read_tagger_config(const safetensors::File& file, TaggerConfig& config, WordVocab& words,
                          std::vector<std::string>& tags);
Status import_tagger(const safetensors::File& file, std::unique_ptr<Tagger<float>>& model, WordVocab& words,
                     std::vector<std::string>& tags);

}  // namespace rp
