// Encoder-decoder checkpoints as safetensors. Tensor names are listed in engine/seq2seq.hpp (PyTorch's naming for
// the recurrent parts, "_reverse" for the encoder's backward direction); metadata:
//   model=seq2seq, vocab (JSON array of the characters; ids 0-2 are PAD, BOS, EOS and the characters follow),
//   encoder_cell, decoder_cell, embedding_dim, hidden_size, num_layers, bidirectional (true|false),
//   attention (none|bahdanau|dot|general|concat), attention_size.
// The loader refuses what the char-LM loader refuses (engine/checkpoint.hpp), naming the problem.
#pragma once
#include <memory>

#include "engine/io/safetensors.hpp"
#include "engine/seq2seq/seq2seq.hpp"
#include "engine/seq2seq/trainer.hpp"
#include "engine/core/vocab.hpp"

namespace rp {

void export_seq2seq(const Seq2Seq<float>& model, const Vocab& vocab, safetensors::File& out);
Status import_seq2seq(const safetensors::File& file, std::unique_ptr<Seq2Seq<float>>& model, Vocab& vocab);
// What import_seq2seq checks before it allocates anything (reads a header-only File as well).
Status read_seq2seq_config(const safetensors::File& file, Seq2SeqConfig& config, Vocab& vocab);

// A resumable file: the model, the experiment (metadata `experiment`) and the training state
// (engine/train/training_state.hpp: the optimizer and the data position, whose train_rng holds the shuffling's
// and the scheduled sampling's generators). has_example_training_state and import_training_state read it back.
void export_training(Seq2SeqTrainer& trainer, const std::string& experiment_json, safetensors::File& out);

}  // namespace rp
