// How well a tagger tags: token accuracy, and span F1 as slot filling is judged (a predicted slot counts only
// when its type, first and last token all match a true slot; CoNLL's rule).
// Spans from BIO tags: B-X begins a span of type X; I-X continues the open span when it is of type X and
// begins one otherwise (a tagger's I- after O is still a slot); O and the end close it. A tag that is neither
// O nor B-/I- (part-of-speech tags) is a one-token span of its own type, so span F1 is then the F1 over tokens
// whose tag is not O.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace rp::tag {

struct Span {
  std::string type;
  int first = 0, last = 0;  // token positions, inclusive
  bool operator==(const Span& o) const { return type == o.type && first == o.first && last == o.last; }
};
std::vector<Span> spans(const std::vector<std::string>& tags);

struct TagScore {
  int64_t tokens = 0, correct = 0;
  int64_t true_spans = 0, predicted_spans = 0, matched_spans = 0;
  // Adds one sentence's true and predicted tags (equal counts).
  void add(const std::vector<std::string>& truth, const std::vector<std::string>& predicted);
  double accuracy() const { return tokens ? double(correct) / double(tokens) : 0.0; }
  double precision() const { return predicted_spans ? double(matched_spans) / double(predicted_spans) : 0.0; }
  double recall() const { return true_spans ? double(matched_spans) / double(true_spans) : 0.0; }
  // 1 when there are no spans on either side (nothing to find, nothing claimed).
  double f1() const;
};

}  // namespace rp::tag
