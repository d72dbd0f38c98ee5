#include "engine/tag/estimate.hpp"

#include <algorithm>

namespace rp {

SentenceShape sentence_shape(const std::vector<tag::Sentence>& train, const std::vector<tag::Sentence>& held,
                             int words, int tags) {
  SentenceShape p;
  double total = 0, n = 0;
  for (const auto* set : {&train, &held})
    for (const auto& s : *set) {
      p.longest = std::max(p.longest, int(s.tokens.size()));
      total += double(s.tokens.size());
      n += 1;
    }
  p.words = words;
  p.tags = tags;
  p.mean = n ? total / n : 0;
  return p;
}

Estimate estimate_tagger(const TaggerTrainConfig& c, const SentenceShape& data) {
  const TaggerConfig& m = c.model;
  const double V = data.words, E = m.embed, H = m.hidden, C = data.tags, dirs = m.bidirectional ? 2 : 1;
  const double D = dirs * H, B = c.batch, G = m.cell->blocks, S = std::max(data.longest, 1);
  double params = V * E + C * D + C, macs = data.mean * C * D;
  for (int l = 0; l < m.layers; ++l) {
    const double in = l == 0 ? (E > 0 ? E : V) : D;
    params += dirs * (G * H * (in + H) + 2 * G * H + double(m.cell->extras.size()) * H);
    macs += data.mean * dirs * G * H * ((l == 0 && E == 0 ? 0 : in) + H);
  }
  Estimate e;
  e.params = int64_t(params);
  e.flops_per_step = 6 * B * macs;
  e.units_per_step = B * data.mean;  // tokens
  // The training and evaluation workspaces, each sized for the longest sentence: the reader's saved values
  // and the logits and their gradient at every position.
  const double per_position = m.layers * dirs * H * (4 * G + 8) + 2 * E + 2 * C +
                              (dirs > 1 ? m.layers * std::max(E > 0 ? E : V, D) : 0);
  e.activation_bytes = 4.0 * S * B * per_position;
  e.bytes = 4.0 * params * (3 + optimizer_states(c.optim.kind)) + 2 * e.activation_bytes;
  return e;
}

}  // namespace rp
