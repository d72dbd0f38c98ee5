// Helpers shared by the checkpoint loaders: typed reads of safetensors metadata and tensors, each refusing bad
// input with a message that names the key or tensor.
#pragma once
#include <string>
#include <vector>

#include "engine/io/safetensors.hpp"

namespace rp::tensor_io {

std::string shape_str(const std::vector<int64_t>& shape);
// A decimal integer in [lo, hi] stored under `key`.
Status read_int(const safetensors::File& f, const char* key, int64_t lo, int64_t hi, int64_t& out);
Status read_int(const safetensors::File& f, const char* key, int lo, int hi, int& out);
Status read_string(const safetensors::File& f, const char* key, std::string& out);
// Copies tensor `name` of exactly `shape` into dst, refusing a missing tensor, another shape or a NaN/inf.
Status copy_tensor(const safetensors::File& f, const std::string& name, const std::vector<int64_t>& shape, float* dst);

}  // namespace rp::tensor_io
