// The classifier's cost before it is built (engine/train/estimate.hpp), from the shape of its data.
#pragma once
#include <vector>

#include "engine/classify/experiment.hpp"
#include "engine/train/estimate.hpp"

namespace rp {

struct LabelledShape {
  int vocab = 0;     // distinct characters
  int classes = 0;
  int longest = 0;   // characters
  double mean = 0;
};
LabelledShape labelled_shape(const std::vector<classify::Example>& train, const std::vector<classify::Example>& held,
                             int classes);

Estimate estimate_classifier(const ClassifierTrainConfig& c, const LabelledShape& data);

constexpr const char* kClassifierSizeAdvice = "use shorter texts, a smaller batch or hidden size";

}  // namespace rp
