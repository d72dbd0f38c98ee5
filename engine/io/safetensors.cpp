#include "engine/io/safetensors.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>

#include "engine/core/json.hpp"
#include "engine/core/utf8.hpp"

#if defined(__unix__) || defined(__APPLE__)
#include <unistd.h>  // fsync
#define RP_HAVE_FSYNC 1
#endif

// Integers and floats are copied with memcpy in host byte order, which is only correct on little-endian
// hosts. Every target (x86-64, arm64, WebAssembly) is little-endian; refuse to build anywhere else.
#if defined(__BYTE_ORDER__) && defined(__ORDER_LITTLE_ENDIAN__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "safetensors.cpp assumes a little-endian host"
#endif
static_assert(sizeof(float) == 4 && std::numeric_limits<float>::is_iec559, "F32 must be IEEE-754 binary32");

namespace rp::safetensors {

namespace {

// dtypes defined by the safetensors format that this engine recognises but does not load.
const char* const kOtherDtypes[] = {"BOOL", "U8",  "I8",  "I16", "U16", "F16",     "BF16",
                                    "I32",  "U32", "F64", "I64", "U64", "F8_E4M3", "F8_E5M2"};

std::string tensor_label(const std::string& name) { return "tensor '" + name + "'"; }

Status fail(const std::string& msg) { return Status::error("safetensors: " + msg); }

std::string shape_text(const std::vector<int64_t>& shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i) s += ',';
    s += std::to_string(shape[i]);
  }
  return s + "]";
}

// Element count with the engine's limits applied; false when the shape is unusable.
bool checked_numel(const std::vector<int64_t>& shape, int64_t& numel) {
  if (shape.size() > static_cast<size_t>(kMaxRank)) return false;
  int64_t n = 1;
  for (int64_t d : shape) {
    if (d < 0 || d > kMaxElements) return false;
    n *= d;  // both factors are <= 2^28, so this cannot overflow
    if (n > kMaxElements) return false;
  }
  numel = n;
  return true;
}

struct Entry {
  std::string name;
  std::vector<int64_t> shape;
  int64_t numel = 0;
  uint64_t begin = 0;
  uint64_t end = 0;
};

Status parse_shape(const std::string& name, const json::Value& v, Entry& e) {
  const std::string who = tensor_label(name);
  if (!v.is_array()) return fail(who + ": \"shape\" is not an array");
  if (v.array.size() > static_cast<size_t>(kMaxRank)) {
    return fail(who + " has rank " + std::to_string(v.array.size()) + "; at most " + std::to_string(kMaxRank) +
                " dimensions are supported");
  }
  e.shape.clear();
  int64_t n = 1;
  for (size_t i = 0; i < v.array.size(); ++i) {
    const json::Value& dim = v.array[i];
    const std::string where = who + ": shape[" + std::to_string(i) + "]";
    int64_t d = 0;
    if (!dim.is_number()) return fail(where + " is not a number");
    if (!dim.as_int64(d)) {
      // as_int64 fails on fractions and on values beyond int64; tell the two apart for the message.
      if (std::fabs(dim.number) < 9.0e18) return fail(where + " is not an integer");
      if (dim.number < 0) return fail(where + " is negative");
      return fail(who + " has too many elements (limit " + std::to_string(kMaxElements) + ")");
    }
    if (d < 0) return fail(where + " is negative (" + std::to_string(d) + ")");
    if (d > kMaxElements) return fail(who + " has too many elements (limit " + std::to_string(kMaxElements) + ")");
    n *= d;  // both factors are <= 2^28
    if (n > kMaxElements) return fail(who + " has too many elements (limit " + std::to_string(kMaxElements) + ")");
    e.shape.push_back(d);
  }
  e.numel = n;
  return Status::ok();
}

Status parse_entry(const std::string& name, const json::Value& v, uint64_t data_size, Entry& e) {
  const std::string who = tensor_label(name);
  e.name = name;
  if (!v.is_object()) return fail(who + ": entry is not a JSON object");

  const json::Value* dtype = v.find("dtype");
  if (!dtype) return fail(who + " is missing \"dtype\"");
  if (!dtype->is_string()) return fail(who + ": \"dtype\" is not a string");
  if (dtype->string != "F32") {
    for (const char* known : kOtherDtypes) {
      if (dtype->string == known) return fail(who + " has dtype " + dtype->string + "; only F32 is supported");
    }
    return fail(who + " has unknown dtype '" + dtype->string + "'");
  }

  const json::Value* shape = v.find("shape");
  if (!shape) return fail(who + " is missing \"shape\"");
  RP_TRY(parse_shape(name, *shape, e));

  const json::Value* offsets = v.find("data_offsets");
  if (!offsets) return fail(who + " is missing \"data_offsets\"");
  if (!offsets->is_array() || offsets->array.size() != 2 || !offsets->array[0].as_uint64(e.begin) ||
      !offsets->array[1].as_uint64(e.end)) {
    return fail(who + ": \"data_offsets\" must be two non-negative integers");
  }
  if (e.begin > e.end) {
    return fail(who + ": data_offsets begin " + std::to_string(e.begin) + " is after end " + std::to_string(e.end));
  }
  if (e.end > data_size) {
    return fail(who + ": data_offsets end " + std::to_string(e.end) + " is beyond the data section (" +
                std::to_string(data_size) + " bytes)");
  }
  const uint64_t need = static_cast<uint64_t>(e.numel) * sizeof(float);
  if (e.end - e.begin != need) {
    return fail(who + ": data_offsets span " + std::to_string(e.end - e.begin) + " bytes but shape " +
                shape_text(e.shape) + " needs " + std::to_string(need));
  }
  return Status::ok();
}

Status parse_metadata(const json::Value& v, File& out) {
  if (!v.is_object()) return fail("\"__metadata__\" is not a JSON object");
  for (const auto& member : v.object) {
    if (!member.second.is_string()) {
      return fail("\"__metadata__\" value for key '" + member.first + "' is not a string");
    }
    out.metadata.emplace_back(member.first, member.second.string);
  }
  return Status::ok();
}

Status parse_into(const uint8_t* bytes, size_t size, File& out) {
  if (bytes == nullptr && size != 0) return fail("null buffer");
  if (size < 8) {
    return fail("file is " + std::to_string(size) + " bytes; too short for the 8-byte header length");
  }
  uint64_t header_len = 0;
  std::memcpy(&header_len, bytes, sizeof(header_len));
  if (header_len > kMaxHeaderBytes) {
    return fail("header length " + std::to_string(header_len) + " exceeds the 100 MiB limit");
  }
  const uint64_t after_prefix = static_cast<uint64_t>(size) - 8;
  if (header_len > after_prefix) {
    return fail("header length " + std::to_string(header_len) + " is larger than the " +
                std::to_string(after_prefix) + " bytes that follow it");
  }
  const size_t hlen = static_cast<size_t>(header_len);
  const std::string_view header(reinterpret_cast<const char*>(bytes + 8), hlen);
  json::Value root;
  const Status js = json::parse(header, root, kMaxHeaderValues);
  if (!js.is_ok()) return fail("header is not valid JSON: " + js.message());
  if (!root.is_object()) return fail("header is not a JSON object");

  const uint8_t* data = bytes + 8 + hlen;
  const uint64_t data_size = after_prefix - header_len;

  std::vector<Entry> entries;
  entries.reserve(root.object.size());
  for (const auto& member : root.object) {
    if (member.first == "__metadata__") {
      RP_TRY(parse_metadata(member.second, out));
      continue;
    }
    Entry e;
    RP_TRY(parse_entry(member.first, member.second, data_size, e));
    entries.push_back(std::move(e));
  }

  std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
  });
  // Empty tensors occupy no bytes and cannot overlap anything.
  uint64_t covered_to = 0;
  const Entry* owner = nullptr;
  for (const Entry& e : entries) {
    if (e.begin == e.end) continue;
    if (owner && e.begin < covered_to) {
      return fail("tensors '" + owner->name + "' and '" + e.name + "' overlap in the data section");
    }
    if (e.end > covered_to) {
      covered_to = e.end;
      owner = &e;
    }
  }

  // Only now allocate: every size is bounded by the data section, and non-overlap bounds the total.
  out.tensors.reserve(entries.size());
  for (Entry& e : entries) {
    Tensor t;
    t.name = std::move(e.name);
    t.shape = std::move(e.shape);
    t.data.resize(static_cast<size_t>(e.numel));
    if (e.numel > 0) std::memcpy(t.data.data(), data + e.begin, static_cast<size_t>(e.end - e.begin));
    out.tensors.push_back(std::move(t));
  }
  return Status::ok();
}

}  // namespace

int64_t Tensor::numel() const {
  int64_t n = 1;
  for (int64_t d : shape) {
    if (d < 0) return -1;
    if (d != 0 && n > std::numeric_limits<int64_t>::max() / d) return -1;
    n *= d;
  }
  return n;
}

const Tensor* File::find(std::string_view name) const {
  for (const Tensor& t : tensors) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

Tensor* File::find(std::string_view name) {
  for (Tensor& t : tensors) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

const std::string* File::meta(std::string_view key) const {
  for (const auto& kv : metadata) {
    if (kv.first == key) return &kv.second;
  }
  return nullptr;
}

void File::set_meta(std::string key, std::string value) {
  for (auto& kv : metadata) {
    if (kv.first == key) {
      kv.second = std::move(value);
      return;
    }
  }
  metadata.emplace_back(std::move(key), std::move(value));
}

Tensor& File::add(std::string name, std::vector<int64_t> shape, std::vector<float> data) {
  Tensor t;
  t.name = std::move(name);
  t.shape = std::move(shape);
  t.data = std::move(data);
  tensors.push_back(std::move(t));
  return tensors.back();
}

Status validate(const File& f) {
  std::vector<std::string_view> names;
  names.reserve(f.tensors.size());
  for (const Tensor& t : f.tensors) {
    const std::string who = tensor_label(t.name);
    if (t.name == "__metadata__") return fail("a tensor may not be named \"__metadata__\"");
    if (!utf8::valid(t.name)) return fail("a tensor name is not valid UTF-8");
    int64_t n = 0;
    if (!checked_numel(t.shape, n)) {
      return fail(who + " has an unsupported shape " + shape_text(t.shape) + " (rank <= " +
                  std::to_string(kMaxRank) + ", dims >= 0, at most " + std::to_string(kMaxElements) +
                  " elements)");
    }
    if (t.data.size() != static_cast<size_t>(n)) {
      return fail(who + " has " + std::to_string(t.data.size()) + " values but shape " + shape_text(t.shape) +
                  " needs " + std::to_string(n));
    }
    names.push_back(t.name);
  }
  std::sort(names.begin(), names.end());
  for (size_t i = 1; i < names.size(); ++i) {
    if (names[i] == names[i - 1]) return fail("duplicate tensor name '" + std::string(names[i]) + "'");
  }
  std::vector<std::string_view> keys;
  keys.reserve(f.metadata.size());
  for (const auto& kv : f.metadata) {
    if (!utf8::valid(kv.first) || !utf8::valid(kv.second)) {
      return fail("metadata key or value is not valid UTF-8");
    }
    keys.push_back(kv.first);
  }
  std::sort(keys.begin(), keys.end());
  for (size_t i = 1; i < keys.size(); ++i) {
    if (keys[i] == keys[i - 1]) return fail("duplicate metadata key '" + std::string(keys[i]) + "'");
  }
  return Status::ok();
}

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

Status parse(const uint8_t* bytes, size_t size, File& out) {
  File result;
  const Status s = parse_into(bytes, size, result);
  if (!s.is_ok()) {
    out = File();
    return s;
  }
  out = std::move(result);
  return Status::ok();
}

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
