// Lines of two tab-separated columns, the user's own data of the families that learn from pairs:
// seq2seq's "source<TAB>target", the classifier's "label<TAB>text". LF or CRLF, an optional UTF-8 byte order
// mark at the start; lines that are empty or only spaces are skipped (a line with a tab is always a row).
// Errors name the 1-based line: not exactly one tab, an empty column, invalid UTF-8, more than 1000 bytes
// (without the line ending), more than max_rows rows; an input without any row is an error too. Columns are
// kept byte for byte (no trimming). On error `out` is left empty.
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/core/status.hpp"

namespace rp {

struct TabColumns {
  const char* first;   // "source": how messages name each column
  const char* second;  // "target"
  const char* rows;    // "pairs": how messages name the rows
  size_t max_rows;
};

Status parse_tab_columns(std::string_view tsv, const TabColumns& columns,
                         std::vector<std::pair<std::string, std::string>>& out);

}  // namespace rp
