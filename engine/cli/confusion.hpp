// A confusion matrix as the eval verbs print it (the classifier's labels, the tagger's tags): a comment line,
// then one row per true class with the count predicted as each class, in the classes' order.
#pragma once
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

namespace rp::cli {

// what: "label", "tag". counts: [C, C], row the true class.
inline void print_confusion(const char* what, const std::vector<std::string>& names, const std::vector<int64_t>& counts) {
  std::printf("# confusion (rows: true %s, columns: predicted, in the order of the %ss)\n", what, what);
  const size_t C = names.size();
  for (size_t r = 0; r < C; ++r) {
    std::printf("%-12s", names[r].c_str());
    for (size_t c = 0; c < C; ++c) std::printf(" %6lld", (long long)counts[r * C + c]);
    std::printf("\n");
  }
}

}  // namespace rp::cli
