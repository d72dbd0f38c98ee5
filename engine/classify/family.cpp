#include "engine/classify/family.hpp"

#include <algorithm>

#include "engine/classify/estimate.hpp"

namespace rp {
namespace {

json::Value strings(const std::vector<const char*>& items) {
  json::Value a = json::Value::make_array();
  for (const char* s : items) a.array.push_back(json::Value::from_string(s));
  return a;
}

json::Value task_entry(const classify::TaskInfo& t) {
  json::Value o = json::Value::make_object();
  o.object.emplace_back("name", json::Value::from_string(t.name));
  o.object.emplace_back("title", json::Value::from_string(t.title));
  o.object.emplace_back("blurb", json::Value::from_string(t.blurb));
  o.object.emplace_back("labels", strings(t.labels));
  o.object.emplace_back("params", strings(t.params));
  return o;
}

json::Value describe() {
  json::Value o = json::Value::make_object();
  o.object.emplace_back("fields", classify_fields().describe(ClassifyExperiment{}));
  json::Value tasks = json::Value::make_array();
  for (const auto& t : classify::tasks()) tasks.array.push_back(task_entry(t));
  o.object.emplace_back("tasks", tasks);
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
  RP_TRY(parse_classify_experiment(experiment_json, e));
  json::Value data;
  RP_TRY(json::parse(data_json, data));
  const json::Value* pairs = data.find("pairs");
  // The shape of the data from a sample of it: lengths and alphabet do not need every example.
  e.train_size = std::min(e.train_size, 2000);
  e.held_size = std::min(e.held_size, 200);
  std::vector<classify::Example> train, held;
  std::vector<std::string> labels;
  RP_TRY(make_examples(e, pairs && pairs->is_string() ? pairs->string : std::string(), train, held, labels));
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
