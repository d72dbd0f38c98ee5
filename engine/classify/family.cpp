#include "engine/classify/family.hpp"

#include "engine/classify/estimate.hpp"
#include "engine/train/example_family.hpp"

namespace rp {
namespace {

json::Value task_entry(const classify::TaskInfo& t) {
  json::Value o = json::Value::make_object();
  o.object.emplace_back("name", json::Value::from_string(t.name));
  o.object.emplace_back("title", json::Value::from_string(t.title));
  o.object.emplace_back("blurb", json::Value::from_string(t.blurb));
  o.object.emplace_back("labels", string_array(t.labels));
  o.object.emplace_back("params", string_array(t.params));
  return o;
}

json::Value describe() {
  json::Value o = describe_examples_family(classify_fields(), classify::tasks(), task_entry);
  json::Value pools = json::Value::make_array();
  for (const auto& p : pool_kinds()) {
    json::Value e = json::Value::make_object();
    e.object.emplace_back("name", json::Value::from_string(p.name));
    e.object.emplace_back("label", json::Value::from_string(p.label));
    pools.array.push_back(e);
  }
  o.object.emplace_back("pooling", pools);
  o.object.emplace_back("maxTextChars", json::Value::from_int(kMaxClassifyChars));
  return o;
}

Status estimate(const std::string& experiment_json, const std::string& data_json, Estimate& out) {
  ClassifyExperiment e;
  std::string pairs;
  RP_TRY(read_estimate_request(experiment_json, data_json, parse_classify_experiment, e, pairs));
  std::vector<classify::Example> train, held;
  std::vector<std::string> labels;
  RP_TRY(make_examples(e, pairs, train, held, labels));
  out = estimate_classifier(e.train, labelled_shape(train, held, int(labels.size())));
  return Status::ok();
}

}  // namespace

Family classify_family() {
  return {"classify", "Sequence classifier",
          "reads a text and predicts one label; watch the decision form character by character", "classifier",
          describe, estimate};
}

}  // namespace rp
