#include "engine/families.hpp"

#include "engine/core/optimizer_fields.hpp"
#include "engine/layers/attention.hpp"
#include "engine/layers/cells/cell.hpp"
#include "engine/layers/dropout.hpp"
#include "engine/classify/family.hpp"
#include "engine/lab/family.hpp"
#include "engine/lm/family.hpp"
#include "engine/seq2seq/family.hpp"

namespace rp {
namespace {

json::Value str(const char* s) { return json::Value::from_string(s ? s : ""); }

json::Value cell_entry(const CellType& c) {
  json::Value o = json::Value::make_object();
  auto put = [&](const char* key, json::Value v) { o.object.emplace_back(key, std::move(v)); };
  put("name", str(c.name));
  put("label", str(c.label));
  put("summary", str(c.summary));
  put("blocks", json::Value::from_int(c.blocks));
  json::Value gates = json::Value::make_array();
  for (const GateInfo& g : c.gates) {
    json::Value gate = json::Value::make_object();
    gate.object.emplace_back("letter", str(g.letter));
    gate.object.emplace_back("label", str(g.label));
    gate.object.emplace_back("squash", str(g.squash));
    gates.array.push_back(gate);
  }
  put("gates", gates);
  put("cellState", json::Value::from_bool(c.cell_state));
  put("separateRecurrent", json::Value::from_bool(c.separate_recurrent));
  json::Value extras = json::Value::make_array();
  for (const char* e : c.extras) extras.array.push_back(str(e));
  put("extras", extras);
  put("pytorch", c.pytorch ? str(c.pytorch) : json::Value::null());
  return o;
}

json::Value attention_entry(const AttentionInfo& a) {
  json::Value o = json::Value::make_object();
  o.object.emplace_back("name", str(a.name));
  o.object.emplace_back("label", str(a.label));
  o.object.emplace_back("score", str(a.score));
  return o;
}

}  // namespace

const std::vector<Family>& families() {
  static const std::vector<Family> rows = {lm_family(), seq2seq_family(), classify_family(), lab_family()};
  return rows;
}

const Family* find_family(std::string_view name) {
  for (const Family& f : families())
    if (name == f.name) return &f;
  return nullptr;
}

json::Value catalogue() {
  json::Value root = json::Value::make_object();
  auto put = [&](const char* key, json::Value v) { root.object.emplace_back(key, std::move(v)); };
  put("version", json::Value::from_int(1));
  json::Value cells = json::Value::make_array();
  for (const CellType& c : cell_types()) cells.array.push_back(cell_entry(c));
  put("cells", cells);
  put("optimizers", optimizers_catalogue());
  json::Value attention = json::Value::make_array();
  for (const AttentionInfo& a : attention_kinds()) attention.array.push_back(attention_entry(a));
  put("attention", attention);
  json::Value dropout = json::Value::make_array();
  for (const DropoutKindInfo& d : dropout_kinds()) {
    json::Value o = json::Value::make_object();
    o.object.emplace_back("name", str(d.name));
    o.object.emplace_back("label", str(d.label));
    o.object.emplace_back("summary", str(d.summary));
    dropout.array.push_back(o);
  }
  put("dropout", dropout);
  json::Value list = json::Value::make_array();
  for (const Family& f : families()) {
    json::Value o = f.describe();
    o.object.insert(o.object.begin(), {"checkpoint", str(f.checkpoint_kind)});
    o.object.insert(o.object.begin(), {"summary", str(f.summary)});
    o.object.insert(o.object.begin(), {"label", str(f.label)});
    o.object.insert(o.object.begin(), {"name", str(f.name)});
    list.array.push_back(o);
  }
  put("families", list);
  json::Value limits = json::Value::make_object();
  limits.object.emplace_back("sessionBytes", json::Value::from_double(kSessionMemoryBudget));
  put("limits", limits);
  return root;
}

}  // namespace rp
