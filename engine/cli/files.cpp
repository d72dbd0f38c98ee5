#include "engine/cli/files.hpp"

#include <cstdio>
#include <fstream>

#include "engine/core/utf8.hpp"
#include "engine/io/checkpoint.hpp"

namespace rp::cli {

constexpr size_t kMaxTextBytes = size_t(512) << 20;  // beyond that the ids alone would not fit comfortably

Status read_file(const std::string& path, size_t max_bytes, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::error("cannot open '" + path + "'");
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  if (size < 0) return Status::error("cannot read '" + path + "'");
  if (size_t(size) > max_bytes)
    return Status::error("'" + path + "' is larger than " + std::to_string(max_bytes >> 20) + " MiB");
  in.seekg(0);
  out.assign(size_t(size), '\0');
  if (size > 0 && !in.read(&out[0], size)) return Status::error("cannot read '" + path + "'");
  return Status::ok();
}

Status read_text(const std::string& path, std::string& out) {
  std::ifstream probe(path, std::ios::binary);
  if (!probe) return Status::error("cannot open text file '" + path + "'");
  Status s = read_file(path, kMaxTextBytes, out);
  if (!s) return Status::error("text file " + s.message());
  if (out.empty()) return Status::error("text file '" + path + "' is empty");
  std::u32string decoded;
  if (!(s = utf8::decode(out, decoded))) return Status::error("text file '" + path + "': " + s.message());
  if (decoded.size() < 2)
    return Status::error("text file '" + path + "' has only one character; a language model needs at least two");
  return Status::ok();
}

Status save(const std::string& program, const safetensors::File& file, const std::string& path, bool quiet,
            const char* what) {
  RP_TRY(checkpoint::require_finite(file));
  RP_TRY(safetensors::write_file(path, file));
  if (!quiet) std::fprintf(stderr, "%s: saved %s to %s\n", program.c_str(), what, path.c_str());
  return Status::ok();
}

}  // namespace rp::cli
