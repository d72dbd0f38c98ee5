#include "engine/lm/config_json.hpp"

#include <cmath>

#include "engine/core/json.hpp"
#include "engine/core/json_fields.hpp"

namespace rp {
using json_fields::field_error;
using json_fields::number;
using json_fields::read_bool;
using json_fields::read_double;
using json_fields::read_int;

std::string to_json(const TrainConfig& c) {
  std::string s = "{";
  auto add = [&](const char* key, const std::string& value) {
    if (s.size() > 1) s += ",";
    s += json::quote(key) + ":" + value;
  };
  add("cell", json::quote(c.model.cell->name));
  add("hidden", std::to_string(c.model.hidden));
  add("layers", std::to_string(c.model.layers));
  add("embed", std::to_string(c.model.embed));
  add("seq", std::to_string(c.seq));
  add("batch", std::to_string(c.batch));
  add("optim", json::quote(optim_name(c.optim.kind)));
  add("lr", number(c.optim.lr));
  add("weight_decay", number(c.optim.weight_decay));
  add("momentum", number(c.optim.momentum));
  add("nesterov", c.optim.nesterov ? "true" : "false");
  add("lr_gamma", number(c.optim.lr_gamma));
  add("lr_every", std::to_string(c.optim.lr_every));
  add("clip_norm", number(c.clip.max_norm));
  add("clip_value", number(c.clip.max_value));
  add("reset_state", c.reset_state ? "true" : "false");
  add("seed", std::to_string(c.seed));
  return s + "}";
}

Status parse_train_config(std::string_view json_text, TrainConfig& out) {
  json::Value root;
  Status s = json::parse(json_text, root);
  if (!s) return Status::error("config: " + s.message());
  if (!root.is_object()) return Status::error("config must be a JSON object");
  TrainConfig c;
  for (const auto& [key, v] : root.object) {
    if (key == "cell") {
      if (!v.is_string() || !(c.model.cell = find_cell(v.string))) return field_error(key, "one of " + cell_names());
    } else if (key == "optim") {
      if (!v.is_string() || !parse_optim(v.string, c.optim.kind)) return field_error(key, "one of " + optim_names());
    } else if (key == "hidden") {
      RP_TRY(read_int(v, key, c.model.hidden));
    } else if (key == "layers") {
      RP_TRY(read_int(v, key, c.model.layers));
    } else if (key == "embed") {
      RP_TRY(read_int(v, key, c.model.embed));
    } else if (key == "seq") {
      RP_TRY(read_int(v, key, c.seq));
    } else if (key == "batch") {
      RP_TRY(read_int(v, key, c.batch));
    } else if (key == "lr") {
      RP_TRY(read_double(v, key, c.optim.lr));
    } else if (key == "weight_decay") {
      RP_TRY(read_double(v, key, c.optim.weight_decay));
    } else if (key == "momentum") {
      RP_TRY(read_double(v, key, c.optim.momentum));
    } else if (key == "nesterov") {
      RP_TRY(read_bool(v, key, c.optim.nesterov));
    } else if (key == "lr_gamma") {
      RP_TRY(read_double(v, key, c.optim.lr_gamma));
    } else if (key == "lr_every") {
      RP_TRY(read_int(v, key, c.optim.lr_every));
    } else if (key == "clip_norm") {
      RP_TRY(read_double(v, key, c.clip.max_norm));
    } else if (key == "clip_value") {
      RP_TRY(read_double(v, key, c.clip.max_value));
    } else if (key == "reset_state") {
      RP_TRY(read_bool(v, key, c.reset_state));
    } else if (key == "seed") {
      uint64_t seed;
      if (!v.as_uint64(seed)) return field_error(key, "a non-negative integer");
      c.seed = seed;
    } else {
      return Status::error("config has an unknown field '" + key + "'");
    }
  }
  out = c;
  return Status::ok();
}

}  // namespace rp
