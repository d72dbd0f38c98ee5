// The seq2seq checkpoint loader on arbitrary bytes (checkpoint_target.hpp says what is checked), and a file
// opened as the page opens it: a session on the task its `experiment` metadata names, which then trains a
// step and translates with a beam.
#include "engine/seq2seq/checkpoint.hpp"
#include "engine/seq2seq/estimate.hpp"
#include "engine/seq2seq/experiment.hpp"
#include "engine/seq2seq/session.hpp"
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

bool header_agrees(const safetensors::File& header, const Seq2Seq<float>& m) {
  Seq2SeqConfig c;
  Vocab v;
  return read_seq2seq_config(header, c, v).is_ok() && c.vocab == m.config().vocab && c.hidden == m.config().hidden &&
         c.layers == m.config().layers;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const fuzz::CheckpointFamily<Seq2Seq<float>> family{import_seq2seq, export_seq2seq, estimated_params,
                                                                    header_agrees};
  Vocab vocab;
  auto model = fuzz::fuzz_checkpoint(data, size, family, vocab);
  if (!model) return 0;
  safetensors::File file;
  safetensors::parse(data, size, file);
  Seq2SeqExperiment e;
  if (!fuzz::session_experiment(file, parse_seq2seq_experiment, seq2seq::TaskKind::Pairs, e)) return 0;
  Seq2SeqSession session;
  Seq2SeqInfo info;
  if (!session.import_checkpoint(data, size, "{}", "", info)) return 0;
  FUZZ_CHECK(info.params == model->params().count(), "the session reports the file's parameters");
  ChunkResult chunk;
  FUZZ_CHECK(session.train(1, chunk).is_ok(), "an opened model trains");
  Translation t;
  if (!info.samples.empty()) FUZZ_CHECK(session.translate(info.samples[0].source, 3, 1.0, t).is_ok(), "it translates");
  return 0;
}
