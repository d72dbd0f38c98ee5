#include "engine/lab/worked_example.hpp"

#include <algorithm>

#include "engine/core/kernels.hpp"
#include "engine/layers/linear.hpp"
#include "engine/layers/recurrent_layer.hpp"

namespace rp {
namespace {

// W [rows, cols] -> W^T [cols, rows]: the products below stream the weights by rows.
std::vector<double> transposed(const std::vector<double>& w, int rows, int cols) {
  std::vector<double> t(w.size());
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c) t[size_t(c * rows + r)] = w[size_t(r * cols + c)];
  return t;
}

}  // namespace

Status run_worked_example(const LabNetwork& net, WorkedExample& out) {
  const int I = net.I, H = net.H, O = net.O, T = net.T;
  if (I < 1 || I > kLabMaxSize || H < 1 || H > kLabMaxSize || O < 1 || O > kLabMaxSize)
    return Status::error("the lab's sizes must each be between 1 and " + std::to_string(kLabMaxSize));
  if (T < 1 || T > kLabMaxSteps) return Status::error("the lab needs 1 to " + std::to_string(kLabMaxSteps) + " input steps");
  if (!net.activation) return Status::error("the lab needs an activation");
  if (net.w_in.size() != size_t(H * I) || net.w_rec.size() != size_t(H * H) || net.b_h.size() != size_t(H) ||
      net.w_out.size() != size_t(O * H) || net.b_y.size() != size_t(O) || net.x.size() != size_t(T * I))
    return Status::error("the lab's matrices do not match its sizes");

  ParamStore<double> store;
  RecurrentLayer<double> layer(*net.activation->cell, I, H, 0, "rnn.", store);
  Linear<double> head(H, O, "head.", store);
  store.allocate();
  // One hidden bias: it sits in b_ih, and b_hh stays zero.
  std::copy(net.w_in.begin(), net.w_in.end(), store.value(store.find("rnn.weight_ih_l0")));
  std::copy(net.w_rec.begin(), net.w_rec.end(), store.value(store.find("rnn.weight_hh_l0")));
  std::copy(net.b_h.begin(), net.b_h.end(), store.value(store.find("rnn.bias_ih_l0")));
  std::fill_n(store.value(store.find("rnn.bias_hh_l0")), H, 0.0);
  std::copy(net.w_out.begin(), net.w_out.end(), store.value(head.weight_id()));
  std::copy(net.b_y.begin(), net.b_y.end(), store.value(head.bias_id()));
  layer.prepare();
  head.prepare();

  LayerBuffers<double> buf;
  layer.resize(buf, T, 1);
  std::fill(buf.h.begin(), buf.h.end(), 0.0);
  LayerInput<double> in;
  in.dense = net.x.data();
  layer.forward(in, T, buf);

  WorkedExample r;
  r.I = I, r.H = H, r.O = O, r.T = T;
  r.x = net.x;
  r.h.assign(buf.h.begin(), buf.h.begin() + (T + 1) * H);
  r.y.resize(size_t(T * O));
  head.forward(T, r.h.data() + H, H, r.y.data(), O);
  // The two parts of the pre-activation, for the page's table: the layer summed them inside its step.
  r.input_part.resize(size_t(T * H));
  r.recurrent.resize(size_t(T * H));
  for (int t = 0; t < T; ++t)
    for (int j = 0; j < H; ++j) r.input_part[size_t(t * H + j)] = net.b_h[size_t(j)];
  simd::gemm(T, H, I, net.x.data(), I, 1, transposed(net.w_in, H, I).data(), H, r.input_part.data(), H, true);
  simd::gemm(T, H, H, r.h.data(), H, 1, transposed(net.w_rec, H, H).data(), H, r.recurrent.data(), H, false);
  r.pre.resize(size_t(T * H));
  for (size_t k = 0; k < r.pre.size(); ++k) r.pre[k] = r.input_part[k] + r.recurrent[k];
  out = std::move(r);
  return Status::ok();
}

}  // namespace rp
