// The cells the engine knows: one row each (engine/layers/cells/cell.hpp says what a row holds). Menus, the
// catalogue, --help and error messages list them in this order.
#include <memory>

#include "engine/layers/cells/gru.hpp"
#include "engine/layers/cells/lstm.hpp"
#include "engine/layers/cells/rnn.hpp"

namespace rp {
namespace {

template <template <class> class C> std::unique_ptr<Cell<float>> make_f() { return std::make_unique<C<float>>(); }
template <template <class> class C> std::unique_ptr<Cell<double>> make_d() { return std::make_unique<C<double>>(); }

const GateInfo kI{"i", "input gate", "sigmoid"}, kF{"f", "forget gate", "sigmoid"}, kG{"g", "candidate", "tanh"},
    kO{"o", "output gate", "sigmoid"}, kR{"r", "reset gate", "sigmoid"}, kZ{"z", "update gate", "sigmoid"},
    kN{"n", "candidate", "tanh"};

std::vector<CellType> make_rows() {
  return {
      {"rnn_tanh", "tanh RNN", "vanilla RNN, h = tanh(W x + U h + b)", 1, {}, false, false, {}, "RNN_TANH",
       make_f<cells::RnnTanh>, make_d<cells::RnnTanh>},
      {"rnn_relu", "ReLU RNN", "vanilla RNN with a rectifier, h = max(0, W x + U h + b)", 1, {}, false, false, {},
       "RNN_RELU", make_f<cells::RnnRelu>, make_d<cells::RnnRelu>},
      {"lstm", "LSTM", "long short-term memory: input, forget and output gates around a cell state", 4,
       {kI, kF, kG, kO}, true, false, {}, "LSTM", make_f<cells::LstmStandard>, make_d<cells::LstmStandard>},
      {"lstm_peephole", "peephole LSTM", "LSTM whose gates also read the cell state (Gers & Schmidhuber)", 4,
       {kI, kF, kG, kO}, true, false, {"peephole_i", "peephole_f", "peephole_o"}, nullptr,
       make_f<cells::LstmPeephole>, make_d<cells::LstmPeephole>},
      {"lstm_coupled", "coupled LSTM", "LSTM with the input gate tied to the forget gate, i = 1 - f", 3,
       {kF, kG, kO}, true, false, {}, nullptr, make_f<cells::LstmCoupled>, make_d<cells::LstmCoupled>},
      {"gru", "GRU", "gated recurrent unit: reset and update gates, no separate cell state", 3, {kR, kZ, kN}, false,
       true, {}, "GRU", make_f<cells::Gru>, make_d<cells::Gru>},
  };
}

}  // namespace

const std::vector<CellType>& cell_types() {
  static const std::vector<CellType> rows = make_rows();
  return rows;
}

const CellType* find_cell(std::string_view name) {
  for (const CellType& c : cell_types())
    if (name == c.name) return &c;
  return nullptr;
}

const CellType& default_cell() { return *find_cell("lstm"); }

std::vector<std::string> cell_name_list() {
  std::vector<std::string> out;
  for (const CellType& c : cell_types()) out.push_back(c.name);
  return out;
}

std::string cell_names() {
  std::string s;
  for (const CellType& c : cell_types()) s += (s.empty() ? "" : ", ") + std::string(c.name);
  return s;
}

}  // namespace rp
