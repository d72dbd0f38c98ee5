// The worked-example lab's network (engine/lab): a recurrent network small enough to compute by hand, with
// weights the user types. Its field table (engine/core/fields.hpp) is the one place each setting is named
// and bounded; the matrices travel as text, rows separated by ';' and numbers by ',' ("1,1;1,1"), so the
// page's link, the experiment JSON and the tests all write them the same way. Example (every field optional):
//   {"input_size":2,"hidden":2,"output_size":2,"activation":"linear","w_in":"1,1;1,1","w_rec":"1,1;1,1",
//    "b_h":"0,0","w_out":"1,1;1,1","b_y":"0,0","inputs":"1,1;1,1;2,2"}
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/fields.hpp"
#include "engine/layers/cells/cell.hpp"

namespace rp {

constexpr int kLabMaxSize = 4;     // inputs, hidden units and outputs each
constexpr int kLabMaxSteps = 16;   // input vectors in the sequence
constexpr double kLabMaxWeight = 100;  // |every typed number|

struct LabExperiment {
  int input_size = 2, hidden = 2, output_size = 2;
  std::string activation = "linear";
  // The lectures' example: every weight 1, no bias, inputs [1,1], [1,1], [2,2].
  std::string w_in = "1,1;1,1";    // [H, I]
  std::string w_rec = "1,1;1,1";   // [H, H]
  std::string b_h = "0,0";         // [H]
  std::string w_out = "1,1;1,1";   // [O, H]
  std::string b_y = "0,0";         // [O]
  std::string inputs = "1,1;1,1;2,2";  // [T, I]
};

// An activation the lab offers, as the recurrent layer runs it: a vanilla RNN cell row.
struct LabActivation {
  const char* name;   // "linear"
  const char* label;  // "linear"
  const CellType* cell;
};
const std::vector<LabActivation>& lab_activations();
const LabActivation* find_lab_activation(std::string_view name);

const FieldTable<LabExperiment>& lab_fields();

// The network's numbers, parsed and shaped (row-major), with T the number of input vectors.
struct LabNetwork {
  int I = 0, H = 0, O = 0, T = 0;
  const LabActivation* activation = nullptr;
  std::vector<double> w_in, w_rec, b_h, w_out, b_y, x;
};

// Parses an experiment's JSON into its numbers. On failure `field` names the setting at fault (its JSON
// name, so the page can say it under that control) and the message names it for people.
Status parse_lab_network(std::string_view json_text, LabNetwork& out, std::string& field);
Status lab_network(const LabExperiment& e, LabNetwork& out, std::string& field);

}  // namespace rp
