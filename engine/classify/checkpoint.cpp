#include "engine/classify/checkpoint.hpp"

#include <set>

#include "engine/classify/estimate.hpp"
#include "engine/classify/experiment.hpp"
#include "engine/io/checkpoint.hpp"
#include "engine/train/training_state.hpp"

namespace rp {
namespace {

std::string labels_json(const std::vector<std::string>& labels) {
  json::Value a = json::Value::make_array();
  for (const auto& l : labels) a.array.push_back(json::Value::from_string(l));
  return json::dump(a);
}

Status parse_labels(const std::string& text, std::vector<std::string>& out) {
  json::Value v;
  Status s = json::parse(text, v);
  if (!s || !v.is_array()) return Status::error("checkpoint metadata 'labels' is not a JSON array of strings");
  std::vector<std::string> labels;
  std::set<std::string> seen;
  for (const auto& item : v.array) {
    if (!item.is_string() || item.string.empty())
      return Status::error("checkpoint metadata 'labels' must hold non-empty strings");
    if (!seen.insert(item.string).second) return Status::error("checkpoint metadata 'labels' repeats '" + item.string + "'");
    labels.push_back(item.string);
  }
  if (labels.size() < 2 || labels.size() > 1000) return Status::error("checkpoint metadata 'labels' must name 2 to 1000 classes");
  out = std::move(labels);
  return Status::ok();
}

}  // namespace

void export_classifier(const Classifier<float>& model, const Vocab& vocab, const std::vector<std::string>& labels,
                       safetensors::File& out) {
  checkpoint::write_kind("classifier", out);
  out.set_meta("vocab", vocab.to_json());
  out.set_meta("labels", labels_json(labels));
  ClassifyExperiment e;
  e.train.model = model.config();
  checkpoint::write_model_meta(classify_fields(), e, out);
  checkpoint::write_params(model.params(), out);
}

Status read_classifier_config(const safetensors::File& f, ClassifierConfig& config, Vocab& vocab,
                              std::vector<std::string>& labels) {
  RP_TRY(checkpoint::check_kind(f, "classifier"));
  ClassifyExperiment e;
  RP_TRY(checkpoint::read_model_meta(classify_fields(), f, e));
  ClassifierConfig c = e.train.model;
  const std::string* vocab_json = f.meta("vocab");
  if (!vocab_json) return Status::error("checkpoint metadata has no 'vocab'");
  const std::string* labels_text = f.meta("labels");
  if (!labels_text) return Status::error("checkpoint metadata has no 'labels'");
  Vocab v;
  RP_TRY(Vocab::from_json(*vocab_json, v));
  std::vector<std::string> l;
  RP_TRY(parse_labels(*labels_text, l));
  c.vocab = v.size();
  c.classes = int(l.size());
  RP_TRY(validate(c));
  ClassifierTrainConfig sized;
  sized.model = c;
  LabelledShape shape;
  shape.vocab = v.size();
  shape.classes = c.classes;
  RP_TRY(checkpoint::check_param_count(f, estimate_classifier(sized, shape).params, {checkpoint::kOptimPrefix},
                                       "this classifier configuration"));
  config = c;
  vocab = std::move(v);
  labels = std::move(l);
  return Status::ok();
}

Status import_classifier(const safetensors::File& f, std::unique_ptr<Classifier<float>>& model, Vocab& vocab,
                         std::vector<std::string>& labels) {
  ClassifierConfig c;
  Vocab v;
  std::vector<std::string> l;
  RP_TRY(read_classifier_config(f, c, v, l));
  RP_TRY(checkpoint::build_model(f, c, {checkpoint::kOptimPrefix}, "this classifier configuration", model));
  vocab = std::move(v);
  labels = std::move(l);
  return Status::ok();
}

void export_training(ClassifierTrainer& trainer, const std::string& experiment_json, safetensors::File& out) {
  export_classifier(trainer.model(), trainer.vocab(), trainer.labels(), out);
  out.set_meta("experiment", experiment_json);
  export_training_state(trainer, out);
}

}  // namespace rp
