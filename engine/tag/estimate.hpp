// The tagger's cost before it is built (engine/train/estimate.hpp), from the shape of its data.
#pragma once
#include <vector>

#include "engine/tag/experiment.hpp"
#include "engine/train/estimate.hpp"

namespace rp {

struct SentenceShape {
  int words = 0;    // the word vocabulary, <unk> included
  int tags = 0;
  int longest = 0;  // tokens
  double mean = 0;
};
SentenceShape sentence_shape(const std::vector<tag::Sentence>& train, const std::vector<tag::Sentence>& held,
                             int words, int tags);

Estimate estimate_tagger(const TaggerTrainConfig& c, const SentenceShape& data);

constexpr const char* kTaggerSizeAdvice = "use shorter sentences, a smaller batch or hidden size";

}  // namespace rp
