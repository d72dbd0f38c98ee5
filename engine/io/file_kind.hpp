// What a path names, checked before anything is read from it: a regular file of a bounded size. A directory,
// a device such as /dev/zero, a pipe or a socket is refused by kind (reading one would never end, or end in
// nonsense), and a file over the caller's bound is refused by its size, before a byte is read.
#pragma once
#include <cstdint>
#include <string>

#include "engine/core/status.hpp"

namespace rp::io {

// On success `size` is the file's size in bytes. `what` names the file in messages ("model file").
Status regular_file(const std::string& path, uint64_t max_bytes, const char* what, uint64_t& size);

}  // namespace rp::io
