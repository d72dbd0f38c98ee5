// --help text generated from field specs: every flag with its default, its range or choices and its help,
// grouped as the tables group them. Nothing here is written per flag.
#pragma once
#include <string>
#include <vector>

#include "engine/core/fields.hpp"

namespace rp::cli {

struct HelpEntry {
  const FieldSpec* spec;
  json::Value fallback;  // the default this verb starts from (null: none)
  std::string metavar;   // empty: from the type (N, X, NAME, TEXT)
};

// usage line, summary, the general flags (--config, --help), then one section per group: files first, the
// family's groups in table order, run settings last; then `notes`.
std::string verb_help(const std::string& usage, const std::string& summary, const std::vector<HelpEntry>& entries,
                      const std::string& notes);

// "0 to 0.5", "1 to 2048", "above 0, at most 10", "one of lstm, gru", "0 or more", ...
std::string range_text(const FieldSpec& spec);

// A two-column list: "  name      text" per row (verbs of a family, families of rnn).
std::string listing(const std::vector<std::pair<std::string, std::string>>& rows);

}  // namespace rp::cli
