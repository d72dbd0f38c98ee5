// LSTM family, one time step over B rows (Hochreiter & Schmidhuber; gate order i, f, g, o as in PyTorch):
//   i = s(a_i)   f = s(a_f)   g = tanh(a_g)   o = s(a_o)      a_* = W_i* x + b_i* + W_h* h(t-1) + b_h*
//   c(t) = f * c(t-1) + i * g        h(t) = o * tanh(c(t))
// Peephole variant (Gers & Schmidhuber): a_i += p_i * c(t-1), a_f += p_f * c(t-1), a_o += p_o * c(t), with
// diagonal p_* of size H. Coupled variant: no input gate, i = 1 - f, gates stacked f, g, o (G = 3).
// The layer has summed both projections and biases into `a`; activations are written back in place.
#pragma once
#include "engine/kernels.hpp"

namespace rp::lstm_cell {

enum class Variant { Standard, Peephole, Coupled };

// Offsets of each gate's block inside a row of G*H values.
struct Layout {
  int i, f, g, o;  // i < 0: coupled (i = 1 - f)
  static Layout of(Variant v, int H) {
    return v == Variant::Coupled ? Layout{-1, 0, H, 2 * H} : Layout{0, H, 2 * H, 3 * H};
  }
};

// Saved quantities of one step for B rows: gates [B, G*H] (post-activation), c_prev/c/tc [B, H]
// (tc = tanh(c)), and the peephole weights p_i, p_f, p_o (each [H], null unless Peephole).
template <class T> struct Step {
  T* gates;
  const T* c_prev;
  T* c;
  T* tc;
  const T *p_i, *p_f, *p_o;
};

template <class T> void forward(Variant v, int B, int H, const Step<T>& s, T* h) {
  const int G = v == Variant::Coupled ? 3 : 4;
  const Layout L = Layout::of(v, H);
  for (int b = 0; b < B; ++b) {
    T* a = s.gates + b * G * H;
    const T* cp = s.c_prev + b * H;
    T* c = s.c + b * H;
    T* tc = s.tc + b * H;
    if (v == Variant::Peephole)
      for (int j = 0; j < H; ++j) {
        a[L.i + j] += s.p_i[j] * cp[j];
        a[L.f + j] += s.p_f[j] * cp[j];
      }
    if (v == Variant::Coupled) {
      simd::sigmoid(a + L.f, a + L.f, H);
      simd::tanh(a + L.g, a + L.g, H);
      for (int j = 0; j < H; ++j) c[j] = a[L.f + j] * cp[j] + (T(1) - a[L.f + j]) * a[L.g + j];
    } else {
      simd::sigmoid(a + L.i, a + L.i, 2 * H);  // i and f are adjacent
      simd::tanh(a + L.g, a + L.g, H);
      for (int j = 0; j < H; ++j) c[j] = a[L.f + j] * cp[j] + a[L.i + j] * a[L.g + j];
    }
    if (v == Variant::Peephole)
      for (int j = 0; j < H; ++j) a[L.o + j] += s.p_o[j] * c[j];
    simd::sigmoid(a + L.o, a + L.o, H);
    simd::tanh(c, tc, H);
    T* hb = h + b * H;
    for (int j = 0; j < H; ++j) hb[j] = a[L.o + j] * tc[j];
  }
}

// dh: [B, H] gradient w.r.t. h(t). dc: [B, H] gradient w.r.t. c(t) from later steps in, w.r.t. c(t-1) out.
// da: [B, G*H] gradient w.r.t. the pre-activations. dp_*: peephole gradients, accumulated.
template <class T>
void backward(Variant v, int B, int H, const Step<T>& s, const T* dh, T* dc, T* da, T* dp_i, T* dp_f, T* dp_o) {
  const int G = v == Variant::Coupled ? 3 : 4;
  const Layout L = Layout::of(v, H);
  for (int b = 0; b < B; ++b) {
    const T* a = s.gates + b * G * H;
    const T* cp = s.c_prev + b * H;
    const T* c = s.c + b * H;
    const T* tc = s.tc + b * H;
    const T* dhb = dh + b * H;
    T* dcb = dc + b * H;
    T* d = da + b * G * H;
    for (int j = 0; j < H; ++j) {
      const T o = a[L.o + j], f = a[L.f + j], g = a[L.g + j];
      const T da_o = dhb[j] * tc[j] * o * (T(1) - o);
      T dct = dcb[j] + dhb[j] * o * (T(1) - tc[j] * tc[j]);
      if (v == Variant::Peephole) dct += da_o * s.p_o[j];
      T dcp;
      if (v == Variant::Coupled) {
        d[L.f + j] = dct * (cp[j] - g) * f * (T(1) - f);
        d[L.g + j] = dct * (T(1) - f) * (T(1) - g * g);
        dcp = dct * f;
      } else {
        const T i = a[L.i + j];
        d[L.i + j] = dct * g * i * (T(1) - i);
        d[L.f + j] = dct * cp[j] * f * (T(1) - f);
        d[L.g + j] = dct * i * (T(1) - g * g);
        dcp = dct * f;
        if (v == Variant::Peephole) {
          dcp += d[L.i + j] * s.p_i[j] + d[L.f + j] * s.p_f[j];
          dp_i[j] += d[L.i + j] * cp[j];
          dp_f[j] += d[L.f + j] * cp[j];
          dp_o[j] += da_o * c[j];
        }
      }
      d[L.o + j] = da_o;
      dcb[j] = dcp;
    }
  }
}

// Forward-mode derivative for the single probe stream (B = 1): K tangent rows.
// da: [K, G*H] tangent of the pre-activations (without peephole terms); dc: [K, H] tangent of c(t-1) in,
// of c(t) out; dh: [K, H] tangent of h(t) out.
template <class T> void tangent(Variant v, int K, int H, const Step<T>& s, T* da, T* dc, T* dh) {
  const int G = v == Variant::Coupled ? 3 : 4;
  const Layout L = Layout::of(v, H);
  const T* a = s.gates;
  for (int k = 0; k < K; ++k) {
    T* d = da + k * G * H;
    T* dck = dc + k * H;
    T* dhk = dh + k * H;
    for (int j = 0; j < H; ++j) {
      const T f = a[L.f + j], g = a[L.g + j], o = a[L.o + j];
      T da_f = d[L.f + j];
      T dcn;
      if (v == Variant::Coupled) {
        const T df = f * (T(1) - f) * da_f;
        dcn = df * s.c_prev[j] + f * dck[j] - df * g + (T(1) - f) * (T(1) - g * g) * d[L.g + j];
      } else {
        T da_i = d[L.i + j];
        if (v == Variant::Peephole) {
          da_i += s.p_i[j] * dck[j];
          da_f += s.p_f[j] * dck[j];
        }
        const T i = a[L.i + j];
        dcn = f * (T(1) - f) * da_f * s.c_prev[j] + f * dck[j] + i * (T(1) - i) * da_i * g +
              i * (T(1) - g * g) * d[L.g + j];
      }
      T da_o = d[L.o + j];
      if (v == Variant::Peephole) da_o += s.p_o[j] * dcn;
      const T tc = s.tc[j];
      dhk[j] = o * (T(1) - o) * da_o * tc + o * (T(1) - tc * tc) * dcn;
      dck[j] = dcn;
    }
  }
}

}  // namespace rp::lstm_cell
