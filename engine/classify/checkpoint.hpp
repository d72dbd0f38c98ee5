// Classifier checkpoints as safetensors. Tensor names are listed in engine/classify/classifier.hpp (PyTorch's
// embed / rnn / head); metadata:
//   model=classifier, vocab (JSON array of the characters in index order), labels (JSON array of the classes
//   in index order), cell, embedding_dim, hidden_size, num_layers, bidirectional, pooling.
// The session and the command line add `experiment` (the task and its settings, so eval regenerates the split);
// a resumable file adds the training state (engine/train/training_state.hpp; train_rng holds the shuffling's
// generator alone).
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "engine/classify/classifier.hpp"
#include "engine/classify/trainer.hpp"
#include "engine/core/vocab.hpp"
#include "engine/io/safetensors.hpp"

namespace rp {

void export_classifier(const Classifier<float>& model, const Vocab& vocab, const std::vector<std::string>& labels,
                       safetensors::File& out);
Status import_classifier(const safetensors::File& file, std::unique_ptr<Classifier<float>>& model, Vocab& vocab,
                         std::vector<std::string>& labels);
// What import_classifier checks before it allocates anything (reads a header-only File as well).
Status read_classifier_config(const safetensors::File& file, ClassifierConfig& config, Vocab& vocab,
                              std::vector<std::string>& labels);

// A resumable file: the model, the experiment (metadata `experiment`) and the training state.
void export_training(ClassifierTrainer& trainer, const std::string& experiment_json, safetensors::File& out);

}  // namespace rp
