// Reading a training or evaluation text from disk with the checks every command needs.
#pragma once
#include <fstream>
#include <sstream>
#include <string>

#include "engine/core/status.hpp"
#include "engine/core/utf8.hpp"

namespace rp::cli {

constexpr size_t kMaxTextBytes = size_t(512) << 20;  // 512 MiB: beyond that the ids alone would not fit comfortably

inline Status read_text(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::error("cannot open text file '" + path + "'");
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  if (size < 0) return Status::error("cannot read text file '" + path + "'");
  if (size_t(size) > kMaxTextBytes) return Status::error("text file '" + path + "' is larger than 512 MiB");
  in.seekg(0);
  out.assign(size_t(size), '\0');
  if (size > 0 && !in.read(&out[0], size)) return Status::error("cannot read text file '" + path + "'");
  if (out.empty()) return Status::error("text file '" + path + "' is empty");
  std::u32string decoded;
  Status s = utf8::decode(out, decoded);
  if (!s) return Status::error("text file '" + path + "': " + s.message());
  if (decoded.size() < 2) return Status::error("text file '" + path + "' has only one character; a language model needs at least two");
  return Status::ok();
}

}  // namespace rp::cli
