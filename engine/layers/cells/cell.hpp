// A recurrent cell: the pointwise math of one time step, between the matrix products its layer does.
// For every step t and stream b the layer (engine/layers/recurrent_layer.hpp) computes
//   input projection      xa = W_ih x(t) + b_ih   (+ b_hh, unless the row says separate_recurrent)
//   recurrent projection  ha = W_hh h(t-1)        (+ b_hh when separate_recurrent)
// and hands the cell their sum in `gates`, or both apart when separate_recurrent (GRU: the recurrent
// product sits inside the reset gate). The cell turns them into h(t) (and c(t)), saving what backward needs;
// backward returns the gradients of both projections and lets the layer do the products again.
//
// A new cell is one file with a class derived from Cell<T> and one row in registry.cpp (a CellType): the
// layers, checkpoints, command line, catalogue and page learn everything else from the row.
#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace rp {

// One step of B rows: the saved quantities forward writes and backward and tangent read.
template <class T> struct CellStep {
  int B = 0, H = 0;
  int t = 0;                    // the step's index in its window (time-dependent cells)
  T* gates = nullptr;           // [B, G*H] pre-activations in, post-activations out
  T* hp = nullptr;              // [B, G*H] recurrent projection (separate_recurrent only)
  const T* h_prev = nullptr;    // [B, H]
  T* h = nullptr;               // [B, H] out
  const T* c_prev = nullptr;    // [B, H] cell state (cell_state only)
  T* c = nullptr;               // [B, H] out
  T* tc = nullptr;              // [B, H] tanh(c), saved (cell_state only)
  const T* const* extra = nullptr;  // the row's extra parameters' values, in row order, [H] each
  // norm=layer, cells with a cell state: tanh reads gain * LN(c(t)) + shift instead of c(t)
  // (engine/layers/layer_norm.hpp); null otherwise.
  const T* ln_gain = nullptr;   // [H]
  const T* ln_shift = nullptr;  // [H]
  T* c_hat = nullptr;           // [B, H] the normalised c(t), saved
  T* c_rstd = nullptr;          // [B]    its 1 / standard deviation, saved
};

// Backward of one step. The layer then adds d(recurrent projection) W_hh into dh_prev.
template <class T> struct CellGrads {
  const T* dh = nullptr;        // [B, H] dL/dh(t)
  T* dc = nullptr;              // [B, H] dL/dc(t) in, dL/dc(t-1) out (cell_state only)
  T* dgates = nullptr;          // [B, G*H] out: dL/d(input projection); also the recurrent one unless separate
  T* dhp = nullptr;             // [B, G*H] out: dL/d(recurrent projection) (separate_recurrent only)
  T* dh_prev = nullptr;         // [B, H] out: dL/dh(t-1) along paths that skip W_hh (zeros for most cells)
  T* const* dextra = nullptr;   // [H] each: gradients of the extra parameters, accumulated
  T* d_ln_gain = nullptr;       // [H] gradients of CellStep's ln_gain and ln_shift, accumulated (norm=layer)
  T* d_ln_shift = nullptr;
};

// Forward-mode derivative of one step for the single probe stream (B = 1), K tangent directions.
template <class T> struct CellTangents {
  int K = 0;
  T* da = nullptr;              // [K, G*H] tangent of gates' pre-activations (input part, plus the
                                //          recurrent part unless separate_recurrent); the cell may overwrite
  const T* dhp = nullptr;       // [K, G*H] tangent of the recurrent projection (separate_recurrent only)
  const T* dh_prev = nullptr;   // [K, H] tangent of h(t-1)
  T* dc = nullptr;              // [K, H] tangent of c(t-1) in, of c(t) out (cell_state only)
  T* dh = nullptr;              // [K, H] out: tangent of h(t)
};

template <class T> class Cell {
 public:
  virtual ~Cell() = default;
  virtual void forward(const CellStep<T>& s) const = 0;
  virtual void backward(const CellStep<T>& s, const CellGrads<T>& g) const = 0;
  virtual void tangent(const CellStep<T>& s, const CellTangents<T>& d) const = 0;
};

// What a gate block is, for introspection and the page's views.
struct GateInfo {
  const char* letter;  // "i", "f", ...: the heatmap source and PyTorch's gate order
  const char* label;   // "input gate"
  const char* squash;  // "sigmoid" or "tanh": the range the page draws it on
};

// One registry row: everything the rest of the engine and the page need to know about a cell.
struct CellType {
  const char* name;                 // checkpoint metadata, command line, JSON and links
  const char* label;                // for people: "LSTM"
  const char* summary;              // one line for --help and the page
  int blocks;                       // G: the weights stack G blocks of H rows ([G*H, I], [G*H, H])
  std::vector<GateInfo> gates;      // the named gate blocks in stacked order (empty: the block is h itself)
  bool cell_state;                  // carries c(t) besides h(t)
  bool separate_recurrent;          // keep W_hh h + b_hh apart from the input projection (GRU)
  std::vector<const char*> extras;  // extra [H] parameters, named {prefix}{extra}_l{k}: peephole diagonals
  const char* pytorch;              // the nn.RNN/LSTM/GRU that computes exactly this cell, or nullptr
  std::unique_ptr<Cell<float>> (*make_float)();
  std::unique_ptr<Cell<double>> (*make_double)();

  template <class T> std::unique_ptr<Cell<T>> make() const;
};

template <> inline std::unique_ptr<Cell<float>> CellType::make<float>() const { return make_float(); }
template <> inline std::unique_ptr<Cell<double>> CellType::make<double>() const { return make_double(); }

// The registry (registry.cpp), in the order menus list them.
const std::vector<CellType>& cell_types();
// The row named `name`, or nullptr.
const CellType* find_cell(std::string_view name);
// The row every family uses by default (LSTM).
const CellType& default_cell();
// "rnn_tanh, rnn_relu, ..." for messages, and the same names as a list (a field's choices).
std::string cell_names();
std::vector<std::string> cell_name_list();

}  // namespace rp
