// The safetensors File and Tensor: lookups, metadata, and validate(), the checks serialize() relies on.
// Bytes in: safetensors_read.cpp; bytes out: safetensors_write.cpp; files on disk: safetensors_file.cpp.
#include "engine/io/safetensors.hpp"

#include <algorithm>
#include <limits>

#include "engine/core/utf8.hpp"
#include "engine/io/safetensors_detail.hpp"

namespace rp::safetensors {

namespace {

using detail::fail;
using detail::shape_text;
using detail::tensor_label;

// Element count with the engine's limits applied; false when the shape is unusable.
bool checked_numel(const std::vector<int64_t>& shape, int64_t& numel) {
  if (shape.size() > static_cast<size_t>(kMaxRank)) return false;
  int64_t n = 1;
  for (int64_t d : shape) {
    if (d < 0 || d > kMaxElements) return false;
    n *= d;  // both factors are <= 2^28, so this cannot overflow
    if (n > kMaxElements) return false;
  }
  numel = n;
  return true;
}

}  // namespace

int64_t Tensor::numel() const {
  int64_t n = 1;
  for (int64_t d : shape) {
    if (d < 0) return -1;
    if (d != 0 && n > std::numeric_limits<int64_t>::max() / d) return -1;
    n *= d;
  }
  return n;
}

const Tensor* File::find(std::string_view name) const {
  for (const Tensor& t : tensors) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

Tensor* File::find(std::string_view name) {
  for (Tensor& t : tensors) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

const std::string* File::meta(std::string_view key) const {
  for (const auto& kv : metadata) {
    if (kv.first == key) return &kv.second;
  }
  return nullptr;
}

void File::set_meta(std::string key, std::string value) {
  for (auto& kv : metadata) {
    if (kv.first == key) {
      kv.second = std::move(value);
      return;
    }
  }
  metadata.emplace_back(std::move(key), std::move(value));
}

Tensor& File::add(std::string name, std::vector<int64_t> shape, std::vector<float> data) {
  Tensor t;
  t.name = std::move(name);
  t.shape = std::move(shape);
  t.data = std::move(data);
  tensors.push_back(std::move(t));
  return tensors.back();
}

Status validate(const File& f) {
  std::vector<std::string_view> names;
  names.reserve(f.tensors.size());
  for (const Tensor& t : f.tensors) {
    const std::string who = tensor_label(t.name);
    if (t.name == "__metadata__") return fail("a tensor may not be named \"__metadata__\"");
    if (!utf8::valid(t.name)) return fail("a tensor name is not valid UTF-8");
    int64_t n = 0;
    if (!checked_numel(t.shape, n)) {
      return fail(who + " has an unsupported shape " + shape_text(t.shape) + " (rank <= " +
                  std::to_string(kMaxRank) + ", dims >= 0, at most " + std::to_string(kMaxElements) +
                  " elements)");
    }
    if (t.data.size() != static_cast<size_t>(n)) {
      return fail(who + " has " + std::to_string(t.data.size()) + " values but shape " + shape_text(t.shape) +
                  " needs " + std::to_string(n));
    }
    names.push_back(t.name);
  }
  std::sort(names.begin(), names.end());
  for (size_t i = 1; i < names.size(); ++i) {
    if (names[i] == names[i - 1]) return fail("duplicate tensor name '" + std::string(names[i]) + "'");
  }
  std::vector<std::string_view> keys;
  keys.reserve(f.metadata.size());
  for (const auto& kv : f.metadata) {
    if (!utf8::valid(kv.first) || !utf8::valid(kv.second)) {
      return fail("metadata key or value is not valid UTF-8");
    }
    keys.push_back(kv.first);
  }
  std::sort(keys.begin(), keys.end());
  for (size_t i = 1; i < keys.size(); ++i) {
    if (keys[i] == keys[i - 1]) return fail("duplicate metadata key '" + std::string(keys[i]) + "'");
  }
  return Status::ok();
}

}  // namespace rp::safetensors
