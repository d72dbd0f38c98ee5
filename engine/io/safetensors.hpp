// The safetensors checkpoint format: F32 written; F32, F16, BF16 and F64 read (converted to F32). Layout: an
// 8-byte little-endian length N, N bytes of UTF-8 JSON header, then the raw tensor data. The header maps each
// tensor name to
// {"dtype": "F32", "shape": [...], "data_offsets": [begin, end]} (offsets relative to the data section)
// and may carry "__metadata__", an object of string -> string.
//
// Files come from users and the network, so parse() treats every byte as hostile: all sizes are checked
// against the buffer before anything is read or allocated.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/core/status.hpp"

namespace rp::safetensors {

constexpr uint64_t kMaxHeaderBytes = uint64_t{100} << 20;  // 100 MiB
constexpr int kMaxRank = 8;
constexpr int64_t kMaxElements = int64_t{1} << 28;  // per tensor
// JSON values allowed in a header (~14 per tensor entry). Parsed values cost ~100x their source bytes,
// so without this a 100 MiB header of "[0,0,0,..." could demand gigabytes before any check runs.
constexpr size_t kMaxHeaderValues = size_t{1} << 20;

struct Tensor {
  std::string name;
  std::vector<int64_t> shape;  // [] is a scalar (one element)
  std::vector<float> data;     // row-major
  // Product of the dimensions; -1 when a dimension is negative or the product overflows int64.
  int64_t numel() const;
};

struct File {
  std::vector<Tensor> tensors;  // in file order (sorted by data offset when read)
  std::vector<std::pair<std::string, std::string>> metadata;

  const Tensor* find(std::string_view name) const;
  Tensor* find(std::string_view name);
  const std::string* meta(std::string_view key) const;
  void set_meta(std::string key, std::string value);  // replaces an existing value for key
  // Appends a tensor; the caller guarantees data.size() == numel. The reference is invalidated by the
  // next add().
  Tensor& add(std::string name, std::vector<int64_t> shape, std::vector<float> data);
};

// Checks what serialize() assumes: unique tensor names (none named "__metadata__"), unique metadata
// keys, valid UTF-8 in names, keys and values, shapes within limits and data sizes matching shapes.
Status validate(const File& f);

// F32 little-endian, tensors laid out in vector order, header padded with spaces so the data section
// starts at a multiple of 8 bytes. The same File always gives the same bytes.
std::vector<uint8_t> serialize(const File& f);

// Strict parse; on failure `out` is left empty and the message names the problem (and the tensor).
Status parse(const uint8_t* bytes, size_t size, File& out);
// The same checks, but the tensors keep only their names and shapes (no data is copied): what a loader
// reads to decide whether the model fits before it pays for the whole file.
Status parse_header(const uint8_t* bytes, size_t size, File& out);
// What parse() will hold for the file that header-only `header` came from: 4 bytes per value, whatever the
// file's dtypes.
double parsed_bytes(const File& header);

// Whole-file helpers. write_file validates, writes path + ".tmp" and renames it over path, so a crash
// never leaves a half-written checkpoint under the real name.
Status read_file(const std::string& path, File& out);
Status write_file(const std::string& path, const File& f);

}  // namespace rp::safetensors
