#include "engine/classify/session.hpp"

#include "engine/classify/checkpoint.hpp"
#include "engine/classify/estimate.hpp"
#include "engine/io/checkpoint.hpp"

namespace rp {
namespace {

Status not_ready() { return Status::error("no model yet: configure a session or open a model first"); }

// WebAssembly memory ends at 2 GiB and a failed allocation aborts the module: estimate before allocating.
Status check_memory(const ClassifierTrainConfig& c, const std::vector<classify::Example>& train,
                    const std::vector<classify::Example>& held, int classes) {
  return check_budget(estimate_classifier(c, labelled_shape(train, held, classes)), kClassifierSizeAdvice);
}

}  // namespace

void ClassifySession::fill_info(ClassifyInfo& info) const {
  info.config_json = to_json(experiment_);
  info.vocab_json = trainer_->vocab().to_json();
  info.labels = trainer_->labels();
  info.train_examples = int64_t(trainer_->train_examples().size());
  info.held_examples = int64_t(trainer_->held_examples().size());
  info.params = trainer_->model().params().count();
  info.step = trainer_->optimizer().steps();
  const auto& tr = trainer_->train_examples();
  info.samples.assign(tr.begin(), tr.begin() + std::min<size_t>(tr.size(), 6));
}

Status ClassifySession::configure(const std::string& experiment_json, const std::string& pairs_tsv, ClassifyInfo& info) {
  ClassifyExperiment e;
  RP_TRY(parse_classify_experiment(experiment_json, e));
  std::vector<classify::Example> train, held;
  std::vector<std::string> labels;
  RP_TRY(make_examples(e, pairs_tsv, train, held, labels));
  Vocab vocab;
  RP_TRY(vocab_of(train, held, vocab));
  RP_TRY(check_memory(e.train, train, held, int(labels.size())));
  std::unique_ptr<ClassifierTrainer> t;
  RP_TRY(ClassifierTrainer::create(e.train, vocab, labels, nullptr, std::move(train), std::move(held), t));
  experiment_ = e;
  trainer_ = std::move(t);
  fill_info(info);
  return Status::ok();
}

Status ClassifySession::train(int steps, ChunkResult& out) {
  if (!trainer_) return not_ready();
  if (steps < 1 || steps > 100000) return Status::error("steps per chunk must be between 1 and 100000");
  out = train_chunk(*trainer_, steps);
  return Status::ok();
}

Status ClassifySession::set_learning_rate(double lr) {
  if (!trainer_) return not_ready();
  RP_TRY(trainer_->set_learning_rate(lr));
  experiment_.train.optim.lr = lr;
  return Status::ok();
}

Status ClassifySession::evaluate(int limit, ClassifyScore& score, std::vector<classify::Example>& examples,
                                 std::vector<float>& probs) {
  if (!trainer_) return not_ready();
  const auto& held = trainer_->held_examples();
  examples.assign(held.begin(), held.begin() + (limit > 0 ? std::min<size_t>(held.size(), size_t(limit)) : held.size()));
  return trainer_->evaluate(examples, score, &probs);
}

Status ClassifySession::over_time(const std::string& text, std::vector<float>& probs) {
  if (!trainer_) return not_ready();
  return trainer_->over_time(text, probs);
}

Status ClassifySession::export_checkpoint(std::vector<uint8_t>& out) {
  if (!trainer_) return not_ready();
  safetensors::File f;
  export_classifier(trainer_->model(), trainer_->vocab(), trainer_->labels(), f);
  f.set_meta("experiment", to_json(experiment_));
  f.set_meta("optim_step", std::to_string(trainer_->optimizer().steps()));
  RP_TRY(checkpoint::require_finite(f));
  out = safetensors::serialize(f);
  return Status::ok();
}

Status ClassifySession::import_checkpoint(const uint8_t* bytes, size_t size, const std::string& fallback_experiment_json,
                                          const std::string& pairs_tsv, ClassifyInfo& info) {
  safetensors::File f;
  RP_TRY(safetensors::parse(bytes, size, f));
  std::unique_ptr<Classifier<float>> model;
  Vocab vocab;
  std::vector<std::string> labels;
  RP_TRY(import_classifier(f, model, vocab, labels));
  ClassifyExperiment e;
  const std::string* stored = f.meta("experiment");
  RP_TRY(parse_classify_experiment(stored ? *stored : fallback_experiment_json, e));
  e.train.model = model->config();
  std::vector<classify::Example> train, held;
  std::vector<std::string> data_labels;
  RP_TRY(make_examples(e, pairs_tsv, train, held, data_labels));
  RP_TRY(check_memory(e.train, train, held, int(labels.size())));
  std::unique_ptr<ClassifierTrainer> t;
  // The model's own vocabulary and classes: data it cannot read is refused by the trainer, naming the text.
  RP_TRY(ClassifierTrainer::create(e.train, vocab, labels, std::move(model), std::move(train), std::move(held), t));
  experiment_ = e;
  trainer_ = std::move(t);
  fill_info(info);
  return Status::ok();
}

}  // namespace rp
