#include "engine/config_json.hpp"

#include <cmath>
#include <cstdio>

#include "engine/json.hpp"

namespace rp {
namespace {

std::string number(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", x);
  return buf;
}

Status field_error(const std::string& key, const char* want) {
  return Status::error("config field '" + key + "' must be " + want);
}

Status read_int(const json::Value& v, const std::string& key, int& out) {
  int64_t x;
  if (!v.as_int64(x) || x < -2147483647 || x > 2147483647) return field_error(key, "an integer");
  out = int(x);
  return Status::ok();
}

Status read_double(const json::Value& v, const std::string& key, double& out) {
  if (!v.is_number() || !std::isfinite(v.number)) return field_error(key, "a finite number");
  out = v.number;
  return Status::ok();
}

Status read_bool(const json::Value& v, const std::string& key, bool& out) {
  if (!v.is_bool()) return field_error(key, "true or false");
  out = v.boolean;
  return Status::ok();
}

}  // namespace

std::string to_json(const TrainConfig& c) {
  std::string s = "{";
  auto add = [&](const char* key, const std::string& value) {
    if (s.size() > 1) s += ",";
    s += json::quote(key) + ":" + value;
  };
  add("cell", json::quote(cell_name(c.model.cell)));
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
      if (!v.is_string() || !parse_cell(v.string, c.model.cell)) return field_error(key, ("one of " + cell_names()).c_str());
    } else if (key == "optim") {
      if (!v.is_string() || !parse_optim(v.string, c.optim.kind)) return field_error(key, ("one of " + optim_names()).c_str());
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
