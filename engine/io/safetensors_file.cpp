// Safetensors files on disk: read_file reads and parses; write_file validates, then writes a temporary file
// and renames it over the real name.
#include "engine/io/safetensors.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "engine/io/file_kind.hpp"
#include "engine/io/safetensors_detail.hpp"

#if defined(__unix__) || defined(__APPLE__)
#include <unistd.h>  // fsync
#define RP_HAVE_FSYNC 1
#endif

namespace rp::safetensors {

using detail::fail;

// The largest model file read from disk: beyond what the page's 2 GiB heap or a laptop's CLI run would train.
constexpr uint64_t kMaxFileBytes = uint64_t(2) << 30;

Status read_file(const std::string& path, File& out) {
  out = File();
  uint64_t size = 0;
  RP_TRY(io::regular_file(path, kMaxFileBytes, "model file", size));
  std::FILE* fp = std::fopen(path.c_str(), "rb");
  if (!fp) return fail("cannot open '" + path + "' for reading: " + std::strerror(errno));
  // The header's framing first: a file of another kind is refused before the rest of it is read.
  uint8_t first[9] = {};
  const size_t got = std::fread(first, 1, sizeof(first), fp);
  const Status framed = detail::check_frame(first, got, size);
  if (!framed.is_ok()) {
    std::fclose(fp);
    return Status::error(framed.message() + " (in '" + path + "')");
  }
  std::vector<uint8_t> bytes(static_cast<size_t>(size));
  std::memcpy(bytes.data(), first, got);
  const size_t rest = std::fread(bytes.data() + got, 1, bytes.size() - got, fp);
  const bool read_error = std::ferror(fp) != 0 || got + rest != bytes.size();
  std::fclose(fp);
  if (read_error) return fail("error while reading '" + path + "' (it changed while being read?)");
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
