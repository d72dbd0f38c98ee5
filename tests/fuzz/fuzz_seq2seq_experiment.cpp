// The seq2seq experiment JSON (the page's configuration, --config, a checkpoint's `experiment`) on arbitrary
// text (experiment_target.hpp says what is checked), and the family's estimator on the same text.
#include <string>

#include "engine/families.hpp"
#include "engine/seq2seq/experiment.hpp"
#include "tests/fuzz/experiment_target.hpp"

using namespace rp;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  Seq2SeqExperiment e;
  const bool accepted = fuzz::fuzz_experiment<Seq2SeqExperiment>(text, seq2seq_fields(), parse_seq2seq_experiment,
                                                                 to_json, e);
  Estimate cost;
  const Status s = find_family("seq2seq")->estimate(text, "{}", cost);
  if (accepted) FUZZ_CHECK(!s || (cost.params > 0 && cost.bytes > 0), "an accepted model has a cost");
  return 0;
}
