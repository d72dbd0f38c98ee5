// Field tables: every setting of a model family declared once, with its one name, label, bounds and default,
// and bound to where it lives in the family's experiment struct. One table drives
//   the experiment JSON (write and parse; the page's configuration, `--config FILE`, checkpoint metadata),
//   the command line (--name-with-dashes flags, their --help with defaults and ranges),
//   the checkpoint's model metadata (fields with a `meta` key, e.g. hidden -> "hidden_size"),
//   validation of configurations built in code, and
//   the page's link fields (exported in the catalogue, so a link is decoded by the same bounds).
// Defaults come from a default-constructed experiment, so they are written nowhere else either.
#pragma once
#include <cmath>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/json.hpp"
#include "engine/core/status.hpp"

namespace rp {

enum class FieldType { Int, Number, Bool, Choice, Text };

// One setting. Built fluently: FieldSpec("hidden", "hidden size", "model").range(1, 2048).about("...");
// the table's add_* sets the type.
struct FieldSpec {
  FieldSpec(std::string name_, std::string label_, std::string group_)
      : name(std::move(name_)), label(std::move(label_)), group(std::move(group_)) {}

  std::string name;    // JSON and link key; the command-line flag is --name with '-' for '_'
  std::string label;   // for people: "hidden size"
  std::string group;   // what it belongs to: data, model, train, sample, decode
  FieldType type = FieldType::Int;
  double min = 0, max = 0;            // Int, Number: the bounds (inclusive unless exclusive_min)
  bool exclusive_min = false;
  std::vector<std::string> choices;   // Choice: the names allowed, from a registry
  size_t max_length = 0;              // Text: at most this many characters (code points)
  std::string help;                   // one sentence for --help and the page
  std::string meta;                   // checkpoint metadata key of a model field, or empty
  bool meta_optional = false;         // a file without the key keeps the default (fields added later)
  std::vector<std::string> aliases;   // older command-line spellings that still work
  std::string page_default;           // JSON text of the page's own default when it differs, or empty

  FieldSpec& range(double lo, double hi) { min = lo; max = hi; return *this; }
  FieldSpec& above(double lo, double hi) { min = lo; max = hi; exclusive_min = true; return *this; }
  FieldSpec& one_of(std::vector<std::string> names) { choices = std::move(names); return *this; }
  FieldSpec& at_most_chars(size_t n) { max_length = n; return *this; }
  FieldSpec& about(std::string text) { help = std::move(text); return *this; }
  FieldSpec& stored_as(std::string key) { meta = std::move(key); return *this; }
  FieldSpec& optional_in_meta() { meta_optional = true; return *this; }
  FieldSpec& alias(std::string old) { aliases.push_back(std::move(old)); return *this; }
  FieldSpec& page(std::string json_default) { page_default = std::move(json_default); return *this; }

  std::string flag() const;           // "--clip-norm"
  // "an integer between 1 and 4", "a number above 0 and at most 10", "one of lstm, gru", ...
  std::string expectation() const;
};

// Checks one value against its spec. The message completes "<who> must ...", e.g. "must be between 1 and 4
// (number of layers), got 9"; the caller names the field its own way (a flag, a JSON key, a label).
Status check_value(const FieldSpec& spec, const json::Value& v);
// Reads a command-line or metadata string as a value of the spec's type ("3", "0.5", "true", "gru").
Status parse_text(const FieldSpec& spec, std::string_view text, json::Value& out);
// The text form of a value: what a metadata entry or a command line holds.
std::string value_text(const json::Value& v);

template <class C> class FieldTable {
 public:
  struct Row {
    FieldSpec spec;
    std::function<json::Value(const C&)> get;
    std::function<void(C&, const json::Value&)> put;  // the value has passed check_value
  };

  FieldSpec& add_int(FieldSpec s, int& (*ref)(C&)) {
    s.type = FieldType::Int;
    return add(std::move(s), [ref](const C& c) { return json::Value::from_int(ref(const_cast<C&>(c))); },
               [ref](C& c, const json::Value& v) {
                 int64_t x = 0;
                 v.as_int64(x);
                 ref(c) = int(x);
               });
  }
  FieldSpec& add_uint64(FieldSpec s, uint64_t& (*ref)(C&)) {
    s.type = FieldType::Int;
    return add(std::move(s), [ref](const C& c) { return json::Value::from_uint(ref(const_cast<C&>(c))); },
               [ref](C& c, const json::Value& v) {
                 uint64_t x = 0;
                 v.as_uint64(x);
                 ref(c) = x;
               });
  }
  FieldSpec& add_number(FieldSpec s, double& (*ref)(C&)) {
    s.type = FieldType::Number;
    return add(std::move(s), [ref](const C& c) { return json::Value::from_double(ref(const_cast<C&>(c))); },
               [ref](C& c, const json::Value& v) { ref(c) = v.number; });
  }
  FieldSpec& add_bool(FieldSpec s, bool& (*ref)(C&)) {
    s.type = FieldType::Bool;
    return add(std::move(s), [ref](const C& c) { return json::Value::from_bool(ref(const_cast<C&>(c))); },
               [ref](C& c, const json::Value& v) { ref(c) = v.boolean; });
  }
  FieldSpec& add_text(FieldSpec s, std::string& (*ref)(C&)) {
    s.type = FieldType::Text;
    return add(std::move(s), [ref](const C& c) { return json::Value::from_string(ref(const_cast<C&>(c))); },
               [ref](C& c, const json::Value& v) { ref(c) = v.string; });
  }
  // A name from a registry: get returns the current name, set stores the named entry (a name in
  // spec.choices always resolves).
  FieldSpec& add_choice(FieldSpec s, std::string (*get)(const C&), void (*set)(C&, const std::string&)) {
    s.type = FieldType::Choice;
    return add(std::move(s), [get](const C& c) { return json::Value::from_string(get(c)); },
               [set](C& c, const json::Value& v) { set(c, v.string); });
  }

  // The rows of a table over a part of C (an optimizer's settings inside an experiment), reached by `part`.
  template <class P> void include(const FieldTable<P>& table, P& (*part)(C&)) {
    for (const auto& r : table.rows())
      rows_.push_back({r.spec, [g = r.get, part](const C& c) { return g(part(const_cast<C&>(c))); },
                       [p = r.put, part](C& c, const json::Value& v) { p(part(c), v); }});
  }

  // Where this family's page starts a field it included from a shared table (the char LM's page trains at a
  // higher learning rate than its command line's default).
  void set_page_default(std::string_view name, std::string json_default) {
    for (auto& r : rows_)
      if (r.spec.name == name) r.spec.page_default = std::move(json_default);
  }

  const std::vector<Row>& rows() const { return rows_; }
  const Row* find(std::string_view name) const {
    for (const auto& r : rows_)
      if (r.spec.name == name) return &r;
    return nullptr;
  }

  // Sets one field from a value, checking it; the message names the field as `who` would.
  Status set(C& c, const Row& row, const json::Value& v, const std::string& who) const {
    Status s = check_value(row.spec, v);
    if (!s) return Status::error(who + " " + s.message());
    row.put(c, v);
    return Status::ok();
  }

  // Every field of `c` within its bounds (for configurations built in code or read from a file).
  Status check(const C& c) const {
    for (const auto& r : rows_) {
      Status s = check_value(r.spec, r.get(c));
      if (!s) return Status::error(r.spec.label + " " + s.message());
    }
    return Status::ok();
  }

  // {"name": value, ...} of the fields in `groups` (all when empty), in table order.
  json::Value to_value(const C& c, const std::vector<std::string>& groups = {}) const {
    json::Value o = json::Value::make_object();
    for (const auto& r : rows_)
      if (in(r.spec.group, groups)) o.object.emplace_back(r.spec.name, r.get(c));
    return o;
  }
  std::string to_json(const C& c, const std::vector<std::string>& groups = {}) const {
    return json::dump(to_value(c, groups));
  }

  // Applies a JSON object over `c`: missing fields keep their values; an unknown field, a wrong type or a
  // value out of bounds is refused with the field's name.
  Status apply_json(const json::Value& root, C& c) const {
    if (!root.is_object()) return Status::error("config must be a JSON object");
    for (const auto& [key, v] : root.object) {
      const Row* r = find(key);
      if (!r) return Status::error("config has an unknown field '" + key + "'");
      RP_TRY(set(c, *r, v, "config field '" + key + "' (" + r->spec.label + ")"));
    }
    return Status::ok();
  }
  Status apply_json(std::string_view text, C& c) const {
    json::Value root;
    Status s = json::parse(text, root);
    if (!s) return Status::error("config: " + s.message());
    return apply_json(root, c);
  }

  // A whole experiment from JSON: defaults, the JSON over them, then the family's own checks (cross-field
  // rules); `out` is only written when all of that passed.
  Status parse(std::string_view text, C& out, Status (*validate)(const C&)) const {
    C c{};
    RP_TRY(apply_json(text, c));
    RP_TRY(validate(c));
    out = c;
    return Status::ok();
  }

  // The catalogue's description of every field, with defaults read from `defaults`.
  json::Value describe(const C& defaults) const;

 private:
  static bool in(const std::string& group, const std::vector<std::string>& groups) {
    if (groups.empty()) return true;
    for (const auto& g : groups)
      if (g == group) return true;
    return false;
  }
  FieldSpec& add(FieldSpec s, std::function<json::Value(const C&)> get, std::function<void(C&, const json::Value&)> put) {
    rows_.push_back({std::move(s), std::move(get), std::move(put)});
    return rows_.back().spec;
  }

  std::vector<Row> rows_;
};

// The random seed every family has: the whole run follows from it.
FieldSpec seed_field();

// One field's catalogue entry (the page's link table is built from these).
json::Value describe_field(const FieldSpec& spec, const json::Value& default_value);

template <class C> json::Value FieldTable<C>::describe(const C& defaults) const {
  json::Value list = json::Value::make_array();
  for (const auto& r : rows_) list.array.push_back(describe_field(r.spec, r.get(defaults)));
  return list;
}

}  // namespace rp
