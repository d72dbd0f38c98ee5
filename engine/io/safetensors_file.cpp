// Safetensors files on disk: read_file reads and parses; write_file validates, then writes a temporary file
// and renames it over the real name.
#include "engine/io/safetensors.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "engine/io/safetensors_detail.hpp"

#if defined(__unix__) || defined(__APPLE__)
#include <unistd.h>  // fsync
#define RP_HAVE_FSYNC 1
#endif

namespace rp::safetensors {

using detail::fail;

Status read_file(const std::string& path, File& out) {
  out = File();
  std::FILE* fp = std::fopen(path.c_str(), "rb");
  if (!fp) return fail("cannot open '" + path + "' for reading: " + std::strerror(errno));
  // Read straight into the growing buffer (no large stack array: WebAssembly stacks are small).
  std::vector<uint8_t> bytes;
  constexpr size_t kChunk = size_t{1} << 16;
  while (true) {
    const size_t old = bytes.size();
    bytes.resize(old + kChunk);
    const size_t n = std::fread(bytes.data() + old, 1, kChunk, fp);
    bytes.resize(old + n);
    if (n < kChunk) break;
  }
  const bool read_error = std::ferror(fp) != 0;
  std::fclose(fp);
  if (read_error) return fail("error while reading '" + path + "'");
  const Status s = parse(bytes.data(), bytes.size(), out);
  if (!s.is_ok()) return Status::error(s.message() + " (in '" + path + "')");
  return Status::ok();
}

Status write_file(const std::string& path, const File& f) {
  RP_TRY(validate(f));
  const std::vector<uint8_t> bytes = serialize(f);
  const std::string tmp = path + ".tmp";
  std::FILE* fp = std::fopen(tmp.c_str(), "wb");
  if (!fp) return fail("cannot open '" + tmp + "' for writing: " + std::strerror(errno));
  bool ok = std::fwrite(bytes.data(), 1, bytes.size(), fp) == bytes.size();
  ok = std::fflush(fp) == 0 && ok;
#ifdef RP_HAVE_FSYNC
  // Make the data durable before the rename publishes it.
  ok = ok && fsync(fileno(fp)) == 0;
#endif
  ok = std::fclose(fp) == 0 && ok;
  if (!ok) {
    std::remove(tmp.c_str());
    return fail("error while writing '" + tmp + "'");
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    const std::string why = std::strerror(errno);
    std::remove(tmp.c_str());
    return fail("cannot rename '" + tmp + "' to '" + path + "': " + why);
  }
  return Status::ok();
}

}  // namespace rp::safetensors
