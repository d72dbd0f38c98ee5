#include "engine/core/utf8.hpp"

#include <cstdint>

namespace rp::utf8 {

namespace {

bool is_continuation(unsigned char b) { return (b & 0xC0) == 0x80; }

bool is_scalar(char32_t cp) { return cp < 0xD800 || (cp > 0xDFFF && cp <= 0x10FFFF); }

// Characters that print as nothing (or move the cursor) and would make a quoted message misleading.
bool is_invisible(char32_t cp) {
  if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) return true;  // C0, DEL, C1
  if (cp == 0xAD) return true;                                // soft hyphen
  if (cp >= 0x200B && cp <= 0x200F) return true;              // zero-width chars, direction marks
  if (cp >= 0x2028 && cp <= 0x202E) return true;              // line/paragraph separators, embeddings
  if (cp >= 0x2060 && cp <= 0x206F) return true;              // word joiner, invisible operators
  if (cp == 0xFEFF) return true;                              // byte order mark
  if (cp >= 0xFFF9 && cp <= 0xFFFB) return true;              // interlinear annotation
  if (cp >= 0xE0000 && cp <= 0xE007F) return true;            // tag characters
  return false;
}

void append_hex_code(char32_t cp, std::string& out) {
  static const char kHex[] = "0123456789ABCDEF";
  out += "U+";
  // At least four digits, more only when the value needs them (U+1F600, U+10FFFF).
  int digits = 4;
  if (cp > 0xFFFF) digits = cp > 0xFFFFF ? 6 : 5;
  if (cp > 0x10FFFF) digits = 8;
  for (int i = digits - 1; i >= 0; --i) out += kHex[(static_cast<uint32_t>(cp) >> (4 * i)) & 0xF];
}

}  // namespace

size_t decode_one(std::string_view bytes, size_t pos, char32_t& cp) {
  if (pos >= bytes.size()) return 0;
  const unsigned char b0 = static_cast<unsigned char>(bytes[pos]);
  if (b0 < 0x80) {
    cp = b0;
    return 1;
  }
  size_t len;
  char32_t value;
  char32_t min;
  if (b0 >= 0xC2 && b0 <= 0xDF) {  // C0 and C1 could only start overlong 2-byte forms
    len = 2;
    value = b0 & 0x1F;
    min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3;
    value = b0 & 0x0F;
    min = 0x800;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {  // F5..FF would exceed U+10FFFF
    len = 4;
    value = b0 & 0x07;
    min = 0x10000;
  } else {
    return 0;  // stray continuation byte or invalid lead byte
  }
  if (bytes.size() - pos < len) return 0;
  for (size_t i = 1; i < len; ++i) {
    const unsigned char b = static_cast<unsigned char>(bytes[pos + i]);
    if (!is_continuation(b)) return 0;
    value = (value << 6) | (b & 0x3F);
  }
  if (value < min || !is_scalar(value)) return 0;
  cp = value;
  return len;
}

Status decode(std::string_view bytes, std::u32string& out) {
  out.clear();
  size_t pos = 0;
  while (pos < bytes.size()) {
    char32_t cp = 0;
    const size_t n = decode_one(bytes, pos, cp);
    if (n == 0) return Status::error("invalid UTF-8 at byte " + std::to_string(pos));
    out.push_back(cp);
    pos += n;
  }
  return Status::ok();
}

bool valid(std::string_view bytes) {
  size_t pos = 0;
  while (pos < bytes.size()) {
    char32_t cp = 0;
    const size_t n = decode_one(bytes, pos, cp);
    if (n == 0) return false;
    pos += n;
  }
  return true;
}

void append(char32_t cp, std::string& out) {
  if (!is_scalar(cp)) cp = 0xFFFD;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::string encode(const std::u32string& s) {
  std::string out;
  out.reserve(s.size());
  for (char32_t cp : s) append(cp, out);
  return out;
}

std::string describe(char32_t cp) {
  std::string out;
  if (is_scalar(cp) && !is_invisible(cp)) {
    out += '\'';
    append(cp, out);
    out += "' (";
    append_hex_code(cp, out);
    out += ')';
  } else {
    append_hex_code(cp, out);
  }
  return out;
}

}  // namespace rp::utf8
