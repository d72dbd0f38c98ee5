// What the family rows (engine/families.hpp) of the families that learn from separate examples share: their
// describe() lists the field table and the tasks (each task's entry the family's), and their estimate() reads
// the experiment and the user's pairs from the request and makes a sample of the data whose shape it costs.
#pragma once
#include <algorithm>
#include <string>
#include <vector>

#include "engine/core/fields.hpp"
#include "engine/core/json.hpp"

namespace rp {

inline json::Value string_array(const std::vector<const char*>& items) {
  json::Value a = json::Value::make_array();
  for (const char* s : items) a.array.push_back(json::Value::from_string(s));
  return a;
}

// {"fields": [...], "tasks": [entry(task), ...]}: the family adds anything else its page needs.
template <class E, class Tasks, class Entry>
json::Value describe_examples_family(const FieldTable<E>& fields, const Tasks& tasks, Entry entry) {
  json::Value o = json::Value::make_object();
  o.object.emplace_back("fields", fields.describe(E{}));
  json::Value list = json::Value::make_array();
  for (const auto& t : tasks) list.array.push_back(entry(t));
  o.object.emplace_back("tasks", list);
  return o;
}

// An estimate request: the experiment (parse: the family's parser) with its data sizes capped (lengths and
// alphabet do not need every example), and the pairs text (data_json's "pairs", or "").
template <class E, class Parse>
Status read_estimate_request(const std::string& experiment_json, const std::string& data_json, Parse parse, E& e,
                             std::string& pairs) {
  RP_TRY(parse(experiment_json, e));
  json::Value data;
  RP_TRY(json::parse(data_json, data));
  const json::Value* p = data.find("pairs");
  pairs = p && p->is_string() ? p->string : std::string();
  e.train_size = std::min(e.train_size, 2000);
  e.held_size = std::min(e.held_size, 200);
  return Status::ok();
}

}  // namespace rp
