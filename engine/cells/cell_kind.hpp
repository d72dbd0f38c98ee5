// The recurrent cells the engine knows, and the facts about each that the layers and checkpoints need.
#pragma once
#include <string>
#include <string_view>

namespace rp {

enum class CellKind { RnnTanh, RnnRelu, Lstm, LstmPeephole, LstmCoupled, Gru };

struct CellInfo {
  const char* name;     // checkpoint metadata / CLI name
  int gates;            // G: rows of weight_ih / weight_hh are G*H
  bool has_cell_state;  // LSTM family carries c(t) besides h(t)
  bool has_peepholes;   // extra diagonal weights (i, f, o) of size H each
  bool pytorch_twin;    // nn.RNN / nn.LSTM / nn.GRU computes exactly this cell
};

inline CellInfo cell_info(CellKind kind) {
  switch (kind) {
    case CellKind::RnnTanh: return {"rnn_tanh", 1, false, false, true};
    case CellKind::RnnRelu: return {"rnn_relu", 1, false, false, true};
    case CellKind::Lstm: return {"lstm", 4, true, false, true};
    case CellKind::LstmPeephole: return {"lstm_peephole", 4, true, true, false};
    case CellKind::LstmCoupled: return {"lstm_coupled", 3, true, false, false};
    case CellKind::Gru: return {"gru", 3, false, false, true};
  }
  return {"?", 0, false, false, false};
}

inline const char* cell_name(CellKind kind) { return cell_info(kind).name; }

inline bool parse_cell(std::string_view name, CellKind& out) {
  for (CellKind k : {CellKind::RnnTanh, CellKind::RnnRelu, CellKind::Lstm, CellKind::LstmPeephole,
                     CellKind::LstmCoupled, CellKind::Gru}) {
    if (name == cell_info(k).name) {
      out = k;
      return true;
    }
  }
  return false;
}

inline std::string cell_names() { return "rnn_tanh, rnn_relu, lstm, lstm_peephole, lstm_coupled, gru"; }

}  // namespace rp
