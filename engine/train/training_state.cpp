#include "engine/train/training_state.hpp"

#include "engine/core/json.hpp"

namespace rp {
namespace {

Status read_u64(const json::Value& v, uint64_t& out) {
  if (!v.is_string() || v.string.empty() || v.string.size() > 20) return Status::error("bad generator state");
  uint64_t x = 0;
  for (char c : v.string) {
    if (c < '0' || c > '9') return Status::error("bad generator state");
    const uint64_t next = x * 10 + uint64_t(c - '0');
    if (next / 10 != x) return Status::error("bad generator state");
    x = next;
  }
  out = x;
  return Status::ok();
}

}  // namespace

void write_training_state(const Optimizer<float>& opt, const ParamStore<float>& params, const ExamplePosition& p,
                          safetensors::File& out) {
  checkpoint::write_optimizer(opt, params, out);
  json::Value order = json::Value::make_array();
  for (int i : p.order) order.array.push_back(json::Value::from_int(i));
  out.set_meta("train_order", json::dump(order));
  out.set_meta("train_cursor", std::to_string(p.cursor));
  json::Value words = json::Value::make_array();  // strings: JSON numbers lose 64-bit words
  for (const auto& g : p.generators)
    for (uint64_t w : g) words.array.push_back(json::Value::from_string(std::to_string(w)));
  out.set_meta("train_rng", json::dump(words));
}

bool has_example_training_state(const safetensors::File& f) { return f.meta("train_rng") != nullptr; }

Status read_position(const safetensors::File& f, size_t examples, size_t generators, ExamplePosition& p) {
  const std::string* order = f.meta("train_order");
  const std::string* cursor = f.meta("train_cursor");
  const std::string* rng = f.meta("train_rng");
  if (!order || !cursor || !rng) return Status::error("the file's data position (train_order, train_cursor, train_rng) is incomplete");
  json::Value o, r;
  if (!json::parse(*order, o, examples + 2).is_ok() || !json::parse(*rng, r, 4 * generators + 8).is_ok())
    return Status::error("the file's data position does not fit these training examples (was it trained on other data?)");
  if (!o.is_array() || !r.is_array() || r.array.size() != 4 * generators)
    return Status::error("the file's data position is malformed");
  p = ExamplePosition();
  for (const json::Value& x : o.array) {
    int64_t i = 0;
    if (!x.as_int64(i) || i < 0 || i > (int64_t(1) << 30)) return Status::error("the file's data order is malformed");
    p.order.push_back(int(i));
  }
  int64_t c = 0;
  json::Value cv;
  if (!json::parse(*cursor, cv).is_ok() || !cv.as_int64(c) || c < 0) return Status::error("the file's train_cursor is malformed");
  p.cursor = size_t(c);
  p.generators.resize(generators);
  for (size_t g = 0; g < generators; ++g)
    for (size_t k = 0; k < 4; ++k) RP_TRY(read_u64(r.array[4 * g + k], p.generators[g][k]));
  return Status::ok();
}

}  // namespace rp
