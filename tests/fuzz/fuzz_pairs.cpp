// The seq2seq pair reader (source<TAB>target lines) on arbitrary bytes, then what the session does with
// accepted pairs: split them by seed, measure their shape and build their vocabulary. Accepted pairs keep the
// reader's promises (non-empty, valid UTF-8, no tab or line break, at most 1000 bytes a line, 200,000 pairs).
#include <cstdint>
#include <string>
#include <string_view>

#include "engine/core/utf8.hpp"
#include "engine/seq2seq/estimate.hpp"
#include "engine/seq2seq/tasks.hpp"
#include "engine/seq2seq/trainer.hpp"
#include "tests/fuzz/fuzz_check.hpp"

using namespace rp;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view tsv(reinterpret_cast<const char*>(data), size);
  std::vector<seq2seq::Example> all;
  if (!seq2seq::parse_pairs(tsv, all)) {
    FUZZ_CHECK(all.empty(), "a refused file leaves no pairs");
    return 0;
  }
  FUZZ_CHECK(!all.empty() && all.size() <= 200000, "between one and 200,000 pairs");
  for (const auto& e : all) {
    for (const std::string* s : {&e.source, &e.target}) {
      FUZZ_CHECK(!s->empty() && utf8::valid(*s), "non-empty valid UTF-8");
      FUZZ_CHECK(s->find_first_of("\t\n") == std::string::npos, "no tab or line break inside a side");
    }
    FUZZ_CHECK(e.source.size() + e.target.size() + 1 <= 1000, "a line is at most 1000 bytes");
  }
  const double fraction = size ? data[0] / 255.0 : 0.1;
  std::vector<seq2seq::Example> train, held;
  seq2seq::split_pairs(all, fraction, size, train, held);
  FUZZ_CHECK(train.size() + held.size() == all.size(), "the split keeps every pair once");
  if (all.size() >= 2) FUZZ_CHECK(!train.empty() && !held.empty(), "two or more pairs give both sides");
  const PairShape shape = pair_shape(train, held);
  Vocab vocab;
  FUZZ_CHECK(vocab_of(train, held, vocab).is_ok() && vocab.size() == shape.vocab, "the shape counts the vocabulary");
  for (const auto& e : all) {
    std::vector<TokenId> ids;
    FUZZ_CHECK(encode_chars(vocab, e.source, ids).is_ok() && int(ids.size()) <= shape.longest_source,
               "every source encodes within the longest");
  }
  return 0;
}
