// Reading safetensors bytes: a strict parse that checks every size against the buffer before it reads or
// allocates anything.
#include "engine/io/safetensors.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "engine/core/json.hpp"
#include "engine/io/safetensors_detail.hpp"

namespace rp::safetensors {

namespace {

using detail::fail;
using detail::shape_text;
using detail::tensor_label;

// dtypes defined by the safetensors format that this engine recognises but does not load.
const char* const kOtherDtypes[] = {"BOOL", "U8",  "I8",  "I16", "U16", "I32",
                                    "U32",  "I64", "U64", "F8_E4M3", "F8_E5M2"};

// The floating-point dtypes read, each converted to F32 on load (PyTorch saves half-precision models as F16
// or BF16; F64 from NumPy). Values beyond float's range become infinities, which the checkpoint loader refuses.
enum class Dtype { F32, F16, BF16, F64 };
struct DtypeInfo {
  const char* name;
  Dtype dtype;
  uint64_t bytes;
};
constexpr DtypeInfo kReadDtypes[] = {{"F32", Dtype::F32, 4}, {"F16", Dtype::F16, 2}, {"BF16", Dtype::BF16, 2}, {"F64", Dtype::F64, 8}};

// IEEE 754 binary16 to binary32: every half (subnormals, infinities, NaN) is exactly a float.
float half_to_float(uint16_t h) {
  const uint32_t sign = uint32_t(h & 0x8000u) << 16;
  const uint32_t exponent = (h >> 10) & 0x1fu, mantissa = h & 0x3ffu;
  uint32_t bits;
  if (exponent == 0x1f) {
    bits = sign | 0x7f800000u | (mantissa << 13);  // infinity or NaN
  } else if (exponent != 0) {
    bits = sign | ((exponent + 112) << 23) | (mantissa << 13);  // rebias 15 -> 127
  } else if (mantissa == 0) {
    bits = sign;  // signed zero
  } else {
    // subnormal: mantissa * 2^-24, normalised as a float
    int shift = 0;
    uint32_t m = mantissa;
    while (!(m & 0x400u)) {
      m <<= 1;
      ++shift;
    }
    bits = sign | uint32_t(113 - shift) << 23 | ((m & 0x3ffu) << 13);
  }
  float f;
  std::memcpy(&f, &bits, 4);
  return f;
}

void convert(Dtype dtype, const uint8_t* src, size_t n, float* dst) {
  switch (dtype) {
    case Dtype::F32:
      std::memcpy(dst, src, n * 4);
      break;
    case Dtype::F16:
      for (size_t i = 0; i < n; ++i) {
        uint16_t h;
        std::memcpy(&h, src + 2 * i, 2);
        dst[i] = half_to_float(h);
      }
      break;
    case Dtype::BF16:
      for (size_t i = 0; i < n; ++i) {
        uint16_t h;
        std::memcpy(&h, src + 2 * i, 2);
        const uint32_t bits = uint32_t(h) << 16;  // bfloat16 is the top half of a float
        std::memcpy(dst + i, &bits, 4);
      }
      break;
    case Dtype::F64:
      for (size_t i = 0; i < n; ++i) {
        double d;
        std::memcpy(&d, src + 8 * i, 8);
        dst[i] = static_cast<float>(d);
      }
      break;
  }
}

struct Entry {
  std::string name;
  std::vector<int64_t> shape;
  int64_t numel = 0;
  uint64_t begin = 0;
  uint64_t end = 0;
  Dtype dtype = Dtype::F32;
  uint64_t element_bytes = 4;
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
  const DtypeInfo* read = nullptr;
  for (const DtypeInfo& d : kReadDtypes)
    if (dtype->string == d.name) read = &d;
  if (!read) {
    for (const char* known : kOtherDtypes) {
      if (dtype->string == known)
        return fail(who + " has dtype " + dtype->string + "; only F32, F16, BF16 and F64 are read");
    }
    return fail(who + " has unknown dtype '" + dtype->string + "'");
  }
  e.dtype = read->dtype;
  e.element_bytes = read->bytes;

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
  const uint64_t need = static_cast<uint64_t>(e.numel) * e.element_bytes;
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

// When the first 8 bytes cannot frame a header, the file is most likely of another kind (an image, a PyTorch
// .pt zip) or cut short; a learner is told which in those words before the numbers.
Status parse_into(const uint8_t* bytes, size_t size, bool with_data, File& out) {
  if (bytes == nullptr && size != 0) return fail("null buffer");
  RP_TRY(detail::check_frame(bytes, size, size));
  uint64_t header_len = 0;
  std::memcpy(&header_len, bytes, sizeof(header_len));
  const uint64_t after_prefix = static_cast<uint64_t>(size) - 8;
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
  // The tensors tile the data section exactly, as the reference loader requires: no overlap, no hole, nothing
  // after the last. Empty tensors occupy no bytes and cannot overlap anything.
  uint64_t covered_to = 0;
  const Entry* owner = nullptr;
  for (const Entry& e : entries) {
    if (e.begin == e.end) continue;
    if (owner && e.begin < covered_to) {
      return fail("tensors '" + owner->name + "' and '" + e.name + "' overlap in the data section");
    }
    if (e.begin > covered_to) {
      return fail("the data section has " + std::to_string(e.begin - covered_to) + " unused bytes before tensor '" +
                  e.name + "'");
    }
    covered_to = e.end;
    owner = &e;
  }
  if (covered_to < data_size) {
    return fail("the data section has " + std::to_string(data_size - covered_to) + " bytes after its last tensor");
  }

  // Only now allocate: every size is bounded by the data section, and non-overlap bounds the total.
  out.tensors.reserve(entries.size());
  for (Entry& e : entries) {
    Tensor t;
    t.name = std::move(e.name);
    t.shape = std::move(e.shape);
    if (!with_data) {
      out.tensors.push_back(std::move(t));
      continue;
    }
    t.data.resize(static_cast<size_t>(e.numel));
    if (e.numel > 0) convert(e.dtype, data + e.begin, static_cast<size_t>(e.numel), t.data.data());
    out.tensors.push_back(std::move(t));
  }
  return Status::ok();
}

// On failure `out` is left empty.
Status parse_checked(const uint8_t* bytes, size_t size, bool with_data, File& out) {
  File result;
  const Status s = parse_into(bytes, size, with_data, result);
  if (!s.is_ok()) {
    out = File();
    return s;
  }
  out = std::move(result);
  return Status::ok();
}

}  // namespace

namespace detail {

Status check_frame(const uint8_t* first, size_t available, uint64_t size) {
  if (size < 8) return fail("file is " + std::to_string(size) + " bytes; too short for the 8-byte header length");
  uint64_t header_len = 0;
  std::memcpy(&header_len, first, sizeof(header_len));
  if (header_len > kMaxHeaderBytes) {
    return fail("not a safetensors file: its first 8 bytes give a header length of " + std::to_string(header_len) +
                ", which exceeds the 100 MiB limit");
  }
  const uint64_t after_prefix = size - 8;
  if (header_len > after_prefix) {
    const bool json_follows = available > 8 && first[8] == '{';
    return fail(std::string(json_follows ? "the file is cut short: " : "not a safetensors file: ") + "header length " +
                std::to_string(header_len) + " is larger than the " + std::to_string(after_prefix) +
                " bytes that follow it");
  }
  return Status::ok();
}

}  // namespace detail

Status parse(const uint8_t* bytes, size_t size, File& out) { return parse_checked(bytes, size, true, out); }

Status parse_header(const uint8_t* bytes, size_t size, File& out) { return parse_checked(bytes, size, false, out); }

double parsed_bytes(const File& header) {
  double values = 0;
  for (const Tensor& t : header.tensors) values += double(std::max<int64_t>(0, t.numel()));
  return 4.0 * values;
}

}  // namespace rp::safetensors
