#include "engine/io/file_kind.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>

namespace rp::io {

namespace {

std::string mib(uint64_t bytes) { return std::to_string((bytes + (uint64_t(1) << 20) - 1) >> 20) + " MiB"; }

}  // namespace

Status regular_file(const std::string& path, uint64_t max_bytes, const char* what, uint64_t& size) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return Status::error(std::string("cannot open ") + what + " '" + path + "': " + std::strerror(errno));
  if (S_ISDIR(st.st_mode)) return Status::error("'" + path + "' is a directory, not a " + what);
  if (!S_ISREG(st.st_mode))
    return Status::error("'" + path + "' is not a regular file (a device, pipe or socket), so it cannot be a " + what);
  size = uint64_t(st.st_size);
  if (size > max_bytes)
    return Status::error(std::string(what) + " '" + path + "' is " + mib(size) + ", more than the " + mib(max_bytes) + " this reads");
  return Status::ok();
}

}  // namespace rp::io
