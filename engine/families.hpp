// The model families the engine knows, one row each: what the page's mode menu, the catalogue and the
// estimator need. A family's code is its folder (engine/<family>/); registering it is its row here.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/json.hpp"
#include "engine/train/estimate.hpp"

namespace rp {

struct Family {
  const char* name;             // "lm": the command line's `rnn lm`, the page's mode, the link's `mode=`
  const char* label;            // "Character language model"
  const char* summary;          // one line
  const char* checkpoint_kind;  // metadata 'model' of its files: "char_lm"
  // The family's catalogue entry beyond the above: {"fields": [...]} and anything else its page needs.
  json::Value (*describe)();
  // The cost of an experiment (its JSON) on data described by data_json (the family says what it needs).
  Status (*estimate)(const std::string& experiment_json, const std::string& data_json, Estimate& out);
};

const std::vector<Family>& families();
const Family* find_family(std::string_view name);

// Everything the page learns from the engine, as one JSON document: cells, optimizers, attention kinds,
// families with their field tables, and limits. Written at build time to web/engine/catalogue.json.
json::Value catalogue();

}  // namespace rp
