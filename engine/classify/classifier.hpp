// A sequence classifier (many to one): characters -> embedding (or one-hot) -> L recurrent layers of any cell,
// optionally bidirectional (engine/layers/sequence_reader.hpp) -> pooling over time (last, max or mean,
// engine/layers/time_pooling.hpp) -> a linear head -> softmax cross-entropy against one label per sequence.
// Sequences in a batch have their own lengths; padding is never read by the pooling.
// Parameters, as PyTorch names them (D = H, or 2H when bidirectional; C classes):
//   embed.weight [V, E] (only when E > 0)   rnn.*_l{k}[_reverse] (nn.LSTM/GRU/RNN)   head.weight [C, D]   head.bias [C]
#pragma once
#include <memory>
#include <vector>

#include "engine/layers/linear.hpp"
#include "engine/layers/sequence_reader.hpp"
#include "engine/layers/time_pooling.hpp"

namespace rp {

struct ClassifierConfig {
  int vocab = 0;    // V: characters (no padding id: padded positions are never read)
  int classes = 0;  // C
  int embed = 16;   // E; 0 feeds one-hot vectors
  int hidden = 64;
  int layers = 1;
  const CellType* cell = &default_cell();
  bool bidirectional = false;
  PoolKind pooling = PoolKind::Last;
  int state_size() const { return bidirectional ? 2 * hidden : hidden; }  // D
  ReaderConfig reader() const { return {vocab, embed, hidden, layers, cell, bidirectional}; }
};

Status validate(const ClassifierConfig& c);

// A padded batch, time-major. Positions at or beyond a length hold any valid id (0).
struct ClassifierBatch {
  int S = 0, B = 0;
  std::vector<TokenId> ids;     // [S, B]
  std::vector<int> len;         // [B], each in [1, S]
  std::vector<TokenId> labels;  // [B] class ids
};

template <class T> struct ClassifierWorkspace {
  int max_steps = 0, batch = 0;
  ReaderBuffers<T> reader;
  Tensor2<T> pooled, d_pooled;  // [B, D]
  std::vector<int> argmax;      // [B, D] max pooling's positions
  Tensor2<T> logits, dlogits;   // [B, C]
};

template <class T> class Classifier {
 public:
  explicit Classifier(const ClassifierConfig& config);  // config must have passed validate()
  Classifier(const Classifier&) = delete;
  Classifier& operator=(const Classifier&) = delete;

  const ClassifierConfig& config() const { return config_; }
  ParamStore<T>& params() { return params_; }
  const ParamStore<T>& params() const { return params_; }
  void init(Rng& rng);
  void weights_changed() { prepared_ = false; }
  void resize(ClassifierWorkspace<T>& ws, int max_steps, int batch) const;

  // The logits [B, C] of a batch's sequences (ids [S, B], lengths [B]) into ws.logits.
  void logits(const TokenId* ids, const int* len, int S, ClassifierWorkspace<T>& ws);
  // Mean cross-entropy over the batch; leaves the logits in ws.logits and the gradient of the mean in ws.dlogits.
  double forward(const ClassifierBatch& batch, ClassifierWorkspace<T>& ws);
  // After forward: adds d(mean loss)/d(params) into params().grads().
  void backward(const ClassifierBatch& batch, ClassifierWorkspace<T>& ws);

 private:
  void prepare();

  ClassifierConfig config_;
  ParamStore<T> params_;
  std::unique_ptr<SequenceReader<T>> reader_;  // embed.weight [V, E] (E > 0), rnn.*
  std::unique_ptr<Linear<T>> head_;      // head.weight [C, D], head.bias [C]
  bool prepared_ = false;
};

}  // namespace rp
