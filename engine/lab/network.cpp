#include "engine/lab/network.hpp"

#include <cmath>
#include <cstdlib>

#include "engine/layers/cells/rnn.hpp"

namespace rp {
namespace {

template <template <class> class C> std::unique_ptr<Cell<float>> make_f() { return std::make_unique<C<float>>(); }
template <template <class> class C> std::unique_ptr<Cell<double>> make_d() { return std::make_unique<C<double>>(); }

// Rows for the two activations the registry does not list (they are no use to a language model).
const CellType kLinear{"rnn_linear", "linear RNN", "h = W x + U h + b", 1, {}, false, false, {}, nullptr,
                       make_f<cells::RnnLinear>, make_d<cells::RnnLinear>};
const CellType kSigmoid{"rnn_sigmoid", "sigmoid RNN", "h = sigmoid(W x + U h + b)", 1, {}, false, false, {}, nullptr,
                        make_f<cells::RnnSigmoid>, make_d<cells::RnnSigmoid>};

std::vector<std::string> activation_names() {
  std::vector<std::string> out;
  for (const LabActivation& a : lab_activations()) out.push_back(a.name);
  return out;
}

FieldTable<LabExperiment> make_fields() {
  using E = LabExperiment;
  FieldTable<E> t;
  t.add_int(FieldSpec("input_size", "input size", "model").range(1, kLabMaxSize).about("numbers in each input vector x(t)"),
            [](E& e) -> int& { return e.input_size; });
  t.add_int(FieldSpec("hidden", "hidden units", "model").range(1, kLabMaxSize).about("units in the hidden state h(t)"),
            [](E& e) -> int& { return e.hidden; });
  t.add_int(FieldSpec("output_size", "output size", "model").range(1, kLabMaxSize).about("numbers in each output y(t)"),
            [](E& e) -> int& { return e.output_size; });
  t.add_choice(FieldSpec("activation", "activation", "model").one_of(activation_names()).about("the squashing function f in h(t) = f(...)"),
               [](const E& e) { return e.activation; }, [](E& e, const std::string& name) { e.activation = name; });
  const size_t matrix_chars = 400, sequence_chars = 1600;
  t.add_text(FieldSpec("w_in", "W_in", "model").at_most_chars(matrix_chars).about("input weights, one row per hidden unit"),
             [](E& e) -> std::string& { return e.w_in; });
  t.add_text(FieldSpec("w_rec", "W_rec", "model").at_most_chars(matrix_chars).about("recurrent weights, one row per hidden unit"),
             [](E& e) -> std::string& { return e.w_rec; });
  t.add_text(FieldSpec("b_h", "b_h", "model").at_most_chars(matrix_chars).about("hidden bias, one number per hidden unit"),
             [](E& e) -> std::string& { return e.b_h; });
  t.add_text(FieldSpec("w_out", "W_out", "model").at_most_chars(matrix_chars).about("output weights, one row per output"),
             [](E& e) -> std::string& { return e.w_out; });
  t.add_text(FieldSpec("b_y", "b_y", "model").at_most_chars(matrix_chars).about("output bias, one number per output"),
             [](E& e) -> std::string& { return e.b_y; });
  t.add_text(FieldSpec("inputs", "inputs", "data").at_most_chars(sequence_chars)
                 .about("the input sequence: one vector per step, steps separated by ';'"),
             [](E& e) -> std::string& { return e.inputs; });
  return t;
}

std::string trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t')) --e;
  return std::string(s.substr(b, e - b));
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i)
    if (i == s.size() || s[i] == sep) {
      out.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  return out;
}

// A matrix of `rows` rows (rows < 0: any number from 1 to -rows) of `cols` numbers each, within the bounds.
// `what` names it for people ("W_in"), `row_word` its rows ("hidden unit").
Status parse_matrix(const std::string& text, int rows, int cols, const char* what, const char* row_word,
                    std::vector<double>& out, int& rows_read) {
  const std::vector<std::string_view> lines = split(text, ';');
  const int n = int(lines.size());
  if (rows >= 0 && n != rows)
    return Status::error(std::string(what) + " needs " + std::to_string(rows) + (rows == 1 ? " row" : " rows") + " (one per " +
                         row_word + "), got " + std::to_string(n));
  if (rows < 0 && n > -rows)
    return Status::error(std::string(what) + " has " + std::to_string(n) + " " + row_word + "s; at most " + std::to_string(-rows));
  out.clear();
  for (int r = 0; r < n; ++r) {
    const std::vector<std::string_view> items = split(lines[size_t(r)], ',');
    const std::string where = std::string(what) + (n > 1 || rows < 0 ? " " + std::string(row_word) + " " + std::to_string(r + 1) : "");
    if (int(items.size()) != cols)
      return Status::error(where + " needs " + std::to_string(cols) + (cols == 1 ? " number" : " numbers") + ", got " +
                           std::to_string(items.size()));
    for (std::string_view item : items) {
      const std::string t = trim(item);
      char* end = nullptr;
      const double x = std::strtod(t.c_str(), &end);
      if (t.empty() || *end != '\0' || !std::isfinite(x)) return Status::error(where + ": '" + t + "' is not a number");
      if (std::abs(x) > kLabMaxWeight)
        return Status::error(where + ": " + t + " is out of range (from -" + std::to_string(int(kLabMaxWeight)) + " to " +
                             std::to_string(int(kLabMaxWeight)) + ")");
      out.push_back(x);
    }
  }
  rows_read = n;
  return Status::ok();
}

}  // namespace

const std::vector<LabActivation>& lab_activations() {
  static const std::vector<LabActivation> rows = {
      {"linear", "linear", &kLinear},
      {"tanh", "tanh", find_cell("rnn_tanh")},
      {"relu", "ReLU", find_cell("rnn_relu")},
      {"sigmoid", "sigmoid", &kSigmoid},
  };
  return rows;
}

const LabActivation* find_lab_activation(std::string_view name) {
  for (const LabActivation& a : lab_activations())
    if (name == a.name) return &a;
  return nullptr;
}

const FieldTable<LabExperiment>& lab_fields() {
  static const FieldTable<LabExperiment> t = make_fields();
  return t;
}

Status lab_network(const LabExperiment& e, LabNetwork& out, std::string& field) {
  field.clear();
  for (const auto& row : lab_fields().rows()) {
    Status s = check_value(row.spec, row.get(e));
    if (!s) {
      field = row.spec.name;
      return Status::error(row.spec.label + " " + s.message());
    }
  }
  LabNetwork n;
  n.I = e.input_size;
  n.H = e.hidden;
  n.O = e.output_size;
  n.activation = find_lab_activation(e.activation);
  int rows = 0;
  auto matrix = [&](const char* name, const std::string& text, int r, int c, const char* what, const char* row_word,
                    std::vector<double>& into) {
    Status s = parse_matrix(text, r, c, what, row_word, into, rows);
    if (!s) field = name;
    return s;
  };
  RP_TRY(matrix("w_in", e.w_in, n.H, n.I, "W_in", "hidden unit", n.w_in));
  RP_TRY(matrix("w_rec", e.w_rec, n.H, n.H, "W_rec", "hidden unit", n.w_rec));
  RP_TRY(matrix("b_h", e.b_h, 1, n.H, "b_h", "row", n.b_h));
  RP_TRY(matrix("w_out", e.w_out, n.O, n.H, "W_out", "output", n.w_out));
  RP_TRY(matrix("b_y", e.b_y, 1, n.O, "b_y", "row", n.b_y));
  RP_TRY(matrix("inputs", e.inputs, -kLabMaxSteps, n.I, "inputs", "step", n.x));
  n.T = rows;
  out = std::move(n);
  return Status::ok();
}

Status parse_lab_network(std::string_view json_text, LabNetwork& out, std::string& field) {
  field.clear();
  LabExperiment e;
  json::Value root;
  Status s = json::parse(json_text, root);
  if (!s) return Status::error("config: " + s.message());
  if (!root.is_object()) return Status::error("config must be a JSON object");
  for (const auto& [key, v] : root.object) {
    const auto* row = lab_fields().find(key);
    if (!row) return Status::error("config has an unknown field '" + key + "'");
    Status set = lab_fields().set(e, *row, v, row->spec.label);
    if (!set) {
      field = key;
      return set;
    }
  }
  return lab_network(e, out, field);
}

}  // namespace rp
