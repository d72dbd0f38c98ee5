// Strict UTF-8 decoding and encoding. Training text, vocabularies and file headers all pass through
// here, so malformed input is refused with the byte offset instead of being silently repaired.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

#include "engine/core/status.hpp"

namespace rp::utf8 {

// Decodes one code point starting at bytes[pos]. Returns the number of bytes consumed (1..4), or 0 when
// the sequence there is not strict UTF-8 (overlong, surrogate, above U+10FFFF, truncated, stray byte).
size_t decode_one(std::string_view bytes, size_t pos, char32_t& cp);

// Strict decode of a whole buffer. On failure `out` holds the code points decoded before the error and
// the message names the byte offset, e.g. "invalid UTF-8 at byte 17".
Status decode(std::string_view bytes, std::u32string& out);

// True when the whole buffer is strict UTF-8.
bool valid(std::string_view bytes);

// Encodes one code point. Values that are not Unicode scalar values (surrogates, above U+10FFFF) are
// written as U+FFFD so the output is always valid UTF-8.
void append(char32_t cp, std::string& out);

std::string encode(const std::u32string& s);

// Human-readable form for error messages: printable characters as themselves in quotes plus their code
// ("'a' (U+0061)"), invisible ones (controls, format characters, non-scalars) only as "U+000A".
std::string describe(char32_t cp);

}  // namespace rp::utf8
