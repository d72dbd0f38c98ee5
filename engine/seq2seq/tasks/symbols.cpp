// reverse / sort / copy: strings over the first `alphabet` letters.
#include <algorithm>
#include <memory>
#include <string>

#include "engine/seq2seq/tasks/draw.hpp"
#include "engine/seq2seq/tasks/generator.hpp"

namespace rp::seq2seq::detail {

namespace {

constexpr char kLetters[] = "abcdefghijklmnopqrstuvwxyz";

class Symbols final : public Generator {
 public:
  explicit Symbols(const TaskSpec& spec) : spec_(spec) {}

  uint64_t size() const override {
    uint64_t n = 0;
    for (int len = spec_.min_len; len <= spec_.max_len; ++len) n = sat_add(n, strings_of_length(spec_.alphabet, len));
    return n;
  }

  Example sample(Rng& rng) const override {
    const int len = between(rng, spec_.min_len, spec_.max_len);  // length first: every length equally common
    Example e;
    for (int i = 0; i < len; ++i) e.source += kLetters[below(rng, uint64_t(spec_.alphabet))];
    e.target = target(e.source);
    return e;
  }

  // Only called for spaces below kListLimit, so the per-length counts are exact.
  Example at(uint64_t index) const override {
    int len = spec_.min_len;
    for (; len < spec_.max_len; ++len) {
      const uint64_t count = strings_of_length(spec_.alphabet, len);
      if (index < count) break;
      index -= count;
    }
    Example e;
    e.source.assign(size_t(len), 'a');
    for (int i = len - 1; i >= 0; --i) {
      e.source[size_t(i)] = kLetters[index % uint64_t(spec_.alphabet)];
      index /= uint64_t(spec_.alphabet);
    }
    e.target = target(e.source);
    return e;
  }

 private:
  std::string target(const std::string& source) const {
    switch (spec_.kind) {
      case TaskKind::Reverse: return std::string(source.rbegin(), source.rend());  // ASCII, so bytes are characters
      case TaskKind::Sort: {
        std::string t = source;
        std::sort(t.begin(), t.end());
        return t;
      }
      default: return std::string(size_t(spec_.delay), '_') + source;
    }
  }

  TaskSpec spec_;
};

}  // namespace

std::unique_ptr<Generator> symbol_generator(const TaskSpec& spec) { return std::make_unique<Symbols>(spec); }

}  // namespace rp::seq2seq::detail
