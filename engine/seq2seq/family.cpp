#include "engine/seq2seq/family.hpp"

#include <algorithm>

#include "engine/seq2seq/estimate.hpp"

namespace rp {
namespace {

json::Value strings(const std::vector<const char*>& items) {
  json::Value a = json::Value::make_array();
  for (const char* s : items) a.array.push_back(json::Value::from_string(s));
  return a;
}

json::Value task_entry(const seq2seq::TaskInfo& t) {
  json::Value o = json::Value::make_object();
  auto put = [&](const char* key, json::Value v) { o.object.emplace_back(key, std::move(v)); };
  put("name", json::Value::from_string(t.name));
  put("title", json::Value::from_string(t.title));
  put("blurb", json::Value::from_string(t.blurb));
  json::Value example = json::Value::make_array();
  example.array.push_back(json::Value::from_string(t.example_source));
  example.array.push_back(json::Value::from_string(t.example_target));
  put("example", example);
  put("params", strings(t.params));
  put("lengthLabel", json::Value::from_string(t.length_label));
  if (t.default_max_len > 0) {
    json::Value d = json::Value::make_object();
    d.object.emplace_back("min_len", json::Value::from_int(t.default_min_len));
    d.object.emplace_back("max_len", json::Value::from_int(t.default_max_len));
    put("defaults", d);
  }
  return o;
}

json::Value describe() {
  json::Value o = json::Value::make_object();
  o.object.emplace_back("fields", seq2seq_fields().describe(Seq2SeqExperiment{}));
  json::Value tasks = json::Value::make_array();
  for (const auto& t : seq2seq::tasks()) tasks.array.push_back(task_entry(t));
  o.object.emplace_back("tasks", tasks);
  return o;
}

Status estimate(const std::string& experiment_json, const std::string& data_json, Estimate& out) {
  Seq2SeqExperiment e;
  RP_TRY(parse_seq2seq_experiment(experiment_json, e));
  json::Value data;
  RP_TRY(json::parse(data_json, data));
  const json::Value* pairs = data.find("pairs");
  // The shape of the data from a sample of it: lengths and alphabet do not need every example.
  e.train_size = std::min(e.train_size, 2000);
  e.held_size = std::min(e.held_size, 200);
  std::vector<seq2seq::Example> train, held;
  RP_TRY(make_examples(e, pairs && pairs->is_string() ? pairs->string : std::string(), train, held));
  out = estimate_seq2seq(e.train, pair_shape(train, held));
  return Status::ok();
}

}  // namespace

Family seq2seq_family() {
  return {"seq2seq", "Sequence to sequence",
          "an encoder reads a sequence, a decoder writes another, attention shows where it looks", "seq2seq", describe,
          estimate};
}

}  // namespace rp
