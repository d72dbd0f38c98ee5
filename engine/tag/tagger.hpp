// A sequence tagger (synced many to many): words -> embedding (or one-hot) -> L recurrent layers of any cell,
// optionally bidirectional (engine/layers/sequence_reader.hpp) -> a linear head at every position -> softmax
// cross-entropy against one tag per word, averaged over the batch's real words (padding is never counted).
// Bidirectional, each position's state holds the words after it too, which some tags depend on.
// Parameters, as PyTorch names them (D = H, or 2H when bidirectional; V words with <unk> at 0; C tags):
//   embed.weight [V, E] (only when E > 0)   rnn.*_l{k}[_reverse] (nn.LSTM/GRU/RNN)   head.weight [C, D]   head.bias [C]
#pragma once
#include <memory>
#include <vector>

#include "engine/core/status.hpp"
#include "engine/layers/linear.hpp"
#include "engine/layers/sequence_reader.hpp"

namespace rp {

// The reader's settings (vocab counts words, <unk> included) and the number of tags.
struct TaggerConfig : ReaderConfig {
  int tags = 0;  // C
  int state_size() const { return output_size(); }  // D
  const ReaderConfig& reader() const { return *this; }
};

Status validate(const TaggerConfig& c);

constexpr TokenId kPadTag = -1;  // the tag of every padded position: never counted

// A padded batch, time-major. Positions at or beyond a length hold any valid word id (0) and kPadTag.
struct TaggerBatch {
  int S = 0, B = 0;
  std::vector<TokenId> ids;   // [S, B]
  std::vector<int> len;       // [B], each in [1, S]
  std::vector<TokenId> tags;  // [S, B] tag ids, kPadTag at padding
};

template <class T> struct TaggerWorkspace {
  int max_steps = 0, batch = 0;
  ReaderBuffers<T> reader;
  Tensor2<T> logits, dlogits;  // [S * B, C] time-major rows
};

template <class T> class Tagger {
 public:
  explicit Tagger(const TaggerConfig& config);  // config must have passed validate()
  Tagger(const Tagger&) = delete;
  Tagger& operator=(const Tagger&) = delete;

  const TaggerConfig& config() const { return config_; }
  ParamStore<T>& params() { return params_; }
  const ParamStore<T>& params() const { return params_; }
  void init(Rng& rng);
  void weights_changed() { prepared_ = false; }
  void resize(TaggerWorkspace<T>& ws, int max_steps, int batch) const;

  // The logits [S * B, C] of every position (ids [S, B], lengths [B]) into ws.logits.
  void logits(const TokenId* ids, const int* len, int S, TaggerWorkspace<T>& ws);
  // Mean cross-entropy over the real words; leaves the logits in ws.logits and the gradient in ws.dlogits.
  double forward(const TaggerBatch& batch, TaggerWorkspace<T>& ws);
  // After forward: adds d(mean loss)/d(params) into params().grads().
  void backward(const TaggerBatch& batch, TaggerWorkspace<T>& ws);

 private:
  void prepare();

  TaggerConfig config_;
  ParamStore<T> params_;
  std::unique_ptr<SequenceReader<T>> reader_;  // embed.weight [V, E] (E > 0), rnn.*
  std::unique_ptr<Linear<T>> head_;            // head.weight [C, D], head.bias [C]
  bool prepared_ = false;
};

}  // namespace rp
