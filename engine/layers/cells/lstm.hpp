// LSTM family, one time step over B rows (Hochreiter & Schmidhuber 1997; gate order i, f, g, o as in PyTorch):
//   i = s(a_i)   f = s(a_f)   g = tanh(a_g)   o = s(a_o)      a_* = W_i* x + b_i* + W_h* h(t-1) + b_h*
//   c(t) = f * c(t-1) + i * g        h(t) = o * tanh(c(t))
// Peephole variant (Gers & Schmidhuber 2000): a_i += p_i * c(t-1), a_f += p_f * c(t-1), a_o += p_o * c(t),
// with diagonal p_* of size H (the row's extras, in that order). Coupled variant (Greff et al. 2017's CIFG):
// no input gate, i = 1 - f, gates stacked f, g, o (G = 3).
// The layer has summed both projections and biases into `gates`; activations are written back in place.
// Layer-normalised (norm=layer, Ba et al. 2016): h(t) = o * tanh(gain * LN(c(t)) + shift) when the step
// carries ln_gain (the gates' own normalisation is the layer's).
#pragma once
#include <algorithm>

#include "engine/core/kernels.hpp"
#include "engine/layers/cells/cell.hpp"
#include "engine/layers/layer_norm.hpp"

namespace rp::cells {

enum class LstmVariant { Standard, Peephole, Coupled };

template <class T, LstmVariant V> class Lstm final : public Cell<T> {
  static constexpr bool kPeep = V == LstmVariant::Peephole;
  static constexpr bool kCoupled = V == LstmVariant::Coupled;
  static constexpr int G = kCoupled ? 3 : 4;

  // Offsets of each gate's block inside a row of G*H values; i < 0 when coupled (i = 1 - f).
  struct Layout {
    int i, f, g, o;
    explicit Layout(int H) : i(kCoupled ? -1 : 0), f(kCoupled ? 0 : H), g(kCoupled ? H : 2 * H), o(kCoupled ? 2 * H : 3 * H) {}
  };

 public:
  void forward(const CellStep<T>& s) const override {
    const int H = s.H;
    const Layout L(H);
    for (int b = 0; b < s.B; ++b) {
      T* a = s.gates + b * G * H;
      const T* cp = s.c_prev + b * H;
      T* c = s.c + b * H;
      T* tc = s.tc + b * H;
      if (kPeep)
        for (int j = 0; j < H; ++j) {
          a[L.i + j] += s.extra[0][j] * cp[j];
          a[L.f + j] += s.extra[1][j] * cp[j];
        }
      if (kCoupled) {
        simd::sigmoid(a + L.f, a + L.f, H);
        simd::tanh(a + L.g, a + L.g, H);
        for (int j = 0; j < H; ++j) c[j] = a[L.f + j] * cp[j] + (T(1) - a[L.f + j]) * a[L.g + j];
      } else {
        simd::sigmoid(a + L.i, a + L.i, 2 * H);  // i and f are adjacent
        simd::tanh(a + L.g, a + L.g, H);
        for (int j = 0; j < H; ++j) c[j] = a[L.f + j] * cp[j] + a[L.i + j] * a[L.g + j];
      }
      if (kPeep)
        for (int j = 0; j < H; ++j) a[L.o + j] += s.extra[2][j] * c[j];
      simd::sigmoid(a + L.o, a + L.o, H);
      if (s.ln_gain) {
        s.c_rstd[b] = layer_norm::forward(c, H, s.ln_gain, s.ln_shift, s.c_hat + b * H, tc);
        simd::tanh(tc, tc, H);
      } else {
        simd::tanh(c, tc, H);
      }
      T* hb = s.h + b * H;
      for (int j = 0; j < H; ++j) hb[j] = a[L.o + j] * tc[j];
    }
  }

  void backward(const CellStep<T>& s, const CellGrads<T>& g) const override {
    const int H = s.H;
    const Layout L(H);
    for (int b = 0; b < s.B; ++b) {
      const T* a = s.gates + b * G * H;
      const T* cp = s.c_prev + b * H;
      const T* c = s.c + b * H;
      const T* tc = s.tc + b * H;
      const T* dhb = g.dh + b * H;
      T* dcb = g.dc + b * H;
      T* d = g.dgates + b * G * H;
      // dL/dc(t) through h(t): through the normalisation when there is one (dh_prev's row as scratch; every
      // path to h(t-1) goes through W_hh, so it is zeroed below)
      T* dc_h = g.dh_prev + b * H;
      for (int j = 0; j < H; ++j) dc_h[j] = dhb[j] * a[L.o + j] * (T(1) - tc[j] * tc[j]);
      if (s.ln_gain) layer_norm::backward(dc_h, s.c_hat + b * H, s.c_rstd[b], s.ln_gain, H, dc_h, g.d_ln_gain, g.d_ln_shift);
      for (int j = 0; j < H; ++j) {
        const T o = a[L.o + j], f = a[L.f + j], gg = a[L.g + j];
        const T da_o = dhb[j] * tc[j] * o * (T(1) - o);
        T dct = dcb[j] + dc_h[j];
        if (kPeep) dct += da_o * s.extra[2][j];
        T dcp;
        if (kCoupled) {
          d[L.f + j] = dct * (cp[j] - gg) * f * (T(1) - f);
          d[L.g + j] = dct * (T(1) - f) * (T(1) - gg * gg);
          dcp = dct * f;
        } else {
          const T i = a[L.i + j];
          d[L.i + j] = dct * gg * i * (T(1) - i);
          d[L.f + j] = dct * cp[j] * f * (T(1) - f);
          d[L.g + j] = dct * i * (T(1) - gg * gg);
          dcp = dct * f;
          if (kPeep) {
            dcp += d[L.i + j] * s.extra[0][j] + d[L.f + j] * s.extra[1][j];
            g.dextra[0][j] += d[L.i + j] * cp[j];
            g.dextra[1][j] += d[L.f + j] * cp[j];
            g.dextra[2][j] += da_o * c[j];
          }
        }
        d[L.o + j] = da_o;
        dcb[j] = dcp;
      }
    }
    std::fill_n(g.dh_prev, s.B * H, T(0));  // every path to h(t-1) goes through W_hh
  }

  void tangent(const CellStep<T>& s, const CellTangents<T>& t) const override {
    const int H = s.H;
    const Layout L(H);
    const T* a = s.gates;
    for (int k = 0; k < t.K; ++k) {
      T* d = t.da + k * G * H;
      T* dck = t.dc + k * H;
      T* dhk = t.dh + k * H;
      // first every dc(t), then h(t)'s tangent, which reads all of them through the normalisation
      for (int j = 0; j < H; ++j) {
        const T f = a[L.f + j], gg = a[L.g + j];
        T da_f = d[L.f + j];
        T dcn;
        if (kCoupled) {
          const T df = f * (T(1) - f) * da_f;
          dcn = df * s.c_prev[j] + f * dck[j] - df * gg + (T(1) - f) * (T(1) - gg * gg) * d[L.g + j];
        } else {
          T da_i = d[L.i + j];
          if (kPeep) {
            da_i += s.extra[0][j] * dck[j];
            da_f += s.extra[1][j] * dck[j];
          }
          const T i = a[L.i + j];
          dcn = f * (T(1) - f) * da_f * s.c_prev[j] + f * dck[j] + i * (T(1) - i) * da_i * gg +
                i * (T(1) - gg * gg) * d[L.g + j];
        }
        dck[j] = dcn;
      }
      // dhk holds the tangent of tanh's argument first
      if (s.ln_gain) layer_norm::tangent(dck, s.c_hat, s.c_rstd[0], s.ln_gain, H, dhk);
      else std::copy_n(dck, H, dhk);
      for (int j = 0; j < H; ++j) {
        const T o = a[L.o + j];
        T da_o = d[L.o + j];
        if (kPeep) da_o += s.extra[2][j] * dck[j];
        const T tcj = s.tc[j];
        dhk[j] = o * (T(1) - o) * da_o * tcj + o * (T(1) - tcj * tcj) * dhk[j];
      }
    }
  }
};

template <class T> using LstmStandard = Lstm<T, LstmVariant::Standard>;
template <class T> using LstmPeephole = Lstm<T, LstmVariant::Peephole>;
template <class T> using LstmCoupled = Lstm<T, LstmVariant::Coupled>;

}  // namespace rp::cells
