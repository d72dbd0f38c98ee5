// The settings every recurrent layer offers whatever its family: dropout (engine/layers/dropout.hpp),
// layer normalisation and whether its projections have biases. One field table, which each family's model table includes, so the
// command line (--dropout, --dropout-kind, --no-bias), the experiment JSON, the links and the page's controls
// of every family come from here.
#pragma once
#include "engine/core/fields.hpp"
#include "engine/layers/dropout.hpp"

namespace rp {

// norm=layer (Ba, Kiros & Hinton 2016): every step, the input projection W_ih x and the recurrent projection
// W_hh h(t-1) are each layer-normalised per gate block and scaled by a gain before the biases are added, and a
// cell state is normalised (gain and shift) before its tanh. Parameters, beside PyTorch's names:
//   {prefix}ln_ih_weight_l{k} [G*H]   {prefix}ln_hh_weight_l{k} [G*H]   (gains, starting at 1)
//   {prefix}ln_c_weight_l{k} [H]      {prefix}ln_c_bias_l{k} [H]        (cells with a cell state; 1 and 0)
enum class Norm { None, Layer };

struct RecurrentOptions {
  DropoutConfig dropout;
  Norm norm = Norm::None;
  bool bias = true;  // false: no b_ih, b_hh (PyTorch's bias=False; the checkpoint has no bias tensors)
};

const char* norm_name(Norm n);
std::vector<std::string> norm_names();

// dropout, dropout_kind, norm, bias (group "model"; norm and bias are checkpoint metadata "norm" and "bias",
// read as none and true from a file that has neither).
const FieldTable<RecurrentOptions>& recurrent_option_fields();

}  // namespace rp
