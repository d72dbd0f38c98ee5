#include "engine/lm/sampler.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace rp {

Status validate(const SampleOptions& o) {
  if (!std::isfinite(o.temperature) || o.temperature < 1e-3 || o.temperature > 100)
    return Status::error("temperature must be between 0.001 and 100");
  if (o.top_k < 0) return Status::error("top-k must be 0 (off) or positive");
  return Status::ok();
}

Sampler::Sampler(CharLM<float>& model) : model_(model) {
  model_.resize(ws_, 1, 1);
  model_.resize(state_, 1);
  scratch_.resize(size_t(model_.config().vocab));
}

void Sampler::reset() {
  state_.h.fill(0.f);
  state_.c.fill(0.f);
  fed_ = 0;
}

void Sampler::prime(const std::vector<TokenId>& ids, TokenId start) {
  reset();
  if (ids.empty()) feed(start);
  for (TokenId id : ids) feed(id);
}

void Sampler::feed(TokenId id) {
  model_.forward(&id, nullptr, 1, ws_, state_);
  ++fed_;
}

const float* Sampler::logits() const { return model_.logits(ws_, 0, 0); }

double Sampler::weights(const SampleOptions& o) const {
  const int V = model_.config().vocab;
  const float* z = logits();
  if (o.greedy) {
    const int best = int(std::max_element(z, z + V) - z);  // first maximum: deterministic on ties
    std::fill(scratch_.begin(), scratch_.end(), 0.0);
    scratch_[best] = 1.0;
    return 1.0;
  }
  // Top-k: keep the logits above the k-th largest, and of those equal to it as many (lowest index first) as
  // make k in all.
  float kth = -INFINITY;
  int ties_allowed = V;
  if (o.top_k > 0 && o.top_k < V) {
    std::vector<float> sorted(z, z + V);
    std::nth_element(sorted.begin(), sorted.begin() + (o.top_k - 1), sorted.end(), std::greater<float>());
    kth = sorted[o.top_k - 1];
    const int above = int(std::count_if(z, z + V, [&](float x) { return x > kth; }));
    ties_allowed = o.top_k - above;
  }
  const double zmax = *std::max_element(z, z + V);
  double sum = 0;
  for (int v = 0; v < V; ++v) {
    bool keep = z[v] > kth;
    if (z[v] == kth && ties_allowed > 0) {
      keep = true;
      --ties_allowed;
    }
    scratch_[v] = keep ? std::exp((double(z[v]) - zmax) / o.temperature) : 0.0;
    sum += scratch_[v];
  }
  return sum;
}

void Sampler::distribution(const SampleOptions& o, float* probs) const {
  const double sum = weights(o);
  for (size_t v = 0; v < scratch_.size(); ++v) probs[v] = float(scratch_[v] / sum);
}

TokenId Sampler::choose(const SampleOptions& o, Rng& rng) const {
  const double sum = weights(o);
  const double u = rng.uniform() * sum;
  double acc = 0;
  TokenId last = 0;
  for (size_t v = 0; v < scratch_.size(); ++v) {
    if (scratch_[v] <= 0) continue;
    acc += scratch_[v];
    last = TokenId(v);
    if (u < acc) return last;
  }
  return last;  // rounding left u at the very top: the last character with weight
}

}  // namespace rp
