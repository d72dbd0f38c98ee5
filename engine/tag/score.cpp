#include "engine/tag/score.hpp"

#include <algorithm>

namespace rp::tag {

std::vector<Span> spans(const std::vector<std::string>& tags) {
  std::vector<Span> out;
  bool open = false;
  for (int i = 0; i < int(tags.size()); ++i) {
    const std::string& t = tags[size_t(i)];
    const bool begins = t.rfind("B-", 0) == 0, inside = t.rfind("I-", 0) == 0;
    if (t == "O") {
      open = false;
    } else if (inside && open && out.back().type == t.substr(2)) {
      out.back().last = i;
    } else {
      out.push_back({begins || inside ? t.substr(2) : t, i, i});
      open = begins || inside;  // a plain tag is a span of one token
    }
  }
  return out;
}

void TagScore::add(const std::vector<std::string>& truth, const std::vector<std::string>& predicted) {
  const size_t n = std::min(truth.size(), predicted.size());
  tokens += int64_t(n);
  for (size_t i = 0; i < n; ++i) correct += truth[i] == predicted[i];
  const std::vector<Span> want = spans(truth), got = spans(predicted);
  true_spans += int64_t(want.size());
  predicted_spans += int64_t(got.size());
  for (const Span& s : got) matched_spans += std::find(want.begin(), want.end(), s) != want.end();
}

double TagScore::f1() const {
  if (true_spans == 0 && predicted_spans == 0) return 1.0;
  const double p = precision(), r = recall();
  return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
}

}  // namespace rp::tag
