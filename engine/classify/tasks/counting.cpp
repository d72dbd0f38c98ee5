// Counting: strings of a's and b's of odd length, labelled by the letter that occurs more often. The answer
// depends on a running difference carried through every step (a model that pools its last state has to
// count; one that averages over time gets the count for free).
#include "engine/classify/tasks.hpp"
#include "engine/core/draw.hpp"

namespace rp::classify {

std::string draw_counting(Rng& rng, int label, int min_len, int max_len) {
  int n = draw::between(rng, min_len, max_len);
  if (n % 2 == 0) n += n < max_len ? 1 : -1;  // odd, so there is never a tie
  const char more = label == 0 ? 'a' : 'b', fewer = label == 0 ? 'b' : 'a';
  // The minority takes k < n/2 of the places, k uniform, placed at random.
  const int k = int(draw::below(rng, uint64_t(n / 2 + 1)));
  std::string s(size_t(n), more);
  std::vector<int> places(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) places[size_t(i)] = i;
  draw::fisher_yates(places, rng);
  for (int i = 0; i < k; ++i) s[size_t(places[size_t(i)])] = fewer;
  return s;
}

}  // namespace rp::classify
