// The safetensors reader on arbitrary bytes. The header-only reader accepts exactly what the full reader
// accepts, with the same names and shapes and the size parse() holds; a file it accepts passes validate(),
// and written back it reads as the same tensors and metadata, in the same bytes the second time.
#include <cstdint>
#include <cstring>

#include "engine/io/safetensors.hpp"
#include "tests/fuzz/fuzz_check.hpp"

using namespace rp;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  safetensors::File f, header;
  const bool header_ok = safetensors::parse_header(data, size, header).is_ok();
  if (!safetensors::parse(data, size, f)) {
    FUZZ_CHECK(f.tensors.empty() && f.metadata.empty(), "a refused file leaves the output empty");
    FUZZ_CHECK(!header_ok, "the header-only reader refuses it too");
    return 0;
  }
  FUZZ_CHECK(header_ok && header.tensors.size() == f.tensors.size() && header.metadata == f.metadata,
             "the header-only reader accepts it too");
  double bytes = 0;
  for (size_t i = 0; i < f.tensors.size(); ++i) {
    FUZZ_CHECK(header.tensors[i].name == f.tensors[i].name && header.tensors[i].shape == f.tensors[i].shape,
               "the same names and shapes");
    bytes += 4.0 * double(f.tensors[i].data.size());
  }
  FUZZ_CHECK(safetensors::parsed_bytes(header) == bytes, "parsed_bytes is what parse() holds");
  FUZZ_CHECK(safetensors::validate(f).is_ok(), "an accepted file is valid");
  const std::vector<uint8_t> written = safetensors::serialize(f);
  safetensors::File back;
  FUZZ_CHECK(safetensors::parse(written.data(), written.size(), back).is_ok(), "what we write, we read");
  FUZZ_CHECK(back.tensors.size() == f.tensors.size() && back.metadata == f.metadata, "same tensors and metadata");
  for (size_t i = 0; i < f.tensors.size(); ++i) {
    const auto& a = f.tensors[i];
    const auto& b = back.tensors[i];
    FUZZ_CHECK(a.name == b.name && a.shape == b.shape && a.data.size() == b.data.size(), "same tensor");
    // Bitwise: NaN payloads and negative zeros survive too.
    FUZZ_CHECK(a.data.empty() || std::memcmp(a.data.data(), b.data.data(), a.data.size() * sizeof(float)) == 0,
               "same values");
  }
  FUZZ_CHECK(safetensors::serialize(back) == written, "writing is deterministic");
  return 0;
}
