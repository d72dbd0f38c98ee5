// GRU, one time step over B rows, PyTorch's convention (Cho et al. 2014; gate order r, z, n, with b_hn inside
// the reset product):
//   r = s(xr + hr)   z = s(xz + hz)   n = tanh(xn + r * hn)   h(t) = (1 - z) * n + z * h(t-1)
// where x* = W_i* x + b_i* (in `gates`) and h* = W_h* h(t-1) + b_h* (in `hp`) are kept apart because of hn.
#pragma once
#include "engine/core/kernels.hpp"
#include "engine/layers/cells/cell.hpp"

namespace rp::cells {

template <class T> class Gru final : public Cell<T> {
 public:
  void forward(const CellStep<T>& s) const override {
    const int H = s.H;
    for (int b = 0; b < s.B; ++b) {
      T* a = s.gates + b * 3 * H;
      const T* p = s.hp + b * 3 * H;
      for (int j = 0; j < 2 * H; ++j) a[j] += p[j];
      simd::sigmoid(a, a, 2 * H);
      for (int j = 0; j < H; ++j) a[2 * H + j] += a[j] * p[2 * H + j];
      simd::tanh(a + 2 * H, a + 2 * H, H);
      const T* hp_b = s.h_prev + b * H;
      T* hb = s.h + b * H;
      for (int j = 0; j < H; ++j) {
        const T z = a[H + j];
        hb[j] = (T(1) - z) * a[2 * H + j] + z * hp_b[j];
      }
    }
  }

  // The direct path dh * z goes to dh_prev; the layer adds dhp W_hh.
  void backward(const CellStep<T>& s, const CellGrads<T>& g) const override {
    const int H = s.H;
    for (int b = 0; b < s.B; ++b) {
      const T* a = s.gates + b * 3 * H;
      const T* p = s.hp + b * 3 * H;
      const T* hpb = s.h_prev + b * H;
      const T* dhb = g.dh + b * H;
      T* x = g.dgates + b * 3 * H;
      T* q = g.dhp + b * 3 * H;
      for (int j = 0; j < H; ++j) {
        const T r = a[j], z = a[H + j], n = a[2 * H + j];
        const T da_n = dhb[j] * (T(1) - z) * (T(1) - n * n);
        const T da_r = da_n * p[2 * H + j] * r * (T(1) - r);
        const T da_z = dhb[j] * (hpb[j] - n) * z * (T(1) - z);
        x[j] = q[j] = da_r;
        x[H + j] = q[H + j] = da_z;
        x[2 * H + j] = da_n;
        q[2 * H + j] = da_n * r;
        g.dh_prev[b * H + j] = dhb[j] * z;
      }
    }
  }

  void tangent(const CellStep<T>& s, const CellTangents<T>& d) const override {
    const int H = s.H;
    const T* gates = s.gates;
    for (int k = 0; k < d.K; ++k) {
      const T* x = d.da + k * 3 * H;
      const T* q = d.dhp + k * 3 * H;
      for (int j = 0; j < H; ++j) {
        const T r = gates[j], z = gates[H + j], n = gates[2 * H + j];
        const T dr = r * (T(1) - r) * (x[j] + q[j]);
        const T dz = z * (T(1) - z) * (x[H + j] + q[H + j]);
        const T dn = (T(1) - n * n) * (x[2 * H + j] + dr * s.hp[2 * H + j] + r * q[2 * H + j]);
        d.dh[k * H + j] = dz * (s.h_prev[j] - n) + (T(1) - z) * dn + z * d.dh_prev[k * H + j];
      }
    }
  }
};

}  // namespace rp::cells
