#include "engine/seq2seq/family.hpp"

#include "engine/seq2seq/estimate.hpp"
#include "engine/train/example_family.hpp"

namespace rp {
namespace {

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
  put("params", string_array(t.params));
  put("lengthLabel", json::Value::from_string(t.length_label));
  if (t.default_max_len > 0) {
    json::Value d = json::Value::make_object();
    d.object.emplace_back("min_len", json::Value::from_int(t.default_min_len));
    d.object.emplace_back("max_len", json::Value::from_int(t.default_max_len));
    put("defaults", d);
  }
  return o;
}

json::Value describe() { return describe_examples_family(seq2seq_fields(), seq2seq::tasks(), task_entry); }

Status estimate(const std::string& experiment_json, const std::string& data_json, Estimate& out) {
  Seq2SeqExperiment e;
  std::string pairs;
  RP_TRY(read_estimate_request(experiment_json, data_json, parse_seq2seq_experiment, e, pairs));
  std::vector<seq2seq::Example> train, held;
  RP_TRY(make_examples(e, pairs, train, held));
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
