// The encoder-decoder's cost before it is built (engine/train/estimate.hpp), from the shape of its data.
#pragma once
#include <vector>

#include "engine/seq2seq/experiment.hpp"
#include "engine/train/estimate.hpp"

namespace rp {

// What the estimate needs to know about the examples.
struct PairShape {
  int vocab = 0;                 // distinct characters (without PAD, BOS, EOS)
  int longest_source = 0;        // characters
  int longest_target = 0;
  double mean_source = 0, mean_target = 0;
};
PairShape pair_shape(const std::vector<seq2seq::Example>& train, const std::vector<seq2seq::Example>& held);

Estimate estimate_seq2seq(const Seq2SeqTrainConfig& c, const PairShape& data);

// What to make smaller when a configuration does not fit (the page's and the command line's refusal).
constexpr const char* kSeq2SeqSizeAdvice = "use shorter examples, a smaller batch, hidden or attention size";

}  // namespace rp
