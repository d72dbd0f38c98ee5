#include "engine/cli/files.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>

#include "engine/core/utf8.hpp"
#include "engine/io/checkpoint.hpp"
#include "engine/io/file_kind.hpp"

namespace rp::cli {

constexpr size_t kMaxTextBytes = size_t(512) << 20;  // beyond that the ids alone would not fit comfortably

Status read_file(const std::string& path, size_t max_bytes, std::string& out, const char* what) {
  uint64_t size = 0;
  RP_TRY(io::regular_file(path, max_bytes, what, size));
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::error("cannot open '" + path + "'");
  out.assign(size_t(size), '\0');
  if (size > 0 && !in.read(&out[0], size)) return Status::error("cannot read '" + path + "'");
  return Status::ok();
}

Status read_text(const std::string& path, std::string& out) {
  RP_TRY(read_file(path, kMaxTextBytes, out, "text file"));
  return check_text(out, "text file '" + path + "'");
}

Status check_text(std::string_view bytes, const std::string& name) {
  if (bytes.size() > kMaxTextBytes) return Status::error(name + " is larger than 512 MiB");
  if (bytes.empty()) return Status::error(name + " is empty");
  std::u32string decoded;
  Status s = utf8::decode(bytes, decoded);
  if (!s) return Status::error(name + ": " + s.message());
  if (decoded.size() < 2) return Status::error(name + " has only one character; a language model needs at least two");
  return Status::ok();
}

Status check_output(const std::string& path, const char* flag) {
  const size_t slash = path.find_last_of('/');
  const std::string dir = slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
  struct stat st {};
  if (::stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
    return Status::error(std::string(flag) + " " + path + ": the folder '" + dir + "' does not exist");
  if (::access(dir.c_str(), W_OK) != 0)
    return Status::error(std::string(flag) + " " + path + ": the folder '" + dir + "' is not writable");
  if (::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode))
    return Status::error(std::string(flag) + " " + path + ": that is a folder; give a file name");
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
