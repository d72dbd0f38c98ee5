// The char LM's experiment JSON (the page's configuration, --config, a checkpoint's train_config) on arbitrary
// text (experiment_target.hpp says what is checked), and the estimator on what it accepts.
#include "engine/lm/estimate.hpp"
#include "engine/lm/experiment.hpp"
#include "tests/fuzz/experiment_target.hpp"

using namespace rp;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  LmExperiment e;
  if (fuzz::fuzz_experiment<LmExperiment>(text, lm_fields(), parse_lm_experiment, to_json, e)) {
    const Estimate cost = estimate_lm(e.train, 65);
    FUZZ_CHECK(cost.params > 0 && cost.bytes > 0 && cost.flops_per_step > 0, "an accepted model has a cost");
  }
  TrainConfig c;
  fuzz::fuzz_experiment<TrainConfig>(text, lm_train_fields(), parse_train_config, to_json, c);
  return 0;
}
