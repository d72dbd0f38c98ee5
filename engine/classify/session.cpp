#include "engine/classify/session.hpp"

#include "engine/classify/checkpoint.hpp"
#include "engine/classify/estimate.hpp"
#include "engine/io/checkpoint.hpp"
#include "engine/train/training_state.hpp"

namespace rp {
namespace {

Status not_ready() { return Status::error("no model yet: configure a session or open a model first"); }

// The training and evaluation workspaces, estimated before anything is allocated (engine/train/session_room.hpp).
Status check_memory(const ClassifierTrainConfig& c, const std::vector<classify::Example>& train,
                    const std::vector<classify::Example>& held, int classes, double file_bytes, double& bytes) {
  return SessionRoom::check(estimate_classifier(c, labelled_shape(train, held, classes)), kClassifierSizeAdvice,
                            file_bytes, bytes);
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
  double bytes = 0;
  RP_TRY(check_memory(e.train, train, held, int(labels.size()), 0, bytes));
  room_.make_room(trainer_, bytes);
  std::unique_ptr<ClassifierTrainer> t;
  RP_TRY(ClassifierTrainer::create(e.train, vocab, labels, nullptr, std::move(train), std::move(held), t));
  experiment_ = e;
  trainer_ = std::move(t);
  room_.hold(bytes);
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

Status ClassifySession::export_checkpoint(bool with_training_state, std::vector<uint8_t>& out) {
  if (!trainer_) return not_ready();
  safetensors::File f;
  if (with_training_state) {
    export_training(*trainer_, to_json(experiment_), f);
  } else {
    export_classifier(trainer_->model(), trainer_->vocab(), trainer_->labels(), f);
    f.set_meta("experiment", to_json(experiment_));
    f.set_meta("optim_step", std::to_string(trainer_->optimizer().steps()));
  }
  RP_TRY(checkpoint::require_finite(f));
  out = safetensors::serialize(f);
  return Status::ok();
}

Status ClassifySession::import_checkpoint(const uint8_t* bytes, size_t size, const std::string& fallback_experiment_json,
                                          const std::string& pairs_tsv, ClassifyInfo& info) {
  // From the header alone, whether the model and its data fit, before paying for the whole file.
  safetensors::File header;
  RP_TRY(safetensors::parse_header(bytes, size, header));
  ClassifierConfig model_config;
  Vocab vocab;
  std::vector<std::string> labels;
  RP_TRY(read_classifier_config(header, model_config, vocab, labels));
  ClassifyExperiment e;
  const std::string* stored = header.meta("experiment");
  RP_TRY(parse_classify_experiment(stored ? *stored : fallback_experiment_json, e));
  e.train.model = model_config;
  std::vector<classify::Example> train, held;
  std::vector<std::string> data_labels;
  RP_TRY(make_examples(e, pairs_tsv, train, held, data_labels));
  double session_bytes = 0;
  const double file_bytes = double(size) + safetensors::parsed_bytes(header);
  RP_TRY(check_memory(e.train, train, held, int(labels.size()), file_bytes, session_bytes));
  room_.make_room(trainer_, session_bytes + file_bytes);
  safetensors::File f;
  RP_TRY(safetensors::parse(bytes, size, f));
  std::unique_ptr<Classifier<float>> model;
  RP_TRY(import_classifier(f, model, vocab, labels));
  e.train.model = model->config();
  std::unique_ptr<ClassifierTrainer> t;
  // The model's own vocabulary and classes: data it cannot read is refused by the trainer, naming the text.
  RP_TRY(ClassifierTrainer::create(e.train, vocab, labels, std::move(model), std::move(train), std::move(held), t));
  const std::string notice = resume_or_restart(f, e.train.optim, *t);
  experiment_ = e;
  trainer_ = std::move(t);
  room_.hold(session_bytes);
  fill_info(info);
  info.notice = notice;
  return Status::ok();
}

}  // namespace rp
