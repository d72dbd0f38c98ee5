// Char-LM checkpoints as safetensors, in PyTorch's names (the interoperability contract; see README):
//   tensors  embed.weight [V,E] (E > 0 only), rnn.weight_ih_l{k} [G*H, I], rnn.weight_hh_l{k} [G*H, H],
//            rnn.bias_ih_l{k} [G*H], rnn.bias_hh_l{k} [G*H], head.weight [V,H], head.bias [V];
//            lstm_peephole adds rnn.peephole_{i,f,o}_l{k} [H]; lstm_coupled stacks its gates f, g, o (G = 3).
//   metadata model=char_lm, cell, vocab (JSON array of characters), hidden_size, num_layers, embedding_dim.
// Training state may ride along so that training resumes exactly:
//   tensors  optim.<state>.<param name> (exp_avg, exp_avg_sq, momentum_buffer, sum, square_avg),
//            train.state_h [L,B,H], train.state_c [L,B,H] (the carried, detached state)
//   metadata train_config (JSON, engine/lm/experiment.hpp), optim_step, train_window.
#pragma once
#include <memory>

#include "engine/lm/char_lm.hpp"
#include "engine/io/safetensors.hpp"
#include "engine/lm/trainer.hpp"
#include "engine/core/vocab.hpp"

namespace rp {

void export_char_lm(const CharLM<float>& model, const Vocab& vocab, safetensors::File& out);
// Refuses, naming the problem: a file that is not a char_lm, bad metadata, a missing tensor, a wrong shape,
// a non-finite weight, or a tensor it does not know (as PyTorch's strict loading would).
Status import_char_lm(const safetensors::File& file, std::unique_ptr<CharLM<float>>& model, Vocab& vocab);
// What import_char_lm checks before it allocates anything: the kind, the model metadata and vocabulary, and
// that the tensors hold as many values as that model has. Reads a header-only File (safetensors::parse_header).
Status read_char_lm_config(const safetensors::File& file, CharLMConfig& config, Vocab& vocab);

// Model plus optimizer state, stream position and carried state.
void export_training(Trainer& trainer, safetensors::File& out);
// Whether the file carries training state (a train_config); the config it was trained with.
bool has_training_state(const safetensors::File& file);
Status read_train_config(const safetensors::File& file, TrainConfig& config);
// Restores optimizer state, step count, stream position and carried state into a trainer created from the
// same file's model and train_config.
Status import_training(const safetensors::File& file, Trainer& trainer);

}  // namespace rp
