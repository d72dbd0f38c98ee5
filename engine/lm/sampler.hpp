// Stateful streaming generation from a char LM: feed characters one at a time (priming), then draw the next
// character by temperature sampling, top-k sampling or greedy choice, feeding each draw back in.
// The sampler has its own workspace (T = 1, B = 1) and state, so it runs beside training without touching it.
#pragma once
#include <vector>

#include "engine/lm/char_lm.hpp"

namespace rp {

struct SampleOptions {
  double temperature = 1.0;  // > 0; logits are divided by it
  int top_k = 0;             // > 0: draw only among the k most likely characters
  bool greedy = false;       // argmax, ignoring temperature and top_k
};

Status validate(const SampleOptions& o);

class Sampler {
 public:
  explicit Sampler(CharLM<float>& model);

  void reset();                      // zero state, no prediction yet
  // reset(), then feed `ids`; an empty prime feeds `start` (a newline where the vocabulary has one) so that
  // there is always a prediction to draw from.
  void prime(const std::vector<TokenId>& ids, TokenId start);
  void feed(TokenId id);             // advance the state by one character
  bool has_prediction() const { return fed_ > 0; }
  const float* logits() const;       // [V] prediction for the next character (after at least one feed)
  // Next-character probabilities under the options (temperature and top-k applied) into probs [V].
  void distribution(const SampleOptions& o, float* probs) const;
  TokenId choose(const SampleOptions& o, Rng& rng) const;  // draw from the current prediction
  TokenId next(const SampleOptions& o, Rng& rng) {         // draw and feed back
    const TokenId id = choose(o, rng);
    feed(id);
    return id;
  }
  const RecurrentState<float>& state() const { return state_; }

 private:
  double weights(const SampleOptions& o) const;  // unnormalised weights into scratch_, returns their sum

  CharLM<float>& model_;
  CharLMWorkspace<float> ws_;
  RecurrentState<float> state_;
  int64_t fed_ = 0;
  mutable std::vector<double> scratch_;
};

}  // namespace rp
