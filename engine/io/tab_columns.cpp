#include "engine/io/tab_columns.hpp"

#include <algorithm>

#include "engine/core/utf8.hpp"

namespace rp {
namespace {

constexpr size_t kMaxLineBytes = 1000;

bool is_blank(std::string_view line) { return line.find_first_not_of(' ') == std::string_view::npos; }

}  // namespace

Status parse_tab_columns(std::string_view tsv, const TabColumns& columns,
                         std::vector<std::pair<std::string, std::string>>& out) {
  out.clear();
  std::vector<std::pair<std::string, std::string>> rows;
  size_t pos = 0;
  if (tsv.substr(0, 3) == "\xEF\xBB\xBF") pos = 3;  // byte order mark from some Windows editors
  int64_t line_no = 0;
  const std::string first = columns.first, second = columns.second;
  while (pos < tsv.size()) {
    size_t end = tsv.find('\n', pos);
    if (end == std::string_view::npos) end = tsv.size();
    std::string_view line = tsv.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (is_blank(line)) continue;
    const std::string where = "line " + std::to_string(line_no) + ": ";
    if (line.size() > kMaxLineBytes)
      return Status::error(where + "longer than " + std::to_string(kMaxLineBytes) + " bytes (" +
                           std::to_string(line.size()) + ")");
    for (size_t at = 0; at < line.size();) {
      char32_t cp = 0;
      const size_t n = utf8::decode_one(line, at, cp);
      if (n == 0) return Status::error(where + "invalid UTF-8 at byte " + std::to_string(at) + " of the line");
      at += n;
    }
    const size_t tabs = size_t(std::count(line.begin(), line.end(), '\t'));
    if (tabs != 1)
      return Status::error(where + "expected exactly one tab between " + first + " and " + second + ", found " +
                           std::to_string(tabs));
    const size_t tab = line.find('\t');
    if (tab == 0) return Status::error(where + "empty " + first);
    if (tab + 1 == line.size()) return Status::error(where + "empty " + second);
    if (rows.size() == columns.max_rows)
      return Status::error(where + "more than " + std::to_string(columns.max_rows) + " " + columns.rows);
    rows.emplace_back(std::string(line.substr(0, tab)), std::string(line.substr(tab + 1)));
  }
  if (rows.empty()) return Status::error("no " + first + "<TAB>" + second + " " + columns.rows + " in the input");
  out = std::move(rows);
  return Status::ok();
}

}  // namespace rp
