#include "engine/cli/help.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace rp::cli {
namespace {

constexpr size_t kColumn = 28;  // where the description column starts
constexpr size_t kWidth = 110;  // where lines break

std::string number_text(double x) {
  char buf[40];
  if (x == std::floor(x) && std::abs(x) < 1e15) std::snprintf(buf, sizeof buf, "%.0f", x);
  else std::snprintf(buf, sizeof buf, "%.15g", x);
  return buf;
}

std::string metavar_of(const HelpEntry& e) {
  if (!e.metavar.empty()) return e.metavar;
  switch (e.spec->type) {
    case FieldType::Int: return "N";
    case FieldType::Number: return "X";
    case FieldType::Choice: return "NAME";
    case FieldType::Text: return "TEXT";
    case FieldType::Bool: return "";
  }
  return "";
}

std::string padded(std::string s) {
  s += s.size() + 2 <= kColumn ? std::string(kColumn - s.size(), ' ') : "\n" + std::string(kColumn, ' ');
  return s;
}

std::string default_text(const HelpEntry& e) {
  if (e.spec->type == FieldType::Bool) return e.fallback.boolean ? "on" : "off";
  if (e.fallback.is_string() && e.fallback.string.empty()) return "empty";
  return value_text(e.fallback);
}

// `text` from the description column on, broken between words before kWidth.
std::string wrapped(const std::string& text) {
  std::string out, line;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(start, end - start);
    if (!line.empty() && kColumn + line.size() + 1 + word.size() > kWidth) {
      out += line + "\n" + std::string(kColumn, ' ');
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
    start = end + 1;
  }
  return out + line + "\n";
}

// Two lines for a setting: its default and range, then what it is; one line for a path without a default.
std::string entry_text(const HelpEntry& e) {
  const FieldSpec& s = *e.spec;
  const std::string meta = metavar_of(e);
  const std::string head = padded("  " + s.flag() + (meta.empty() ? "" : " " + meta));
  if (e.fallback.is_null()) return head + wrapped(s.help);
  const bool on_switch = s.type == FieldType::Bool && e.fallback.boolean;  // turned off by --no-<name>
  const std::string line = "default " + default_text(e) +
                           (s.type == FieldType::Bool ? (on_switch ? "; a switch, off with --no-" + s.flag().substr(2) : "; a switch")
                                                      : "; " + range_text(s));
  std::string about = s.label + ": " + s.help;
  for (const auto& a : s.aliases) about += " (also --" + a + ")";
  return head + wrapped(line) + std::string(kColumn, ' ') + wrapped(about);
}

std::vector<std::string> group_order(const std::vector<HelpEntry>& entries) {
  std::vector<std::string> order = {"files"};
  for (const auto& e : entries) {
    bool seen = false;
    for (const auto& g : order) seen = seen || g == e.spec->group;
    if (!seen && e.spec->group != "run") order.push_back(e.spec->group);
  }
  order.push_back("run");
  return order;
}

}  // namespace

std::string range_text(const FieldSpec& s) {
  switch (s.type) {
    case FieldType::Int:
      if (s.min == 0 && s.max >= 1.8e19) return "0 or more";
      return number_text(s.min) + " to " + number_text(s.max);
    case FieldType::Number:
      if (s.exclusive_min) return "above " + number_text(s.min) + ", at most " + number_text(s.max);
      return number_text(s.min) + " to " + number_text(s.max);
    case FieldType::Choice:
    case FieldType::Bool: return s.expectation();
    case FieldType::Text: return "at most " + std::to_string(s.max_length) + " characters";
  }
  return "";
}

std::string verb_help(const std::string& usage, const std::string& summary, const std::vector<HelpEntry>& entries,
                      const std::string& notes) {
  std::string out = "usage: " + usage + "\n" + summary + "\n\n";
  out += "Flags have the names and bounds of the experiment JSON and the page's link (clip_norm is --clip-norm);\n"
         "a switch is on when given bare and off as --name=false.\n";
  out += "\ngeneral:\n" + padded("  --config FILE.json") +
         "an experiment JSON (as the page exports it), applied before the other flags\n" + padded("  --help, -h") +
         "this help\n";
  for (const auto& group : group_order(entries)) {
    std::string section;
    for (const auto& e : entries)
      if (e.spec->group == group) section += entry_text(e);
    if (!section.empty()) out += "\n" + (group == "files" ? std::string("input and output") : group) + ":\n" + section;
  }
  if (!notes.empty()) out += "\n" + notes + (notes.back() == '\n' ? "" : "\n");
  return out;
}

std::string listing(const std::vector<std::pair<std::string, std::string>>& rows) {
  std::string out;
  for (const auto& [name, text] : rows) {
    std::string head = "  " + name;
    head.resize(std::max<size_t>(head.size() + 2, 14), ' ');
    out += head + text + "\n";
  }
  return out;
}

}  // namespace rp::cli
