// A family's verbs (train, eval, sample, ...) described as data, and the runner that turns a command line
// into the family's experiment struct plus the verb's own values: defaults, then the verb's own defaults,
// then --config FILE.json, then the flags. It prints --help generated from the field tables and reports every
// error as one line on stderr with exit status 1.
#pragma once
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "engine/cli/args.hpp"
#include "engine/cli/files.hpp"
#include "engine/cli/help.hpp"

namespace rp::cli {

// How the program is called: `name` prefixes every message ("rnn", "char_rnn"), `command` starts every usage
// line ("rnn lm", "char_rnn").
struct Program {
  std::string name, command;
};

// What a verb's run receives.
template <class C> class Args {
 public:
  Args(std::string program, const FieldTable<C>& table, std::vector<Assignment> assigned, size_t from_config)
      : program(std::move(program)), table_(&table), assigned_(std::move(assigned)), from_config_(from_config) {}

  std::string program;  // the prefix of the verb's own messages on stderr
  C experiment;         // defaults, the verb's defaults, --config, then the flags
  Values options;       // the verb's own flags

  // Applies --config and the flags again over `base` (an experiment read from a checkpoint).
  void apply_to(C& base) const {
    for (const auto& a : assigned_) table_->rows()[size_t(a.id)].put(base, a.value);
  }
  // The field was set by a flag (any spelling); by a flag or by --config.
  bool from_flag(std::string_view field) const { return find(field, from_config_) != nullptr; }
  bool given(std::string_view field) const { return find(field, 0) != nullptr; }
  // A flag was typed with exactly this spelling (an alias such as "cell").
  bool spelled(std::string_view flag) const {
    for (size_t i = from_config_; i < assigned_.size(); ++i)
      if (assigned_[i].spelling == flag) return true;
    return false;
  }
  // The settings given (as written: "--hidden", "'lr' in run.json") whose value `other` has changed: what a
  // file's configuration overrides. Empty when nothing given is overridden.
  std::string overridden(const C& other) const {
    std::string out;
    for (const auto& a : assigned_) {
      const auto& row = table_->rows()[size_t(a.id)];
      if (value_text(row.get(experiment)) != value_text(row.get(other))) out += (out.empty() ? "" : ", ") + a.who;
    }
    return out;
  }

 private:
  const Assignment* find(std::string_view field, size_t first) const {
    for (size_t i = first; i < assigned_.size(); ++i)
      if (table_->rows()[size_t(assigned_[i].id)].spec.name == field) return &assigned_[i];
    return nullptr;
  }
  const FieldTable<C>* table_;
  std::vector<Assignment> assigned_;  // --config's fields first, then the flags; ids are rows of *table_
  size_t from_config_;
};

// Tells stderr which given settings a file's configuration replaces (--resume, --init), then takes the file's.
template <class C>
void take_from_file(const Args<C>& a, const C& from_file, const std::string& path, const char* what, C& e) {
  const std::string names = a.overridden(from_file);
  if (!names.empty())
    std::fprintf(stderr, "%s: note: %s come from %s, which overrides %s\n", a.program.c_str(), what, path.c_str(), names.c_str());
  e = from_file;
}

// --pairs FILE.tsv means the family's task of tab-separated lines (`pairs_kind`) over that file; a named task
// is generated from the seed. For every family that trains on a generated task or the user's own lines.
template <class C, class Kind>
Status pairs_source(const Args<C>& a, Kind& kind, Kind pairs_kind, std::string& pairs) {
  if (a.options.has("pairs")) {
    if (a.from_flag("task")) return Status::error("--task and --pairs exclude each other");
    kind = pairs_kind;
    return read_file(a.options.text("pairs"), size_t(64) << 20, pairs, "pairs file");
  }
  if (kind == pairs_kind) return Status::error("the task 'pairs' needs --pairs FILE.tsv");
  return Status::ok();
}

template <class C> struct Verb {
  std::string name;                  // "train"
  std::string summary;               // one line for the family's --help
  std::vector<std::string> groups;   // the family table's groups it takes as flags
  std::vector<std::string> fields;   // and single fields of other groups (sample's --seed)
  std::vector<Option> options;       // its own flags: files and run settings
  void (*defaults)(C&) = nullptr;    // its own defaults for family fields (documented in `notes`)
  std::string notes;                 // lines at the end of its --help
  Status (*run)(const Args<C>&) = nullptr;
};

// A family as the program's table of families sees it (family_main below fills `main`).
struct Family {
  const char* name;     // "lm": rnn lm <verb>
  const char* summary;  // one line for rnn --help and the family's own
  int (*main)(const Family& self, const Program& program, const std::vector<std::string>& args);  // args: the verb, its flags
};

// One line on stderr; returns the exit status 1.
int fail(const Program& program, const std::string& message);
// Reads and parses an experiment JSON file (its fields are checked by the family's table).
Status read_config(const std::string& path, json::Value& root);
// The family's --help: its verbs with their summaries.
std::string family_help(const Program& program, const std::string& summary,
                        const std::vector<std::pair<std::string, std::string>>& verbs);

namespace detail {
template <class C> bool takes(const Verb<C>& verb, const FieldSpec& spec) {
  for (const auto& g : verb.groups)
    if (g == spec.group) return true;
  for (const auto& f : verb.fields)
    if (f == spec.name) return true;
  return false;
}

// The family's flags `verb` does not take but a sibling does (told apart from typos in messages).
template <class C>
std::vector<std::string> elsewhere(const FieldTable<C>& table, const Verb<C>& verb, const std::vector<Verb<C>>& verbs) {
  std::vector<std::string> out;
  auto add = [&](const FieldSpec& s) {
    out.push_back(dashed(s.name));
    for (const auto& a : s.aliases) out.push_back(dashed(a));
  };
  for (const auto& other : verbs) {
    if (other.name == verb.name) continue;
    for (const auto& r : table.rows())
      if (takes(other, r.spec) && !takes(verb, r.spec)) add(r.spec);
    for (const auto& o : other.options) add(o.spec);
  }
  return out;
}

// --config's fields as assignments, once the table has accepted the whole file.
template <class C> Status config_assignments(const FieldTable<C>& table, const std::string& path, std::vector<Assignment>& out) {
  json::Value root;
  RP_TRY(read_config(path, root));
  C scratch;
  Status s = table.apply_json(root, scratch);
  if (!s) return Status::error(path + ": " + s.message());
  for (const auto& [key, value] : root.object)
    out.push_back({int(table.find(key) - table.rows().data()), value, "'" + key + "' in " + path, ""});
  return Status::ok();
}
}  // namespace detail

template <class C>
int run_verb(const Program& program, const FieldTable<C>& table, const Verb<C>& verb, const std::vector<Verb<C>>& verbs,
             const std::vector<std::string>& args) {
  C defaults;
  if (verb.defaults) verb.defaults(defaults);
  std::vector<Known> known;
  std::vector<HelpEntry> help;
  for (size_t i = 0; i < table.rows().size(); ++i) {
    const auto& row = table.rows()[i];
    if (!detail::takes(verb, row.spec)) continue;
    known.push_back({&row.spec, int(i)});
    help.push_back({&row.spec, row.get(defaults), ""});
  }
  for (size_t k = 0; k < verb.options.size(); ++k) {
    known.push_back({&verb.options[k].spec, -1 - int(k)});
    help.push_back({&verb.options[k].spec, verb.options[k].fallback, verb.options[k].metavar});
  }
  CommandLine line;
  Status s = parse_command_line(args, known, detail::elsewhere(table, verb, verbs), line);
  if (!s) return fail(program, s.message());
  for (const auto& note : line.notes) std::fprintf(stderr, "%s: %s\n", program.name.c_str(), note.c_str());
  if (line.help) {
    std::fputs(verb_help(program.command + " " + verb.name + " [flags]", verb.summary, help, verb.notes).c_str(), stdout);
    return 0;
  }
  std::vector<Assignment> assigned;
  if (!line.config_path.empty() && !(s = detail::config_assignments(table, line.config_path, assigned)))
    return fail(program, s.message());
  const size_t from_config = assigned.size();
  Values values(verb.options);
  for (auto& a : line.flags) {
    if (a.id < 0) values.set(size_t(-1 - a.id), a.value);
    else assigned.push_back(std::move(a));
  }
  Args<C> a(program.name, table, std::move(assigned), from_config);
  a.experiment = defaults;
  a.apply_to(a.experiment);
  a.options = std::move(values);
  if (!(s = verb.run(a))) return fail(program, s.message());
  return 0;
}

// `args`: the verb, then its flags.
template <class C>
int run_family(const Program& program, const std::string& summary, const FieldTable<C>& table,
               const std::vector<Verb<C>>& verbs, const std::vector<std::string>& args) {
  std::vector<std::pair<std::string, std::string>> listed;
  std::vector<std::string> names;
  for (const auto& v : verbs) listed.emplace_back(v.name, v.summary), names.push_back(v.name);
  std::string known;
  for (const auto& n : names) known += (known.empty() ? "" : ", ") + n;
  if (args.empty()) return fail(program, "no command given (" + known + "; --help for more)");
  const std::string& name = args[0];
  if (name == "--help" || name == "-h" || name == "help") {
    std::fputs(family_help(program, summary, listed).c_str(), stdout);
    return 0;
  }
  for (const auto& v : verbs)
    if (v.name == name) return run_verb(program, table, v, verbs, std::vector<std::string>(args.begin() + 1, args.end()));
  return fail(program, "unknown command '" + name + "'" + suggestion(name, names, "") + "; the verbs are " + known);
}

// A family's `main`: its table and its verbs behind the type-free Family.
template <class C, const FieldTable<C>& (*table)(), const std::vector<Verb<C>>& (*verbs)()>
int family_main(const Family& self, const Program& program, const std::vector<std::string>& args) {
  return run_family(program, self.summary, table(), verbs(), args);
}

}  // namespace rp::cli
