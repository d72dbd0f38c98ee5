// The lab's computation: the typed network run over the typed inputs by the engine's own recurrent layer
// (engine/layers/recurrent_layer.hpp) and linear layer, in double, with every intermediate kept so the page
// can show which numbers combine into h(t):
//   h(t) = f(W_in x(t) + b_h  +  W_rec h(t-1)),  h(0) = 0,   y(t) = W_out h(t) + b_y.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "engine/lab/network.hpp"

namespace rp {

struct WorkedExample {
  int I = 0, H = 0, O = 0, T = 0;
  std::vector<double> x;          // [T, I] the inputs
  std::vector<double> input_part; // [T, H] W_in x(t) + b_h
  std::vector<double> recurrent;  // [T, H] W_rec h(t-1)
  std::vector<double> pre;        // [T, H] their sum, before f
  std::vector<double> h;          // [T+1, H] h(0) = 0, then every hidden state
  std::vector<double> y;          // [T, O] every output
};

Status run_worked_example(const LabNetwork& net, WorkedExample& out);

}  // namespace rp
