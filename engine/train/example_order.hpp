// The walk through a family's training examples, shared by every trainer that learns from separate examples
// (seq2seq, the classifier; the tagger and the forecaster next): an epoch's shuffled order (Fisher-Yates with
// its own generator, fixed by the seed), the next example in it, and the position that resumes it exactly.
#pragma once
#include <array>
#include <cstdint>
#include <vector>

#include "engine/core/rng.hpp"
#include "engine/core/status.hpp"

namespace rp {

// Where a run stands in its data: the epoch's order, the next example in it, and the states of the run's
// generators (the shuffling's first, then any the family draws from while training, such as seq2seq's
// scheduled sampling). A resumable file holds it as metadata train_order, train_cursor, train_rng.
struct ExamplePosition {
  std::vector<int> order;
  size_t cursor = 0;
  std::vector<std::array<uint64_t, 4>> generators;
};

class ExampleOrder {
 public:
  ExampleOrder() = default;
  // count examples in file order; the first batch shuffles them.
  ExampleOrder(size_t count, Rng shuffle);

  // The next rows.size() examples' indices into rows; true when a new pass over the data began.
  bool next(std::vector<int>& rows);
  size_t size() const { return order_.size(); }

  // The order's part of the position (generators holds the shuffling's state alone); the trainer appends
  // its own generators.
  ExamplePosition position() const;
  // Refuses an order that is not a permutation of the examples (another data set); reads generators[0].
  Status set_position(const ExamplePosition& p);

 private:
  std::vector<int> order_;
  size_t cursor_ = 0;
  Rng shuffle_;
};

}  // namespace rp
