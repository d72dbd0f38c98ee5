// What every model that reads a whole padded batch of token sequences starts with: each id through an embedding
// table (or as a one-hot vector when E = 0) into L recurrent layers of one cell, optionally bidirectional
// (engine/layers/recurrent_stack.hpp). The classifier pools its output over time; the tagger reads every step.
// Parameters, as PyTorch names them:
//   {embed_prefix}weight [V, E] (only when E > 0)   {rnn_prefix}*_l{k}[_reverse] (nn.LSTM/GRU/RNN)
#pragma once
#include <memory>
#include <string>

#include "engine/layers/embedding.hpp"
#include "engine/layers/recurrent_stack.hpp"

namespace rp {

struct ReaderConfig {
  int vocab = 0;  // V
  int embed = 16; // E; 0 feeds one-hot vectors
  int hidden = 64;
  int layers = 1;
  const CellType* cell = &default_cell();
  bool bidirectional = false;
  int output_size() const { return bidirectional ? 2 * hidden : hidden; }  // D
};

// One batch's saved values, sized once for (max_steps, batch). Time-major.
template <class T> struct ReaderBuffers {
  Tensor3<T> emb, d_emb;  // [S, B, E]
  StackBuffers<T> rnn;
};

template <class T> class SequenceReader {
 public:
  // Declares the parameters in `store` (before store.allocate()).
  SequenceReader(const ReaderConfig& c, const std::string& embed_prefix, const std::string& rnn_prefix,
                 ParamStore<T>& store);

  int output_size() const { return rnn_->output_size(); }  // D
  // The embedding, then every recurrent layer (the order fixes what a seed gives).
  void init(Rng& rng);
  void prepare() { rnn_->prepare(); }
  void resize(ReaderBuffers<T>& buf, int max_steps, int batch) const;

  // ids [S, B], len [B] (each clamped to [1, S]); leaves the top layer's output [S, B, D] in output(buf).
  void forward(const TokenId* ids, const int* len, int S, ReaderBuffers<T>& buf) const;
  const T* output(const ReaderBuffers<T>& buf) const { return rnn_->output(buf.rnn); }
  const int* lengths(const ReaderBuffers<T>& buf) const { return buf.rnn.len.data(); }
  // The output's gradient [S, B, D] for the caller to add into, after zero_output_grad.
  T* d_output(ReaderBuffers<T>& buf) const { return rnn_->d_output(buf.rnn); }
  void zero_output_grad(ReaderBuffers<T>& buf) const { rnn_->zero_output_grad(buf.rnn); }
  void final_states(const ReaderBuffers<T>& buf, T* out) const { rnn_->final_states(buf.rnn, out); }
  // After forward, with the same ids: adds every parameter's gradient from d_output (and d_final [B, D], or null).
  void backward(const TokenId* ids, ReaderBuffers<T>& buf, const T* d_final = nullptr);

 private:
  LayerInput<T> input(const TokenId* ids, const ReaderBuffers<T>& buf) const;

  int E_;
  std::unique_ptr<Embedding<T>> embed_;  // absent for one-hot input
  std::unique_ptr<RecurrentStack<T>> rnn_;
};

}  // namespace rp
