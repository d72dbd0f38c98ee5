#include "engine/lm/pytorch_file.hpp"

#include "engine/core/vocab.hpp"
#include "engine/layers/cells/cell.hpp"

namespace rp {
namespace {

const safetensors::Tensor* matrix(const safetensors::File& f, const std::string& name) {
  const safetensors::Tensor* t = f.find(name);
  return t && t->shape.size() == 2 && t->shape[0] > 0 && t->shape[1] > 0 ? t : nullptr;
}

// The cell with a PyTorch twin whose weights stack `blocks` blocks; nn.RNN's default tanh for one block.
const CellType* cell_of(int64_t blocks) {
  const CellType* found = nullptr;
  for (const CellType& c : cell_types())
    if (c.pytorch && c.blocks == blocks && !found) found = &c;
  return found;
}

std::string python_lines(const std::string& cell, int64_t hidden, int64_t layers, int64_t embed) {
  return "import json; from safetensors.torch import load_file, save_file; save_file(load_file(PATH), PATH, "
         "metadata={'model': 'char_lm', 'cell': '" + cell + "', 'hidden_size': '" + std::to_string(hidden) +
         "', 'num_layers': '" + std::to_string(layers) + "', 'embedding_dim': '" + std::to_string(embed) +
         "', 'vocab': json.dumps(CHARS)})  # CHARS: the model's characters in index order";
}

}  // namespace

Status complete_char_lm_metadata(safetensors::File& f, const std::string& vocab_text, std::string& notice) {
  if (f.meta("model")) return Status::ok();
  const safetensors::Tensor* head = matrix(f, "head.weight");
  const safetensors::Tensor* input = matrix(f, "rnn.weight_ih_l0");
  if (!head || !input)
    return Status::error("not a char_lm checkpoint: metadata 'model' is missing, and it has no 'head.weight' and "
                         "'rnn.weight_ih_l0' to read a char LM's shape from");
  const int64_t vocab_size = head->shape[0], hidden = head->shape[1];
  if (input->shape[0] % hidden != 0)
    return Status::error("not a char_lm checkpoint: 'rnn.weight_ih_l0' has " + std::to_string(input->shape[0]) +
                         " rows, not a multiple of the " + std::to_string(hidden) + " units 'head.weight' reads");
  const CellType* cell = cell_of(input->shape[0] / hidden);
  if (!cell)
    return Status::error("not a char_lm checkpoint: 'rnn.weight_ih_l0' stacks " + std::to_string(input->shape[0] / hidden) +
                         " blocks of " + std::to_string(hidden) + " rows, which no PyTorch cell has (RNN 1, GRU 3, LSTM 4)");
  int64_t layers = 0;
  while (f.find("rnn.weight_ih_l" + std::to_string(layers))) ++layers;
  const safetensors::Tensor* embed = matrix(f, "embed.weight");
  const int64_t embed_dim = embed ? embed->shape[1] : 0;
  const std::string shape = std::string(cell->label) + ", " + std::to_string(layers) + " layer(s) of " +
                            std::to_string(hidden) + " units, " +
                            (embed ? std::to_string(embed_dim) + "-dimensional embedding" : std::string("one-hot input")) +
                            ", " + std::to_string(vocab_size) + " characters";

  std::string vocab_json;
  const bool vocab_from_text = !f.meta("vocab");
  if (const std::string* v = f.meta("vocab")) {
    vocab_json = *v;
  } else {
    Vocab from_text;
    if (vocab_text.empty() || !Vocab::from_text(vocab_text, from_text) || from_text.size() != vocab_size) {
      const std::string text_said =
          vocab_text.empty() ? "" : " (the text given has " + std::to_string(from_text.size()) + " distinct characters)";
      return Status::error("this file has no metadata (a plain PyTorch state_dict?); its shapes say: " + shape +
                           ". What no shape tells is which characters those are" + text_said +
                           ": train or evaluate it on a text of exactly " + std::to_string(vocab_size) +
                           " distinct characters, or add the metadata in Python: " +
                           python_lines(cell->name, hidden, layers, embed_dim));
    }
    vocab_json = from_text.to_json();
  }
  f.set_meta("model", "char_lm");
  f.set_meta("cell", cell->name);
  f.set_meta("hidden_size", std::to_string(hidden));
  f.set_meta("num_layers", std::to_string(layers));
  f.set_meta("embedding_dim", std::to_string(embed_dim));
  f.set_meta("bias", f.find("rnn.bias_ih_l0") ? "true" : "false");  // nn.LSTM(bias=False) has none
  f.set_meta("vocab", vocab_json);
  notice = "the file has no metadata; read from its shapes: " + shape +
           (cell->blocks == 1 ? " (tanh assumed, nn.RNN's default; a ReLU RNN needs metadata cell=rnn_relu)" : "") +
           (vocab_from_text ? "; the characters are the text's, sorted by code point" : "");
  return Status::ok();
}

}  // namespace rp
