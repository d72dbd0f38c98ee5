// One interface over the generated tasks (tasks.cpp's generate() drives it), with one implementation per file:
// symbols.cpp (reverse, sort, copy), addition.cpp, dates.cpp, translation.cpp. Internal to engine/seq2seq/tasks*.
#pragma once
#include <algorithm>
#include <cstdint>
#include <memory>

#include "engine/core/rng.hpp"
#include "engine/seq2seq/tasks.hpp"

namespace rp::seq2seq::detail {

// Space sizes saturate here; every size we compare against is far smaller.
constexpr uint64_t kHuge = uint64_t(1) << 62;

inline uint64_t sat_add(uint64_t a, uint64_t b) { return a >= kHuge - std::min(b, kHuge) ? kHuge : a + b; }
inline uint64_t sat_mul(uint64_t a, uint64_t b) {
  if (a == 0 || b == 0) return 0;
  return a >= kHuge / b ? kHuge : a * b;
}

// Strings of length `len` over `alphabet` symbols, saturating at kHuge.
inline uint64_t strings_of_length(int alphabet, int len) {
  uint64_t n = 1;
  for (int i = 0; i < len && n < kHuge; ++i) n = sat_mul(n, uint64_t(alphabet));
  return n;
}

// A sampler with the task's intended distribution, and a listing by index of every source it can produce
// (several indices may spell the same source, e.g. "13 May 2001" as "D Month YYYY" and "DD Month YYYY").
class Generator {
 public:
  virtual ~Generator() = default;
  // Number of indices: an upper bound on the distinct sources, saturating at kHuge.
  virtual uint64_t size() const = 0;
  virtual Example sample(Rng& rng) const = 0;
  // Only called for index < size() <= kListLimit (see tasks.cpp), where every count is exact.
  virtual Example at(uint64_t index) const = 0;
};

// The spec is the task's, already validated.
std::unique_ptr<Generator> symbol_generator(const TaskSpec& spec);       // reverse, sort, copy
std::unique_ptr<Generator> addition_generator(const TaskSpec& spec);     // add
std::unique_ptr<Generator> date_generator();                             // dates
std::unique_ptr<Generator> translation_generator(const TaskSpec& spec);  // translate

// The translate grammar's sentences have this many words (validate() checks min_len..max_len against it).
constexpr int kMinSentenceWords = 5, kMaxSentenceWords = 11;

}  // namespace rp::seq2seq::detail
