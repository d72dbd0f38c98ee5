#include "engine/seq2seq/estimate.hpp"

#include <algorithm>
#include <set>

#include "engine/core/utf8.hpp"
#include "engine/seq2seq/seq2seq.hpp"

namespace rp {
namespace {

size_t chars(const std::string& text) {
  size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;  // code points, not bytes
  return n;
}

struct LayerCost {
  double params, macs;
};

// One recurrent layer of `cell` reading `input` features into H units.
LayerCost layer(const CellType& cell, double input, double H, const RecurrentOptions& o) {
  const double G = cell.blocks;
  return {double(recurrent_layer_params(cell, int64_t(input), int64_t(H), o)), G * H * (input + H)};
}

}  // namespace

PairShape pair_shape(const std::vector<seq2seq::Example>& train, const std::vector<seq2seq::Example>& held) {
  PairShape p;
  std::set<char32_t> distinct;
  std::u32string cps;
  double src = 0, tgt = 0, n = 0;
  for (const auto* set : {&train, &held})
    for (const auto& e : *set) {
      const size_t s = chars(e.source), t = chars(e.target);
      p.longest_source = std::max(p.longest_source, int(s));
      p.longest_target = std::max(p.longest_target, int(t));
      src += double(s);
      tgt += double(t);
      n += 1;
      for (const std::string* text : {&e.source, &e.target}) {
        utf8::decode(*text, cps);  // the examples were checked when they were read
        distinct.insert(cps.begin(), cps.end());
      }
    }
  p.vocab = int(distinct.size());
  p.mean_source = n ? src / n : 0;
  p.mean_target = n ? tgt / n : 0;
  return p;
}

Estimate estimate_seq2seq(const Seq2SeqTrainConfig& c, const PairShape& data) {
  const Seq2SeqConfig& m = c.model;
  const double V = data.vocab + kFirstChar, E = m.embed, H = m.hidden, L = m.layers, A = m.attn_size;
  const double dirs = m.bidirectional ? 2 : 1, Hd = dirs * H, B = c.batch;
  double params = 2 * V * E + L * H * Hd + L * H + V * (H + Hd) + V;  // embeddings, bridge, output layer
  double enc_macs = 0, dec_macs = V * (H + Hd);
  for (int l = 0; l < m.layers; ++l) {
    const LayerCost enc = layer(*m.encoder_cell, l == 0 ? E : Hd, H, m.options);
    const LayerCost dec = layer(*m.decoder_cell, l == 0 ? E + Hd : H, H, m.options);
    params += dirs * enc.params + dec.params;
    enc_macs += dirs * enc.macs;
    dec_macs += dec.macs;
  }
  const double S = data.mean_source + 1, T = data.mean_target + 1;  // EOS
  double key_macs = 0, step_attn = 0;
  switch (m.attention) {
    case AttentionKind::Bahdanau:
      params += A * H + A * Hd + A;
      key_macs = S * A * Hd;
      step_attn = A * H + 2 * S * A + S * Hd;
      break;
    case AttentionKind::General:
      params += H * Hd;
      key_macs = S * H * Hd;
      step_attn = 2 * S * Hd;
      break;
    case AttentionKind::Concat:
      params += A * (H + Hd) + A;
      step_attn = S * A * (H + Hd) + S * A + S * Hd;
      break;
    case AttentionKind::Dot: step_attn = 2 * S * Hd; break;
    case AttentionKind::None: break;
  }
  Estimate e;
  e.params = int64_t(params);
  e.flops_per_step = 6 * B * (S * enc_macs + key_macs + T * (dec_macs + step_attn));
  e.units_per_step = B * T;
  // The training and evaluation workspaces are sized for the longest example (evaluation decodes 8 more).
  const double G = std::max(m.encoder_cell->blocks, m.decoder_cell->blocks);
  const double Smax = data.longest_source + 1, Tmax = data.longest_target + 9;
  const double workspace = L * dirs * Smax * B * H * (4 * G + 8) + L * Tmax * B * H * (4 * G + 8) +
                           Tmax * B * Smax * (A + 2) + Tmax * B * (3 * V + 4 * Hd + 2 * H);
  e.activation_bytes = 4.0 * workspace;
  e.bytes = 4.0 * params * (3 + optimizer_states(c.optim.kind)) + 2 * e.activation_bytes;
  return e;
}

}  // namespace rp
