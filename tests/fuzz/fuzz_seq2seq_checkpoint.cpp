// The seq2seq checkpoint loader on arbitrary bytes (checkpoint_target.hpp says what is checked).
#include "engine/seq2seq/checkpoint.hpp"
#include "engine/seq2seq/estimate.hpp"
#include "tests/fuzz/checkpoint_target.hpp"

using namespace rp;

namespace {

int64_t estimated_params(const Seq2Seq<float>& m) {
  Seq2SeqTrainConfig c;
  c.model = m.config();
  PairShape shape;
  shape.vocab = m.config().vocab - kFirstChar;
  return estimate_seq2seq(c, shape).params;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const fuzz::CheckpointFamily<Seq2Seq<float>> family{import_seq2seq, export_seq2seq, estimated_params};
  Vocab vocab;
  fuzz::fuzz_checkpoint(data, size, family, vocab);
  return 0;
}
