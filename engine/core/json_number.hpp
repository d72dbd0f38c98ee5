// JSON number text, shared by the parser (json_parse.cpp), the writer (json_write.cpp) and Value's exact
// integer reads (json.cpp). Internal to the JSON code: not part of the json.hpp interface.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace rp::json::detail {

inline bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Checks the RFC 8259 number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
bool is_number_text(std::string_view s);

// Exact magnitude of an integral number, or false when it has a fractional part or exceeds uint64.
bool integral_magnitude(std::string_view raw, bool& negative, uint64_t& magnitude);

// strtod on NUL-terminated text, leaving the caller's errno untouched. `range_error` reports ERANGE
// (overflow: the result is +-HUGE_VAL; underflow: the result is a subnormal or a signed zero).
// Assumes the "C" locale (see json_number.cpp).
double c_strtod(const char* text, char** end, bool& range_error);

// Shortest of "%.15g", "%.16g", "%.17g" that reads back as exactly `d` (17 significant digits always
// do). `d` must be finite. The output is valid JSON number text, e.g. "0.5", "-0", "1e+20", "1e-05".
std::string shortest_double(double d);

}  // namespace rp::json::detail
