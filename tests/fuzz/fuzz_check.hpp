// What every libFuzzer target shares: an invariant that fails aborts, so libFuzzer records the input as a crash
// (a refused input is fine; an accepted input that breaks what the engine promises is a finding).
#pragma once
#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(cond, what)                                                                       \
  do {                                                                                               \
    if (!(cond)) {                                                                                   \
      std::fprintf(stderr, "fuzz invariant failed: %s (%s, %s:%d)\n", what, #cond, __FILE__, __LINE__); \
      std::abort();                                                                                  \
    }                                                                                                \
  } while (0)
