// What the safetensors files share (safetensors.cpp: the File and its checks; safetensors_read.cpp,
// safetensors_write.cpp: bytes in and out; safetensors_file.cpp: files on disk). Internal: not part of the
// safetensors.hpp interface.
#pragma once
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "engine/core/status.hpp"

// Integers and floats are copied with memcpy in host byte order, which is only correct on little-endian
// hosts. Every target (x86-64, arm64, WebAssembly) is little-endian; refuse to build anywhere else.
#if defined(__BYTE_ORDER__) && defined(__ORDER_LITTLE_ENDIAN__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "the safetensors code assumes a little-endian host"
#endif
static_assert(sizeof(float) == 4 && std::numeric_limits<float>::is_iec559, "F32 must be IEEE-754 binary32");

namespace rp::safetensors::detail {

inline std::string tensor_label(const std::string& name) { return "tensor '" + name + "'"; }

inline Status fail(const std::string& msg) { return Status::error("safetensors: " + msg); }

// The framing every file must have, from its first `available` bytes (at least 8 when size >= 8; a 9th tells a
// cut-short file from another kind) and its whole size: the 8-byte header length fits the limit and the file.
Status check_frame(const uint8_t* first, size_t available, uint64_t size);

inline std::string shape_text(const std::vector<int64_t>& shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i) s += ',';
    s += std::to_string(shape[i]);
  }
  return s + "]";
}

}  // namespace rp::safetensors::detail
