// add: "a+b" -> a + b in decimal. Operands have min_len..max_len digits (digit count drawn uniformly, so
// short and long operands are equally common) and no leading zeros apart from "0" itself.
#include <algorithm>
#include <memory>
#include <string>
#include <utility>

#include "engine/seq2seq/tasks/draw.hpp"
#include "engine/seq2seq/tasks/generator.hpp"

namespace rp::seq2seq::detail {

namespace {

std::string add_decimal(const std::string& a, const std::string& b) {
  std::string sum;
  size_t i = a.size(), j = b.size();
  int carry = 0;
  while (i > 0 || j > 0 || carry > 0) {
    int d = carry;
    if (i > 0) d += a[--i] - '0';
    if (j > 0) d += b[--j] - '0';
    sum += char('0' + d % 10);
    carry = d / 10;
  }
  std::reverse(sum.begin(), sum.end());
  return sum;
}

uint64_t operands_with_digits(int digits) {
  if (digits == 1) return 10;  // 0..9
  return sat_mul(9, strings_of_length(10, digits - 1));
}

uint64_t operand_space(const TaskSpec& spec) {
  uint64_t n = 0;
  for (int d = spec.min_len; d <= spec.max_len; ++d) n = sat_add(n, operands_with_digits(d));
  return n;
}

std::string operand_sample(const TaskSpec& spec, Rng& rng) {
  const int digits = between(rng, spec.min_len, spec.max_len);
  std::string s(1, char('0' + (digits == 1 ? below(rng, 10) : 1 + below(rng, 9))));
  for (int i = 1; i < digits; ++i) s += char('0' + below(rng, 10));
  return s;
}

// Only for listable spaces, where every operand fits easily in 64 bits.
std::string operand_at(const TaskSpec& spec, uint64_t index) {
  for (int d = spec.min_len; d <= spec.max_len; ++d) {
    const uint64_t count = operands_with_digits(d);
    if (index < count) return std::to_string(d == 1 ? index : strings_of_length(10, d - 1) + index);
    index -= count;
  }
  return "0";
}

Example addition(std::string a, std::string b) {
  Example e;
  e.target = add_decimal(a, b);
  e.source = std::move(a) + "+" + b;
  return e;
}

class Addition final : public Generator {
 public:
  explicit Addition(const TaskSpec& spec) : spec_(spec) {}

  uint64_t size() const override {
    const uint64_t n = operand_space(spec_);
    return sat_mul(n, n);
  }

  Example sample(Rng& rng) const override {
    std::string a = operand_sample(spec_, rng);
    return addition(std::move(a), operand_sample(spec_, rng));
  }

  Example at(uint64_t index) const override {
    const uint64_t n = operand_space(spec_);
    return addition(operand_at(spec_, index / n), operand_at(spec_, index % n));
  }

 private:
  TaskSpec spec_;
};

}  // namespace

std::unique_ptr<Generator> addition_generator(const TaskSpec& spec) { return std::make_unique<Addition>(spec); }

}  // namespace rp::seq2seq::detail
