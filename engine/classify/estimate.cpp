#include "engine/classify/estimate.hpp"

#include <algorithm>
#include <set>

#include "engine/core/utf8.hpp"

namespace rp {

LabelledShape labelled_shape(const std::vector<classify::Example>& train, const std::vector<classify::Example>& held,
                             int classes) {
  LabelledShape p;
  std::set<char32_t> distinct;
  std::u32string cps;
  double total = 0, n = 0;
  for (const auto* set : {&train, &held})
    for (const auto& e : *set) {
      utf8::decode(e.text, cps);  // the examples were checked when they were read
      distinct.insert(cps.begin(), cps.end());
      p.longest = std::max(p.longest, int(cps.size()));
      total += double(cps.size());
      n += 1;
    }
  p.vocab = int(distinct.size());
  p.classes = classes;
  p.mean = n ? total / n : 0;
  return p;
}

Estimate estimate_classifier(const ClassifierTrainConfig& c, const LabelledShape& data) {
  const ClassifierConfig& m = c.model;
  const double V = data.vocab, E = m.embed, H = m.hidden, C = data.classes, dirs = m.bidirectional ? 2 : 1;
  const double D = dirs * H, B = c.batch, G = m.cell->blocks;
  double params = V * E + C * D + C, macs = C * D;
  for (int l = 0; l < m.layers; ++l) {
    const double in = l == 0 ? (E > 0 ? E : V) : D;
    params += dirs * double(recurrent_layer_params(*m.cell, int64_t(in), int64_t(H), m.options));
    macs += data.mean * dirs * G * H * ((l == 0 && E == 0 ? 0 : in) + H);
  }
  Estimate e;
  e.params = int64_t(params);
  e.flops_per_step = 6 * B * macs;
  e.units_per_step = B;
  // The training and evaluation workspaces, each sized for the longest text.
  const double S = std::max(data.longest, 1);
  const double per_position = m.layers * dirs * H * (4 * G + 8) + 2 * E + (dirs > 1 ? m.layers * std::max(E > 0 ? E : V, D) : 0);
  e.activation_bytes = 4.0 * (S * B * per_position + B * (3 * D + 2 * C));
  e.bytes = 4.0 * params * (3 + optimizer_states(c.optim.kind)) + 2 * e.activation_bytes;
  return e;
}

}  // namespace rp
