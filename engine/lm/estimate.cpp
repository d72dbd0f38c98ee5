#include "engine/lm/estimate.hpp"

#include "engine/lm/session.hpp"

namespace rp {

Estimate estimate_lm(const TrainConfig& c, int vocab) {
  const CellType& cell = *c.model.cell;
  const double G = cell.blocks, H = c.model.hidden, L = c.model.layers, V = vocab, E = c.model.embed;
  const double B = c.batch, T = c.seq;
  Estimate e;
  double params = E > 0 ? V * E : 0, macs = H * V, eval = 2 * H * V, probe = 0;
  const double K = E > 0 ? E : V;  // the probe's tangent directions: one per input dimension
  for (int l = 0; l < c.model.layers; ++l) {
    const double I = l == 0 ? (E > 0 ? E : V) : H;
    params += double(recurrent_layer_params(cell, int64_t(I), int64_t(H), c.model.options));
    const double gathered = l == 0 && E == 0 ? 0 : I;  // one-hot input is a row gather, not a product
    macs += G * H * (gathered + H);
    eval += 2 * G * H * ((l == 0 ? (E > 0 ? E : 0) : H) + H);
    probe += 2 * G * H * ((l == 0 ? K : H) + H);
  }
  params += H * V + V;
  e.params = int64_t(params);
  // forward + backward (about twice the forward) + weight gradients: ~3 passes of 2 flops per MAC
  e.flops_per_step = 6 * macs * B * T;
  e.units_per_step = B * T;
  e.eval_flops_per_unit = eval;
  e.probe_flops_per_unit = probe * K;
  // parameters, gradients and optimizer state, plus the transposed copies the products read
  const double weights = params * (3 + optimizer_states(c.optim.kind));
  e.activation_bytes = 4.0 * B * T * (L * H * (4 * G + 6) + 3 * V + 2 * E);
  const double probes = double(kMaxProbeText) * (L * H * (2 * G + 6) + 3 * V);
  e.bytes = 4.0 * (weights + probes) + e.activation_bytes;
  return e;
}

}  // namespace rp
