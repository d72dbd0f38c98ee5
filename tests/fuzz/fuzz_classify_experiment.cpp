// The classifier experiment JSON (the page's configuration, --config, a checkpoint's `experiment`) on arbitrary
// text (experiment_target.hpp says what is checked), and the family's estimator on the same text.
#include <string>

#include "engine/classify/experiment.hpp"
#include "engine/families.hpp"
#include "tests/fuzz/experiment_target.hpp"

using namespace rp;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  ClassifyExperiment e;
  const bool accepted = fuzz::fuzz_experiment<ClassifyExperiment>(text, classify_fields(), parse_classify_experiment,
                                                                   to_json, e);
  Estimate cost;
  const Status s = find_family("classify")->estimate(text, "", cost);
  if (accepted) FUZZ_CHECK(!s || (cost.params > 0 && cost.bytes > 0), "an accepted model has a cost");
  return 0;
}
