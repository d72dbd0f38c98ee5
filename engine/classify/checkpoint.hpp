// Classifier checkpoints as safetensors. Tensor names are listed in engine/classify/classifier.hpp (PyTorch's
// embed / rnn / head); metadata:
//   model=classifier, vocab (JSON array of the characters in index order), labels (JSON array of the classes
//   in index order), cell, embedding_dim, hidden_size, num_layers, bidirectional, pooling.
// The session and the command line add `experiment` (the task and its settings, so eval regenerates the split).
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "engine/classify/classifier.hpp"
#include "engine/core/vocab.hpp"
#include "engine/io/safetensors.hpp"

namespace rp {

void export_classifier(const Classifier<float>& model, const Vocab& vocab, const std::vector<std::string>& labels,
                       safetensors::File& out);
Status import_classifier(const safetensors::File& file, std::unique_ptr<Classifier<float>>& model, Vocab& vocab,
                         std::vector<std::string>& labels);

}  // namespace rp
