// GRU, one time step over B rows, PyTorch's convention (Cho et al.; gate order r, z, n, b_hn inside the
// reset product):
//   r = s(xr + hr)   z = s(xz + hz)   n = tanh(xn + r * hn)   h(t) = (1 - z) * n + z * h(t-1)
// where x* = W_i* x + b_i* and h* = W_h* h(t-1) + b_h* are the two projections, kept apart because of hn.
#pragma once
#include "engine/kernels.hpp"

namespace rp::gru_cell {

// xa: [B, 3H] input projection in, gates r, z, n out (in place). hp: [B, 3H] recurrent projection.
template <class T> void forward(int B, int H, T* xa, const T* hp, const T* h_prev, T* h) {
  for (int b = 0; b < B; ++b) {
    T* a = xa + b * 3 * H;
    const T* p = hp + b * 3 * H;
    for (int j = 0; j < 2 * H; ++j) a[j] += p[j];
    simd::sigmoid(a, a, 2 * H);
    for (int j = 0; j < H; ++j) a[2 * H + j] += a[j] * p[2 * H + j];
    simd::tanh(a + 2 * H, a + 2 * H, H);
    const T* hp_b = h_prev + b * H;
    T* hb = h + b * H;
    for (int j = 0; j < H; ++j) {
      const T z = a[H + j];
      hb[j] = (T(1) - z) * a[2 * H + j] + z * hp_b[j];
    }
  }
}

// dh: [B, H] gradient w.r.t. h(t). Outputs: dx [B, 3H] w.r.t. the input projection, dhp [B, 3H] w.r.t. the
// recurrent projection, dh_prev [B, H] = the direct path dh * z (the layer adds dhp * W_hh).
template <class T>
void backward(int B, int H, const T* gates, const T* hp, const T* h_prev, const T* dh, T* dx, T* dhp,
              T* dh_prev) {
  for (int b = 0; b < B; ++b) {
    const T* a = gates + b * 3 * H;
    const T* p = hp + b * 3 * H;
    const T* hpb = h_prev + b * H;
    const T* dhb = dh + b * H;
    T* x = dx + b * 3 * H;
    T* q = dhp + b * 3 * H;
    for (int j = 0; j < H; ++j) {
      const T r = a[j], z = a[H + j], n = a[2 * H + j];
      const T da_n = dhb[j] * (T(1) - z) * (T(1) - n * n);
      const T da_r = da_n * p[2 * H + j] * r * (T(1) - r);
      const T da_z = dhb[j] * (hpb[j] - n) * z * (T(1) - z);
      x[j] = q[j] = da_r;
      x[H + j] = q[H + j] = da_z;
      x[2 * H + j] = da_n;
      q[2 * H + j] = da_n * r;
      dh_prev[b * H + j] = dhb[j] * z;
    }
  }
}

// Forward-mode derivative for the single probe stream (B = 1), K tangent rows.
// dx, dhp: [K, 3H] tangents of the two projections (dhp without bias); dh_prev: [K, H]; dh: [K, H] out.
template <class T>
void tangent(int K, int H, const T* gates, const T* hp, const T* h_prev, const T* dx, const T* dhp,
             const T* dh_prev, T* dh) {
  for (int k = 0; k < K; ++k) {
    const T* x = dx + k * 3 * H;
    const T* q = dhp + k * 3 * H;
    for (int j = 0; j < H; ++j) {
      const T r = gates[j], z = gates[H + j], n = gates[2 * H + j];
      const T dr = r * (T(1) - r) * (x[j] + q[j]);
      const T dz = z * (T(1) - z) * (x[H + j] + q[H + j]);
      const T dn = (T(1) - n * n) * (x[2 * H + j] + dr * hp[2 * H + j] + r * q[2 * H + j]);
      dh[k * H + j] = dz * (h_prev[j] - n) + (T(1) - z) * dn + z * dh_prev[k * H + j];
    }
  }
}

}  // namespace rp::gru_cell
