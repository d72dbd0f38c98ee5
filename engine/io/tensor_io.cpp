#include "engine/io/tensor_io.hpp"

#include <cmath>

namespace rp::tensor_io {

std::string shape_str(const std::vector<int64_t>& shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i) s += (i ? "," : "") + std::to_string(shape[i]);
  return s + "]";
}

Status read_string(const safetensors::File& f, const char* key, std::string& out) {
  const std::string* s = f.meta(key);
  if (!s) return Status::error("checkpoint metadata has no '" + std::string(key) + "'");
  out = *s;
  return Status::ok();
}

Status read_int(const safetensors::File& f, const char* key, int64_t lo, int64_t hi, int64_t& out) {
  const std::string* s = f.meta(key);
  if (!s) return Status::error("checkpoint metadata has no '" + std::string(key) + "'");
  if (s->empty() || s->size() > 18) return Status::error("metadata '" + std::string(key) + "' is not a decimal integer");
  int64_t v = 0;
  for (char c : *s) {
    if (c < '0' || c > '9') return Status::error("metadata '" + std::string(key) + "' is not a decimal integer");
    v = v * 10 + (c - '0');
  }
  if (v < lo || v > hi)
    return Status::error("metadata '" + std::string(key) + "' = " + *s + " is outside [" + std::to_string(lo) + ", " +
                         std::to_string(hi) + "]");
  out = v;
  return Status::ok();
}

Status read_int(const safetensors::File& f, const char* key, int lo, int hi, int& out) {
  int64_t v = 0;
  RP_TRY(read_int(f, key, int64_t(lo), int64_t(hi), v));
  out = int(v);
  return Status::ok();
}

Status copy_tensor(const safetensors::File& f, const std::string& name, const std::vector<int64_t>& shape, float* dst) {
  const safetensors::Tensor* t = f.find(name);
  if (!t) return Status::error("missing tensor '" + name + "'");
  if (t->shape != shape)
    return Status::error("tensor '" + name + "' has shape " + shape_str(t->shape) + ", expected " + shape_str(shape));
  for (size_t i = 0; i < t->data.size(); ++i) {
    if (!std::isfinite(t->data[i]))
      return Status::error("tensor '" + name + "' holds a non-finite value (NaN or infinity) at index " + std::to_string(i));
    dst[i] = t->data[i];
  }
  return Status::ok();
}

}  // namespace rp::tensor_io
