#include "engine/train/example_order.hpp"

#include <utility>

namespace rp {

ExampleOrder::ExampleOrder(size_t count, Rng shuffle) : order_(count), cursor_(count), shuffle_(shuffle) {
  for (size_t i = 0; i < count; ++i) order_[i] = int(i);
}

bool ExampleOrder::next(std::vector<int>& rows) {
  bool new_pass = false;
  for (auto& r : rows) {
    if (cursor_ >= order_.size()) {
      for (size_t i = order_.size() - 1; i > 0; --i) std::swap(order_[i], order_[shuffle_.next_u64() % (i + 1)]);
      cursor_ = 0;
      new_pass = true;
    }
    r = order_[cursor_++];
  }
  return new_pass;
}

ExamplePosition ExampleOrder::position() const {
  ExamplePosition p;
  p.order = order_;
  p.cursor = cursor_;
  p.generators.resize(1);
  shuffle_.get_state(p.generators[0].data());
  return p;
}

Status ExampleOrder::set_position(const ExamplePosition& p) {
  const std::string other = "the saved data order does not fit these training examples (was it trained on other data?)";
  if (p.order.size() != order_.size() || p.cursor > p.order.size() || p.generators.empty()) return Status::error(other);
  std::vector<char> seen(order_.size(), 0);
  for (int i : p.order) {
    if (i < 0 || size_t(i) >= seen.size() || seen[size_t(i)]) return Status::error(other);
    seen[size_t(i)] = 1;
  }
  order_ = p.order;
  cursor_ = p.cursor;
  shuffle_.set_state(p.generators[0].data());
  return Status::ok();
}

}  // namespace rp
