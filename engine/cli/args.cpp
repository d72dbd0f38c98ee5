#include "engine/cli/args.hpp"

#include <algorithm>

namespace rp::cli {
namespace {

constexpr size_t kMaxArgChars = 100000;  // a path or an --input; the family's Text fields have their own bound

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours cost 1.
size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i)
    for (size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1])});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.size()][b.size()];
}

const Known* lookup(const std::vector<Known>& known, const std::string& name) {
  for (const auto& k : known) {
    if (dashed(k.spec->name) == name) return &k;
    for (const auto& a : k.spec->aliases)
      if (dashed(a) == name) return &k;
  }
  return nullptr;
}

std::vector<std::string> spellings(const std::vector<Known>& known) {
  std::vector<std::string> out = {"config", "help"};
  for (const auto& k : known) {
    out.push_back(dashed(k.spec->name));
    for (const auto& a : k.spec->aliases) out.push_back(dashed(a));
  }
  return out;
}

// A checked value's error: a choice says "unknown <label> 'x'", a bound names the field's label too (so a
// short flag like --lr still says "learning rate").
Status value_error(const FieldSpec& spec, const std::string& who, const std::string& text, const Status& s) {
  if (spec.type == FieldType::Choice)
    return Status::error("unknown " + spec.label + " '" + text + "' (" + spec.expectation() + ")");
  const bool says_label = dashed(spec.label) == dashed(spec.name);
  return Status::error(who + " " + s.message() + (says_label ? "" : " (" + spec.label + ")"));
}

// char-rnn's (Karpathy's Lua char-rnn) flags that have a twin here, read as ours with a note; a twin of
// "" is a flag that means nothing here (its value is skipped).
struct CharRnnSpelling {
  const char* theirs;
  const char* ours;
};
constexpr CharRnnSpelling kCharRnnSpellings[] = {
    {"rnn_size", "hidden"}, {"num_layers", "layers"}, {"seq_length", "seq"}, {"batch_size", "batch"},
    {"learning_rate", "lr"}, {"model", "cell"},     {"grad_clip", "clip-value"}, {"init_from", "init"},
    {"primetext", "prime"}, {"length", "sample-len"}, {"temperature", "temperature"}, {"seed", "seed"},
    {"gpuid", ""},
};

const CharRnnSpelling* char_rnn_spelling(const std::string& arg) {
  if (arg.size() < 2 || arg[0] != '-' || arg[1] == '-') return nullptr;
  const std::string name = arg.substr(1);
  for (const auto& c : kCharRnnSpellings)
    if (name == c.theirs) return &c;
  return nullptr;
}

}  // namespace

Option file_option(std::string name, std::string label, std::string help, std::string metavar) {
  FieldSpec s(std::move(name), std::move(label), "files");
  s.type = FieldType::Text;
  s.at_most_chars(kMaxArgChars).about(std::move(help));
  return {std::move(s), json::Value::null(), std::move(metavar)};
}

Option text_option(std::string name, std::string label, std::string help) {
  return file_option(std::move(name), std::move(label), std::move(help), "TEXT");
}

Option count_option(std::string name, std::string label, int64_t fallback, int64_t lo, int64_t hi, std::string help) {
  FieldSpec s(std::move(name), std::move(label), "run");
  s.type = FieldType::Int;
  s.range(double(lo), double(hi)).about(std::move(help));
  return {std::move(s), json::Value::from_int(fallback), ""};
}

Option switch_option(std::string name, std::string label, std::string help) {
  FieldSpec s(std::move(name), std::move(label), "run");
  s.type = FieldType::Bool;
  s.about(std::move(help));
  return {std::move(s), json::Value::from_bool(false), ""};
}

std::string dashed(std::string_view name) {
  std::string out(name);
  std::replace(out.begin(), out.end(), '_', '-');
  return out;
}

std::string nearest(std::string_view typed, const std::vector<std::string>& candidates) {
  const size_t limit = std::min<size_t>(3, std::max<size_t>(1, typed.size() / 3));
  std::string best;
  size_t best_d = limit + 1;
  for (const auto& c : candidates) {
    const size_t d = edit_distance(typed, c);
    if (d < best_d) best_d = d, best = c;
  }
  return best;
}

std::string suggestion(std::string_view typed, const std::vector<std::string>& candidates, std::string_view prefix) {
  const std::string n = nearest(typed, candidates);
  return n.empty() ? "" : " (did you mean " + std::string(prefix) + n + "?)";
}

Status parse_command_line(const std::vector<std::string>& args, const std::vector<Known>& known,
                          const std::vector<std::string>& elsewhere, CommandLine& out) {
  out = CommandLine();
  for (const auto& a : args) out.help = out.help || a == "--help" || a == "-h";
  if (out.help) return Status::ok();  // help wins over any mistake next to it
  bool after_switch = false;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string arg = args[i];
    if (const CharRnnSpelling* c = char_rnn_spelling(arg)) {
      if (!*c->ours) {
        out.notes.push_back("char-rnn's " + arg + " means nothing here (training runs on the CPU); ignored");
        if (i + 1 < args.size() && !starts_with(args[i + 1], "-")) ++i;
        continue;
      }
      if (lookup(known, c->ours)) {
        out.notes.push_back("char-rnn's " + arg + " is --" + c->ours + " here");
        arg = std::string("--") + c->ours;
      }
    }
    if (!starts_with(arg, "--") || arg.size() == 2) {
      const std::string hint = after_switch ? "; a switch takes its value after '=', e.g. " + args[i - 1] + "=false" : "";
      return Status::error("unexpected argument '" + arg + "' (flags start with --" + hint + ")");
    }
    std::string typed = arg.substr(2), value;
    const size_t eq = typed.find('=');
    const bool inline_value = eq != std::string::npos;
    if (inline_value) {
      value = typed.substr(eq + 1);
      typed.resize(eq);
    }
    const std::string name = dashed(typed), who = "--" + typed;
    const Known* k = name == "config" ? nullptr : lookup(known, name);
    // --no-bias is --bias=false: a switch that is on by default is turned off by its name after "no-"
    if (!k && !inline_value && starts_with(name, "no-")) {
      const Known* negated = lookup(known, name.substr(3));
      if (negated && negated->spec->type == FieldType::Bool) {
        out.flags.push_back({negated->id, json::Value::from_bool(false), who, name.substr(3)});
        after_switch = false;
        continue;
      }
    }
    if (name != "config" && !k) {
      if (std::find(elsewhere.begin(), elsewhere.end(), name) != elsewhere.end())
        return Status::error("unknown flag " + who + " for this verb (another verb takes it; see --help)");
      return Status::error("unknown flag " + who + suggestion(name, spellings(known), "--"));
    }
    const bool is_switch = k && k->spec->type == FieldType::Bool;
    after_switch = is_switch && !inline_value;
    if (!inline_value) {
      const bool takes_dashes = k && k->spec->type == FieldType::Text;  // a --prime may start with dashes
      const bool next_is_flag = i + 1 < args.size() && starts_with(args[i + 1], "--") && !takes_dashes;
      if (is_switch) value = "true";
      else if (i + 1 >= args.size() || next_is_flag) return Status::error(who + " needs a value");
      else value = args[++i];
    }
    if (!k) {
      if (value.empty()) return Status::error("--config needs a value");
      out.config_path = value;
      continue;
    }
    json::Value v;
    Status s = parse_text(*k->spec, value, v);
    if (!s) return Status::error(who + " " + s.message());
    if (!(s = check_value(*k->spec, v))) return value_error(*k->spec, who, value, s);
    out.flags.push_back({k->id, std::move(v), who, name});
  }
  return Status::ok();
}

Values::Values(const std::vector<Option>& options) {
  for (const auto& o : options) entries_.push_back({o.spec.name, o.fallback, false});
}

void Values::set(size_t index, json::Value v) {
  entries_[index].value = std::move(v);
  entries_[index].given = true;
}

const Values::Entry* Values::find(std::string_view name) const {
  for (const auto& e : entries_)
    if (e.name == name) return &e;
  return nullptr;
}

bool Values::has(std::string_view name) const {
  const Entry* e = find(name);
  return e && e->given;
}

std::string Values::text(std::string_view name) const {
  const Entry* e = find(name);
  return e ? e->value.string : std::string();
}

int64_t Values::integer(std::string_view name) const {
  int64_t x = 0;
  if (const Entry* e = find(name)) e->value.as_int64(x);
  return x;
}

bool Values::on(std::string_view name) const {
  const Entry* e = find(name);
  return e && e->value.boolean;
}

}  // namespace rp::cli
