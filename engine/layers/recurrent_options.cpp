#include "engine/layers/recurrent_options.hpp"

namespace rp {
namespace {

FieldTable<RecurrentOptions> make() {
  FieldTable<RecurrentOptions> t;
  t.add_number(FieldSpec("dropout", "dropout", "model").range(0, 0.9)
                   .about("probability of dropping a unit (or a recurrent weight) while training; off when evaluating and sampling"),
               [](RecurrentOptions& o) -> double& { return o.dropout.p; });
  t.add_choice(FieldSpec("dropout_kind", "dropout kind", "model").one_of(dropout_kind_names())
                   .about("where the masks go: between layers, naive (every step, recurrence too), variational (one mask per sequence) or weight (DropConnect on W_hh)"),
               [](const RecurrentOptions& o) { return std::string(dropout_kind_name(o.dropout.kind)); },
               [](RecurrentOptions& o, const std::string& name) { parse_dropout_kind(name, o.dropout.kind); });
  t.add_choice(FieldSpec("norm", "normalisation", "model").one_of(norm_names()).stored_as("norm").optional_in_meta()
                   .about("layer: normalise each step's gate pre-activations and the LSTM cell state (Ba, Kiros & Hinton)"),
               [](const RecurrentOptions& o) { return std::string(norm_name(o.norm)); },
               [](RecurrentOptions& o, const std::string& name) { o.norm = name == "layer" ? Norm::Layer : Norm::None; });
  t.add_bool(FieldSpec("bias", "biases", "model").stored_as("bias").optional_in_meta()
                 .about("the recurrent layers' bias vectors b_ih and b_hh (off: PyTorch's bias=False)"),
             [](RecurrentOptions& o) -> bool& { return o.bias; });
  return t;
}

}  // namespace

const char* norm_name(Norm n) { return n == Norm::Layer ? "layer" : "none"; }
std::vector<std::string> norm_names() { return {"none", "layer"}; }

const FieldTable<RecurrentOptions>& recurrent_option_fields() {
  static const FieldTable<RecurrentOptions> t = make();
  return t;
}

}  // namespace rp
