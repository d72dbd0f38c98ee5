// Addition (engine/seq2seq/tasks/addition.cpp): operands, leading zeros and sums, checked independently.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "engine/seq2seq/tasks.hpp"
#include "seq2seq/task_helpers.hpp"

using namespace rp;
using namespace rp::seq2seq;
using namespace rp::test;

namespace {

// A decimal string modulo m, by Horner's rule; with m = 0 it is taken modulo 2^64 by wrap-around.
uint64_t residue(const std::string& s, uint64_t m) {
  uint64_t r = 0;
  for (char c : s) r = m ? (r * 10 + uint64_t(c - '0')) % m : r * 10 + uint64_t(c - '0');
  return r;
}

}  // namespace

TEST_CASE("add: operands in digit range, no leading zeros, correct sums", "[seq2seq]") {
  TaskSpec spec = spec_for(TaskKind::Addition);
  spec.min_len = 1;
  spec.max_len = 18;  // sums fit in 64 bits
  std::vector<Example> train, held;
  REQUIRE(generate(spec, 21, 3000, 100, train, held).is_ok());
  std::set<size_t> digit_counts;
  for (const Example& e : joined(train, held)) {
    const size_t plus = e.source.find('+');
    REQUIRE(plus != std::string::npos);
    const std::string a = e.source.substr(0, plus), b = e.source.substr(plus + 1);
    REQUIRE(all_digits(a));
    REQUIRE(all_digits(b));
    REQUIRE(all_digits(e.target));
    REQUIRE((a.size() == 1 || a[0] != '0'));
    REQUIRE((b.size() == 1 || b[0] != '0'));
    REQUIRE((e.target.size() == 1 || e.target[0] != '0'));
    REQUIRE(a.size() <= 18);
    REQUIRE(b.size() <= 18);
    digit_counts.insert(a.size());
    REQUIRE(std::to_string(to_u64(a) + to_u64(b)) == e.target);
  }
  CHECK(digit_counts.size() == 18);

  spec.min_len = 30;
  spec.max_len = 50;
  REQUIRE(generate(spec, 22, 500, 10, train, held).is_ok());
  for (const Example& e : train) {
    const size_t plus = e.source.find('+');
    const std::string a = e.source.substr(0, plus), b = e.source.substr(plus + 1);
    REQUIRE(a.size() >= 30);
    REQUIRE(b.size() <= 50);
    REQUIRE(a[0] != '0');
    REQUIRE(e.target[0] != '0');
    // Big sums checked by residues: modulo a prime and modulo 2^64.
    const uint64_t p = 1000000007;
    REQUIRE((residue(a, p) + residue(b, p)) % p == residue(e.target, p));
    REQUIRE(residue(a, 0) + residue(b, 0) == residue(e.target, 0));
    const size_t longest = std::max(a.size(), b.size());
    REQUIRE((e.target.size() == longest || e.target.size() == longest + 1));
  }
}
