// The classifier checkpoint loader on arbitrary bytes (checkpoint_target.hpp says what is checked), and a file
// opened as the page opens it: a session on the task its `experiment` metadata names, which restores the
// file's training state when it has one (or says why not), then trains a step and shows the decision over time.
#include "engine/classify/checkpoint.hpp"
#include "engine/classify/estimate.hpp"
#include "engine/classify/experiment.hpp"
#include "engine/classify/session.hpp"
#include "engine/io/tensor_io.hpp"
#include "engine/train/training_state.hpp"
#include "tests/fuzz/checkpoint_target.hpp"

using namespace rp;

namespace {

std::vector<std::string> labels;  // the classes of the file just loaded, which its writer needs too

Status load(const safetensors::File& f, std::unique_ptr<Classifier<float>>& m, Vocab& v) {
  return import_classifier(f, m, v, labels);
}
void save(const Classifier<float>& m, const Vocab& v, safetensors::File& out) { export_classifier(m, v, labels, out); }

int64_t estimated_params(const Classifier<float>& m) {
  ClassifierTrainConfig c;
  c.model = m.config();
  LabelledShape shape;
  shape.vocab = m.config().vocab;
  shape.classes = m.config().classes;
  return estimate_classifier(c, shape).params;
}

bool header_agrees(const safetensors::File& header, const Classifier<float>& m) {
  ClassifierConfig c;
  Vocab v;
  std::vector<std::string> l;
  return read_classifier_config(header, c, v, l).is_ok() && c.vocab == m.config().vocab &&
         c.classes == m.config().classes && c.hidden == m.config().hidden && c.layers == m.config().layers;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const fuzz::CheckpointFamily<Classifier<float>> family{load, save, estimated_params, header_agrees};
  Vocab vocab;
  auto model = fuzz::fuzz_checkpoint(data, size, family, vocab);
  if (!model) return 0;
  safetensors::File file;
  safetensors::parse(data, size, file);
  ClassifyExperiment e;
  if (!fuzz::session_experiment(file, parse_classify_experiment, classify::TaskKind::Pairs, e)) return 0;
  ClassifySession session;
  ClassifyInfo info;
  if (!session.import_checkpoint(data, size, "{}", "", info)) return 0;
  FUZZ_CHECK(info.params == model->params().count(), "the session reports the file's parameters");
  int64_t saved_step = 0;
  if (has_example_training_state(file) && info.notice.empty() &&
      tensor_io::read_int(file, "optim_step", int64_t(0), int64_t(1) << 60, saved_step))
    FUZZ_CHECK(info.step == saved_step, "a restored training state keeps its step");
  ChunkResult chunk;
  FUZZ_CHECK(session.train(1, chunk).is_ok(), "an opened model trains");
  std::vector<float> probs;
  if (!info.samples.empty()) FUZZ_CHECK(session.over_time(info.samples[0].text, probs).is_ok(), "it reads a sample");
  return 0;
}
