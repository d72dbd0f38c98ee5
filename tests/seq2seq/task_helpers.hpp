// Helpers shared by the seq2seq task tests (test_tasks.cpp and one file per generator in tasks/).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "engine/seq2seq/tasks.hpp"

namespace rp::test {

using seq2seq::Example;
using seq2seq::TaskKind;
using seq2seq::TaskSpec;

inline TaskSpec spec_for(TaskKind kind) {
  TaskSpec spec;
  spec.kind = kind;
  return spec;
}

inline std::vector<Example> joined(const std::vector<Example>& a, const std::vector<Example>& b) {
  std::vector<Example> all = a;
  all.insert(all.end(), b.begin(), b.end());
  return all;
}

inline bool same(const std::vector<Example>& a, const std::vector<Example>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i].source != b[i].source || a[i].target != b[i].target) return false;
  return true;
}

inline bool all_digits(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

// Digits to a number without std::stoi, which could throw (and abort under WebAssembly); callers check
// all_digits first.
inline uint64_t to_u64(const std::string& s) {
  uint64_t v = 0;
  for (char c : s) v = v * 10 + uint64_t(c - '0');
  return v;
}
inline int to_int(const std::string& s) { return int(to_u64(s)); }

}  // namespace rp::test
