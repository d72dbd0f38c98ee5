#include "engine/io/checkpoint.hpp"

#include <cmath>
#include <set>

#include "engine/core/finite.hpp"
#include "engine/io/tensor_io.hpp"

namespace rp::checkpoint {

void write_kind(const char* kind, safetensors::File& out) { out.set_meta("model", kind); }

Status require_finite(const safetensors::File& f) {
  for (const auto& t : f.tensors)
    for (float v : t.data)
      if (!std::isfinite(v))
        return Status::error("the model's tensor '" + t.name + "' holds " + nonfinite_text(v) +
                             ": training diverged, so it is not saved (reset, or lower the learning rate)");
  return Status::ok();
}

Status check_kind(const safetensors::File& f, const char* kind) {
  const std::string* k = f.meta("model");
  const std::string what = std::string("not a ") + kind + " checkpoint: ";
  if (!k) return Status::error(what + "metadata 'model' is missing");
  if (*k != kind) return Status::error(what + "metadata 'model' is '" + *k + "'");
  return Status::ok();
}

void write_params(const ParamStore<float>& params, safetensors::File& out) {
  for (size_t i = 0; i < params.specs().size(); ++i) {
    const ParamSpec& s = params.specs()[i];
    const float* v = params.value(int(i));
    out.add(s.name, s.shape, std::vector<float>(v, v + s.size));
  }
}

Status check_param_count(const safetensors::File& f, int64_t expected, const std::vector<std::string>& also_allowed,
                         const std::string& what) {
  if (expected > kMaxParams)
    return Status::error("the file's metadata describes " + what + " with " + std::to_string(expected) +
                         " parameters, more than the " + std::to_string(kMaxParams) + " this engine opens");
  int64_t held = 0;
  for (const auto& t : f.tensors) {
    bool other = false;
    for (const auto& prefix : also_allowed) other = other || t.name.rfind(prefix, 0) == 0;
    if (!other) held += std::max<int64_t>(0, t.numel());
  }
  if (held < expected && expected > (int64_t(1) << 20))
    return Status::error("the file holds " + std::to_string(held) + " parameter values, but " + what + " (as its metadata says) has " +
                         std::to_string(expected) + ": tensors are missing or of other shapes");
  return Status::ok();
}

Status read_params(const safetensors::File& f, ParamStore<float>& params, const std::vector<std::string>& also_allowed,
                   const std::string& what) {
  for (size_t i = 0; i < params.specs().size(); ++i)
    RP_TRY(tensor_io::copy_tensor(f, params.specs()[i].name, params.specs()[i].shape, params.value(int(i))));
  for (const auto& t : f.tensors) {
    if (params.find(t.name) >= 0) continue;
    bool allowed = false;
    for (const auto& prefix : also_allowed) allowed = allowed || t.name.rfind(prefix, 0) == 0;
    if (!allowed) return Status::error("unexpected tensor '" + t.name + "' for " + what);
  }
  return Status::ok();
}

void write_optimizer(const Optimizer<float>& opt, const ParamStore<float>& params, safetensors::File& out) {
  out.set_meta("optim_step", std::to_string(opt.steps()));
  for (int k = 0; k < opt.state_count(); ++k)
    for (const ParamSpec& s : params.specs()) {
      const float* v = opt.state(k) + s.offset;
      out.add(std::string(kOptimPrefix) + opt.state_name(k) + "." + s.name, s.shape, std::vector<float>(v, v + s.size));
    }
}

Status read_optimizer(const safetensors::File& f, const ParamStore<float>& params, Optimizer<float>& opt) {
  for (int k = 0; k < opt.state_count(); ++k)
    for (const ParamSpec& s : params.specs())
      RP_TRY(tensor_io::copy_tensor(f, std::string(kOptimPrefix) + opt.state_name(k) + "." + s.name, s.shape,
                                    opt.state(k) + s.offset));
  int64_t step = 0;
  RP_TRY(tensor_io::read_int(f, "optim_step", int64_t(0), int64_t(1) << 60, step));
  opt.set_steps(step);
  return Status::ok();
}

Status read_meta_value(const safetensors::File& f, const FieldSpec& spec, json::Value& out) {
  const std::string* text = f.meta(spec.meta);
  if (!text) return Status::error("checkpoint metadata has no '" + spec.meta + "'");
  Status s = parse_text(spec, *text, out);
  if (s) s = check_value(spec, out);
  if (!s && spec.type == FieldType::Choice)
    return Status::error("unknown " + spec.label + " '" + *text + "' in metadata '" + spec.meta + "' (expected " +
                         spec.expectation() + ")");
  if (!s) return Status::error("metadata '" + spec.meta + "' " + s.message());
  return Status::ok();
}

void write_names(const char* key, const std::vector<std::string>& names, safetensors::File& out) {
  json::Value a = json::Value::make_array();
  for (const auto& n : names) a.array.push_back(json::Value::from_string(n));
  out.set_meta(key, json::dump(a));
}

Status read_names(const safetensors::File& f, const char* key, const char* what, std::vector<std::string>& out) {
  const std::string k(key);
  const std::string* text = f.meta(k);
  if (!text) return Status::error("checkpoint metadata has no '" + k + "'");
  json::Value v;
  Status s = json::parse(*text, v);
  if (!s || !v.is_array()) return Status::error("checkpoint metadata '" + k + "' is not a JSON array of strings");
  std::vector<std::string> names;
  std::set<std::string> seen;
  for (const auto& item : v.array) {
    if (!item.is_string() || item.string.empty())
      return Status::error("checkpoint metadata '" + k + "' must hold non-empty strings");
    if (!seen.insert(item.string).second) return Status::error("checkpoint metadata '" + k + "' repeats '" + item.string + "'");
    names.push_back(item.string);
  }
  if (names.size() < 2 || names.size() > 1000)
    return Status::error("checkpoint metadata '" + k + "' must name 2 to 1000 " + what);
  out = std::move(names);
  return Status::ok();
}

}  // namespace rp::checkpoint
