// The command line's grammar, shared by every family's verbs. Flags are named and bounded by field specs
// (engine/core/fields.hpp): the family's table for the experiment's settings, and a verb's own options
// (paths, run settings) declared the same way. Accepted: --name value, --name=value, a bare --flag for a
// Bool (true) and --flag=false; '_' and '-' are the same in a name; older spellings (aliases) work.
// Every value is checked when it is read, so an error names the flag as the user typed it.
// Native only: this folder is built into rp_cli, never into the WebAssembly module.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/fields.hpp"

namespace rp::cli {

// A verb's own flag. Its spec's group is "files" (paths and inputs) or "run" (how long, how often, how
// loud), which is where --help lists it.
struct Option {
  FieldSpec spec;
  json::Value fallback;  // the default; null when there is none (a path that was not given)
  std::string metavar;   // how --help shows the value: FILE, TEXT; empty: from the type
};
Option file_option(std::string name, std::string label, std::string help, std::string metavar = "FILE");
Option text_option(std::string name, std::string label, std::string help);
Option count_option(std::string name, std::string label, int64_t fallback, int64_t lo, int64_t hi, std::string help);
Option switch_option(std::string name, std::string label, std::string help);

// A flag the parser knows: the spec that reads it and an id the caller gives it back by.
struct Known {
  const FieldSpec* spec;
  int id;
};

// One setting read from the command line (or from --config), its value already checked against its spec.
struct Assignment {
  int id = 0;
  json::Value value;
  std::string who;       // as the user wrote it, for messages: "--clip", "'hidden' in run.json"
  std::string spelling;  // the name typed, normalised to dashes: "clip" (empty for --config fields)
};

struct CommandLine {
  std::vector<Assignment> flags;  // in command-line order
  std::string config_path;        // --config FILE.json, or empty
  bool help = false;              // --help or -h anywhere
  std::vector<std::string> notes; // one line each for stderr: how a char-rnn spelling was read
};

// Reads the arguments after the verb. `elsewhere`: flags (normalised, without dashes) that other verbs of
// the family take, so that one of them is reported as misplaced rather than unknown.
Status parse_command_line(const std::vector<std::string>& args, const std::vector<Known>& known,
                          const std::vector<std::string>& elsewhere, CommandLine& out);

// "clip_norm" and "clip-norm" are one name; the command line writes it with dashes.
std::string dashed(std::string_view name);
// The candidate nearest to `typed` when it is close enough to be a typo of it (by edit distance), else "".
std::string nearest(std::string_view typed, const std::vector<std::string>& candidates);
// " (did you mean X?)" for the nearest candidate, or "".
std::string suggestion(std::string_view typed, const std::vector<std::string>& candidates, std::string_view prefix);

// The values of a verb's own options: each at its fallback until the command line gives it.
class Values {
 public:
  Values() = default;
  explicit Values(const std::vector<Option>& options);
  void set(size_t index, json::Value v);

  bool has(std::string_view name) const;  // given on the command line
  std::string text(std::string_view name) const;
  int64_t integer(std::string_view name) const;
  bool on(std::string_view name) const;

 private:
  struct Entry {
    std::string name;
    json::Value value;
    bool given = false;
  };
  const Entry* find(std::string_view name) const;
  std::vector<Entry> entries_;
};

}  // namespace rp::cli
