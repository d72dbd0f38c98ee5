// Writing safetensors bytes: the header as JSON, padded so the F32 data section starts 8-byte aligned.
#include "engine/io/safetensors.hpp"

#include <cstring>

#include "engine/core/json.hpp"
#include "engine/io/safetensors_detail.hpp"

namespace rp::safetensors {

using detail::shape_text;

std::vector<uint8_t> serialize(const File& f) {
  std::string header = "{";
  bool first = true;
  if (!f.metadata.empty()) {
    header += "\"__metadata__\":{";
    for (size_t i = 0; i < f.metadata.size(); ++i) {
      if (i) header += ',';
      header += json::quote(f.metadata[i].first);
      header += ':';
      header += json::quote(f.metadata[i].second);
    }
    header += '}';
    first = false;
  }
  uint64_t offset = 0;
  for (const Tensor& t : f.tensors) {
    const uint64_t bytes = static_cast<uint64_t>(t.data.size()) * sizeof(float);
    if (!first) header += ',';
    first = false;
    header += json::quote(t.name);
    header += ":{\"dtype\":\"F32\",\"shape\":";
    header += shape_text(t.shape);
    header += ",\"data_offsets\":[";
    header += std::to_string(offset);
    header += ',';
    header += std::to_string(offset + bytes);
    header += "]}";
    offset += bytes;
  }
  header += '}';
  // Padding keeps the data section 8-byte aligned for readers that map the file.
  while (header.size() % 8 != 0) header += ' ';

  std::vector<uint8_t> out(8 + header.size() + static_cast<size_t>(offset));
  const uint64_t header_len = header.size();
  std::memcpy(out.data(), &header_len, sizeof(header_len));
  std::memcpy(out.data() + 8, header.data(), header.size());
  size_t pos = 8 + header.size();
  for (const Tensor& t : f.tensors) {
    const size_t bytes = t.data.size() * sizeof(float);
    if (bytes) std::memcpy(out.data() + pos, t.data.data(), bytes);
    pos += bytes;
  }
  return out;
}

}  // namespace rp::safetensors
